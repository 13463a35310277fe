// `delegsim run <scenario>`: one run, metrics to stdout. With --audit FILE
// the decisions go to a temporary file beside FILE, renamed over it only when
// the run succeeds: a failed run leaves nothing (an empty log would verify as
// "0 records, chain intact"), and FILE is checked first (outputPaths.ts) so
// that a scenario or any other file that is not an audit log is never replaced.

import { loadScenario } from '../../scenario/load.js';
import { faultHook } from '../../runner/faultHook.js';
import { simulate } from '../../runner/simulate.js';
import { metricsTable, formatNumber } from '../format.js';
import { parseSeed } from '../options.js';
import { openAuditFile } from '../../model/audit/auditFile.js';
import type { ChainedAuditLog } from '../../model/audit/auditLog.js';
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkAuditPath } from '../outputPaths.js';
import { errnoOf, reasonOf } from '../../util/fileSystem.js';
import { UsageError } from '../errors.js';
import { tuneJit } from '../jitTuning.js';

export interface RunOptions {
  policy?: string;
  seed?: string;
  set: string[];
  json?: boolean;
  audit?: string;
}

export function runCommand(ref: string, options: RunOptions): void {
  tuneJit(); // one simulation on the main thread: see jitTuning.ts for why only here
  // An unknown --policy, or a policyParams entry the policy that runs does not take, fails here, before any work.
  const policyOf = (s: { policy: string }): string => options.policy ?? s.policy;
  const { scenario } = loadScenario(ref, { overrides: options.set, policies: (s) => [policyOf(s)] });
  const policy = policyOf(scenario);
  const seed = options.seed === undefined ? scenario.seed : parseSeed(options.seed);
  const injectFault = faultHook(process.env);
  const runOnce = (audit?: ChainedAuditLog) => {
    const result = simulate(scenario, { seed, policy, audit });
    injectFault?.(seed); // test hook (runner/faultHook.ts): after simulating, so the audit records exist
    return result;
  };
  const result = options.audit === undefined ? runOnce() : withAuditFile(options.audit, runOnce);
  if (options.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const m = result.metrics;
  const ci = result.intervals.meanWait;
  process.stdout.write(
    `${result.scenario} · policy ${result.policy} · seed ${result.seed} · stopped: ${result.stopCause}\n\n` +
      metricsTable(m) +
      `\n\nmeanWait 95% CI (batch means): ${formatNumber(ci?.lo ?? NaN)} … ${formatNumber(ci?.hi ?? NaN)} min` +
      `\n${formatNumber(m.goalsArrived! / m.wallSeconds!)} goals/s, ${formatNumber(m.events! / m.wallSeconds!)} events/s\n`,
  );
}

/** Runs `body` with an audit log that becomes `path` only if `body` returns; on failure nothing is left behind. */
function withAuditFile<T>(path: string, body: (audit: ChainedAuditLog) => T): T {
  checkAuditPath(path);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let audit: ChainedAuditLog;
  try {
    audit = openAuditFile(temporary);
  } catch (error) {
    throw new UsageError(`--audit ${path}: cannot write in ${dirname(path)} (${reasonOf(errnoOf(error)?.code)})`);
  }
  try {
    const result = body(audit);
    audit.close();
    renameSync(temporary, path);
    return result;
  } catch (error) {
    try {
      audit.close();
    } catch {
      // already closed, or the disk is what failed: the file goes anyway
    }
    rmSync(temporary, { force: true });
    throw error;
  }
}
