// `delegsim run <scenario>`: one run, metrics to stdout.

import { loadScenario } from '../../scenario/load.js';
import { checkPolicyParams } from '../../scenario/policyParams.js';
import { simulate } from '../../runner/simulate.js';
import { metricsTable, formatNumber } from '../format.js';
import { parseSeed } from '../options.js';
import { openAuditFile } from '../../model/audit/auditFile.js';

export interface RunOptions {
  policy?: string;
  seed?: string;
  set: string[];
  json?: boolean;
  audit?: string;
}

export function runCommand(ref: string, options: RunOptions): void {
  const { scenario } = loadScenario(ref, { overrides: options.set });
  const policy = options.policy ?? scenario.policy;
  checkPolicyParams(scenario, [policy]); // unknown names and parameters it does not take fail here, before any work
  const seed = options.seed === undefined ? scenario.seed : parseSeed(options.seed);
  const audit = options.audit === undefined ? undefined : openAuditFile(options.audit);
  const result = simulate(scenario, { seed, policy, audit });
  audit?.close();
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
