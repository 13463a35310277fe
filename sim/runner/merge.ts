// Joining results directories of one experiment (DESIGN.md: "--shard i/N +
// merge"): the shards of a sweep run on several machines, or partial runs of
// the same experiment, become the one results directory an unsharded run
// would have written — runs.log, runs.csv, runs.arrow, summary.json and
// manifest.json byte for byte (timings.csv holds wall-clock times).
//
// Every input is checked before anything is written: each must be a results
// directory (manifest.json and runs.log) of the same experiment — plan,
// scenario text and delegsim version, the hash runs.log headers carry — and
// every run record must match its spec's hash. A run present in several
// inputs must have the same output hash in each: runs are deterministic, so
// a difference means a different machine or build computed something else,
// and merging would hide it. Torn or damaged log lines are skipped and
// reported; the runs they held are simply missing, and the experiment's own
// command with --resume finishes them (resumeCommand prints it).

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ExperimentError,
  checkOutDirectory,
  claimOutDirectory,
  identityMismatch,
  identityOfManifest,
  preparedOfManifest,
  validRecords,
  writeResults,
  type Manifest,
  type PreparedExperiment,
} from './experiment.js';
import { specAt } from './plan.js';
import { listBuiltinScenarios } from '../scenario/load.js';
import { readRunLog, RunLogWriter } from './runLog.js';
import type { RunRecord } from './runRecord.js';
import type { RunFailure } from './runSpec.js';
import { metricNamesOf, summarizeExperiment, type ExperimentSummary } from './summary.js';
import { MANIFEST_FORMAT, fileSha256, loadTableLibraries } from './resultsFiles.js';
import { shellQuote } from '../util/shellQuote.js';

/** What one input directory contributed. */
export interface MergeSource {
  dir: string;
  /** Valid run records found in its runs.log. */
  runs: number;
  /** Lines of its runs.log that were torn, damaged or did not match the experiment. */
  dropped: number;
}

export interface MergeOutcome {
  prepared: PreparedExperiment;
  records: RunRecord[];
  names: string[];
  summary: ExperimentSummary;
  /** Runs that failed in some input and finished in none. */
  failures: RunFailure[];
  sources: MergeSource[];
  /** Runs found in more than one input (with the same output, or the merge would have stopped). */
  duplicates: number;
}

/** The manifest of results directory `dir` (which must also hold a runs.log), or an ExperimentError saying what is wrong. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ExperimentError(`merge: ${dir} is not a directory`);
  if (!existsSync(path)) throw new ExperimentError(`merge: ${dir} holds no manifest.json (not a delegsim results directory)`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    throw new ExperimentError(`merge: ${path} is not valid JSON`);
  }
  if (manifest?.format !== MANIFEST_FORMAT || typeof manifest.experiment !== 'object' || typeof manifest.scenario?.sha256 !== 'string') {
    throw new ExperimentError(`merge: ${path} is not a delegsim manifest`);
  }
  if (!existsSync(join(dir, 'runs.log'))) throw new ExperimentError(`merge: ${dir} holds no runs.log (results written by a delegsim before runs.log existed cannot be merged)`);
  return manifest;
}

/** Why two manifests are not the same experiment (naming the part that differs), or undefined if they are. */
function mismatch(a: Manifest, b: Manifest): string | undefined {
  return identityMismatch(identityOfManifest(a), identityOfManifest(b));
}


/**
 * The command that finishes the experiment of `prepared` in `out`: for a
 * comparison, the compare command itself, in full when its scenario is the
 * built-in of that name (else `<the scenario file>` stands for it); for a
 * sweep, `delegsim sweep <the sweep file> --resume --out DIR` (a manifest
 * does not record where its sweep file was).
 */
export function resumeCommand(prepared: PreparedExperiment, out: string): string {
  const { plan } = prepared;
  if (plan.kind !== 'compare') return `delegsim sweep <the sweep file> --resume --out ${shellQuote(out)}`;
  const builtin = listBuiltinScenarios().find((s) => s.name === plan.scenario);
  const sameText = builtin !== undefined && fileSha256(builtin.path) === prepared.scenario.sha256;
  const args = [
    'compare',
    sameText ? plan.scenario : '<the scenario file>',
    '--policies',
    plan.policies.join(','),
    '--replications',
    String(plan.replications),
    '--seed',
    String(plan.seed),
    ...plan.set.flatMap((entry) => ['--set', entry]),
    '--resume',
    '--out',
    out,
  ];
  return `delegsim ${args.map((arg) => (arg.startsWith('<') ? arg : shellQuote(arg))).join(' ')}`;
}

/**
 * Merges the results directories `dirs` into `out` (which must not be one of
 * them). Throws ExperimentError, before writing anything, if they are not
 * all of one experiment or disagree on a run.
 *
 * @example
 * await mergeResults(['results/x.shard-1-of-2', 'results/x.shard-2-of-2'], 'results/x');
 */
export async function mergeResults(dirs: string[], out: string, options: { force?: boolean } = {}): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new ExperimentError('merge: name at least one results directory');
  const manifests = dirs.map(readManifest);
  const first = manifests[0]!;
  manifests.forEach((manifest, i) => {
    const why = mismatch(first, manifest);
    if (why !== undefined) throw new ExperimentError(`merge: ${dirs[i]} is from a different experiment than ${dirs[0]}: ${why}`);
  });
  const prepared = preparedOfManifest(first);
  const outPath = resolve(out);
  for (const dir of dirs) {
    if (resolve(dir) === outPath) throw new ExperimentError(`--out ${out}: is one of the inputs; merge into a new directory`);
  }
  checkOutDirectory(out, { force: options.force === true });

  const byIndex = new Map<number, { record: RunRecord; dir: string }>();
  const sources: MergeSource[] = [];
  let duplicates = 0;
  dirs.forEach((dir) => {
    const log = readRunLog(join(dir, 'runs.log'));
    if (log.header !== undefined && log.header.plan !== prepared.planHash) {
      throw new ExperimentError(`merge: ${dir}/runs.log belongs to a different experiment than its manifest.json`);
    }
    const { kept, dropped } = validRecords(prepared, log.records);
    for (const record of kept) {
      const seen = byIndex.get(record.index);
      if (seen === undefined) {
        byIndex.set(record.index, { record, dir });
      } else if (seen.record.hash !== record.hash) {
        throw new ExperimentError(
          `merge: run ${record.index} (policy ${record.policy}, seed ${record.seed}) has different outputs in ${seen.dir} and ${dir}; ` +
            `runs are deterministic, so one of them was computed differently (check both with delegsim reproduce)`,
        );
      } else {
        duplicates++;
      }
    }
    sources.push({ dir, runs: kept.length, dropped: log.dropped + dropped });
  });

  const records = [...byIndex.values()].map((entry) => entry.record).sort((a, b) => a.index - b.index);
  const failed = new Map<number, RunFailure>();
  for (const manifest of manifests) {
    for (const f of manifest.failed ?? []) {
      if (!byIndex.has(f.index) && !failed.has(f.index)) failed.set(f.index, { spec: specAt(prepared.plan, f.index), error: f.error });
    }
  }
  const failures = [...failed.values()].sort((a, b) => a.spec.index - b.spec.index);
  const names = metricNamesOf(records);
  const summary = summarizeExperiment(prepared.plan, records, names, prepared.base);
  await loadTableLibraries();

  const unlock = claimOutDirectory(out, false);
  try {
    RunLogWriter.create(join(out, 'runs.log'), { plan: prepared.planHash, runs: prepared.total }, records).close();
    writeResults(out, { prepared, records, names, summary, failures });
  } finally {
    unlock();
  }
  return { prepared, records, names, summary, failures, sources, duplicates };
}
