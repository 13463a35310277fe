// Checking a results directory against its manifest (Node): the files'
// SHA-256, every stored row of runs.csv against its run's output hash and
// its plan (parameters, replication), every record of runs.log — which
// merge and --resume read instead of runs.csv — against the manifest, and a
// re-run of every run (or a seeded sample, plus every suspect row) on a
// worker pool from the scenario text the manifest carries. Anything that
// differs is reported with its run, policy and seed; results that are not
// the whole experiment (failed or missing runs) are reported as incomplete.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { createStream } from '../engine/random.js';
import { listBuiltinScenarios } from '../scenario/load.js';
import { ExperimentError, delegsimVersion, located, preparedOfManifest } from './experiment.js';
import { parameterPaths, parameterValues, placeOf, type ExperimentPlan } from './plan.js';
import { readRunLog } from './runLog.js';
import { createNodePool } from './nodePool.js';
import { silentProgress, type ProgressReporter } from './progress.js';
import { MANIFEST_FORMAT, MANIFEST_VERSION, fileSha256, parameterText, sha256 } from './resultsFiles.js';
import { formatMetric, recordOf, runHash } from './runRecord.js';
import { forEachCsvRow } from './csvRows.js';
import type { RunSpec } from './runSpec.js';

const specSchema = z.object({
  index: z.int().min(0),
  scenario: z.string(),
  overrides: z.array(z.string()),
  policy: z.string(),
  seed: z.int().min(0),
  hash: z.string(),
});

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  delegsim: z.string(),
  node: z.string(),
  complete: z.boolean().optional(),
  shard: z.string().optional(),
  // Kept as written (not re-built by zod): its JSON, key order included, is hashed.
  experiment: z.custom<ExperimentPlan>(
    (v) => v !== null && typeof v === 'object' && Array.isArray((v as ExperimentPlan).points) && Array.isArray((v as ExperimentPlan).policies),
    { message: 'must be an experiment plan' },
  ),
  scenario: z.object({ ref: z.string(), name: z.string(), sha256: z.string(), text: z.string(), usesFile: z.boolean(), path: z.string().optional() }),
  metrics: z.array(z.string()),
  runsPlanned: z.int(),
  runsDone: z.int(),
  runs: z.array(specSchema),
  failed: z.array(z.object({ index: z.int(), policy: z.string(), seed: z.int(), error: z.string() })).default([]),
  files: z.record(z.string(), z.string()),
});

type ManifestRun = z.output<typeof specSchema>;

/** Options of {@link reproduceResults}. */
export interface ReproduceOptions {
  workers: number;
  /** Re-run only this many runs, chosen with a seeded stream (suspect rows are always re-run). */
  sample?: number;
  /** Seed of the sample (default 1). */
  sampleSeed?: number;
  progress?: ProgressReporter;
  signal?: AbortSignal;
}

/** What reproducing found. */
export interface ReproduceReport {
  manifest: string;
  runs: number;
  /** Runs re-run. */
  rerun: number;
  /** Re-run runs whose output hash matched the manifest. */
  matched: number;
  /** Problems, one line each (any means the results do not reproduce as stored). */
  issues: string[];
  /**
   * Why the results are not the whole experiment (failed runs, runs never
   * run), one line each; empty when the manifest says it is complete.
   */
  incomplete: string[];
  /** Differences of environment that do not by themselves mean a problem. */
  notes: string[];
  interrupted: boolean;
}

const describe = (run: { index: number; policy: string; seed: number }): string =>
  `run ${run.index} (policy ${run.policy}, seed ${run.seed})`;

/**
 * A stored row of runs.csv: fixed columns, parameter texts by name, and the
 * metric texts in the manifest's order as one string (split by
 * {@link metricTexts}): a Map per row held ~150 entries per run, gigabytes
 * for the 500,000 runs an experiment may have (sweepFile.ts, MAX_RUNS).
 */
interface StoredRow {
  scenario: string;
  policy: string;
  replication: string;
  seed: string;
  stopCause: string;
  params: Map<string, string>;
  metricText: string;
}

/** Between metric texts in StoredRow.metricText: a formatted number never holds it. */
const UNIT_SEPARATOR = '\u001f';

/** The metric texts of a stored row, in the order of the metric names readStoredRows was given. */
const metricTexts = (row: StoredRow): string[] => row.metricText.split(UNIT_SEPARATOR);

function readStoredRows(path: string, metrics: string[], params: string[]): Map<number, StoredRow> {
  const stored = new Map<number, StoredRow>();
  let col: Map<string, number> | undefined;
  forEachCsvRow(path, (row) => {
    if (col === undefined) {
      col = new Map(row.map((name, i) => [name, i])); // the header
      return;
    }
    const at = (name: string): string => row[col!.get(name) ?? -1] ?? '';
    const index = Number(at('index'));
    if (!Number.isInteger(index)) return;
    stored.set(index, {
      scenario: at('scenario'),
      policy: at('policy'),
      replication: at('replication'),
      seed: at('seed'),
      stopCause: at('stopCause'),
      params: new Map(params.map((name) => [name, at(name)])),
      metricText: metrics.map(at).join(UNIT_SEPARATOR),
    });
  });
  return stored;
}

/** The k indices of a seeded sample of 0 … n−1, in increasing order (partial Fisher–Yates). */
export function sampleIndices(n: number, k: number, seed: number): number[] {
  const rng = createStream(seed, 'reproduce-sample');
  const a = Array.from({ length: n }, (_, i) => i);
  const m = Math.min(k, n);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, m).sort((x, y) => x - y);
}

/** Reads and validates a manifest; `path` may be the results directory. */
export function readManifest(path: string): { file: string; manifest: z.output<typeof manifestSchema> } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'manifest.json') : path;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new ExperimentError(`${file}: cannot read a manifest: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExperimentError(`${file}: not a delegsim manifest (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`);
  }
  return { file, manifest: parsed.data };
}

/**
 * Checks a results directory against its manifest and re-runs its runs.
 *
 * @example
 * const report = await reproduceResults('results/x/manifest.json', { workers: 2, sample: 20 });
 * if (report.issues.length > 0) console.error(report.issues.join('\n'));
 */
export async function reproduceResults(path: string, options: ReproduceOptions): Promise<ReproduceReport> {
  const { workers, sample, sampleSeed = 1, progress = silentProgress, signal } = options;
  const { file, manifest } = readManifest(path);
  const dir = dirname(file);
  const issues: string[] = [];
  const notes: string[] = [];

  if (manifest.delegsim !== delegsimVersion()) notes.push(`written by delegsim ${manifest.delegsim}, checking with ${delegsimVersion()}`);
  if (manifest.node !== process.version) notes.push(`written on Node ${manifest.node}, checking on ${process.version}`);
  if (sha256(manifest.scenario.text) !== manifest.scenario.sha256) {
    issues.push(`manifest: the scenario text does not match its sha256 (the manifest was edited)`);
  }
  // The manifest's copy is what re-runs use; a built-in of the same name (or,
  // for a trace scenario, the file it was read from) that has changed since
  // is worth a note. A scenario file elsewhere goes by its label only.
  const builtin = listBuiltinScenarios().find((b) => b.name === manifest.scenario.ref);
  const original = manifest.scenario.path ?? builtin?.path;
  if (original !== undefined) {
    if (!existsSync(original)) notes.push(`scenario ${original} is not available here; re-running the copy in the manifest`);
    else if (fileSha256(original) !== manifest.scenario.sha256) notes.push(`scenario ${original} has changed since; re-running the copy in the manifest`);
  }

  for (const [name, expected] of Object.entries(manifest.files)) {
    const filePath = join(dir, name);
    if (!existsSync(filePath)) issues.push(`${name}: missing`);
    else if (fileSha256(filePath) !== expected) issues.push(`${name}: contents differ from the manifest's SHA-256 (changed after it was written)`);
  }

  const byIndex = new Map<number, ManifestRun>(manifest.runs.map((run) => [run.index, run]));
  const prepared = preparedOfManifest(manifest);
  const { plan, base } = prepared;
  const paths = parameterPaths(plan);
  const csvPath = join(dir, 'runs.csv');
  const stored = existsSync(csvPath) ? readStoredRows(csvPath, manifest.metrics, paths) : new Map<number, StoredRow>();
  const metricAt = new Map(manifest.metrics.map((name, k) => [name, k])); // a metric's place in metricTexts(row)
  const suspect = new Set<number>();
  if (existsSync(csvPath)) {
    for (const run of manifest.runs) {
      const row = stored.get(run.index);
      if (row === undefined) {
        issues.push(`${describe(run)}: missing from runs.csv`);
        continue;
      }
      // Parameters and replication follow from the plan, not from the run's
      // output: no re-run can tell them, so they are checked here, by cell.
      const place = placeOf(plan, run.index);
      const expected = parameterValues(plan, place.point, base);
      const cells: string[] = paths
        .map((path) => [path, row.params.get(path) ?? '', parameterText(expected.get(path))] as const)
        .filter(([, text, want]) => text !== want)
        .map(([path, text, want]) => `${path} stored ${text}, plan ${want}`);
      if (row.replication !== String(place.replication)) cells.push(`replication stored ${row.replication}, plan ${place.replication}`);
      if (cells.length > 0) issues.push(`${describe(run)}: runs.csv row was edited: ${cells.join('; ')}`);
      const hash = runHash(run, {
        scenarioName: row.scenario,
        stopCause: row.stopCause,
        names: manifest.metrics,
        values: metricTexts(row),
      });
      if (hash !== run.hash || row.policy !== run.policy || row.seed !== String(run.seed)) suspect.add(run.index);
    }
    for (const index of stored.keys()) if (!byIndex.has(index)) issues.push(`runs.csv: row for run ${index}, which the manifest does not list`);
  }
  issues.push(...checkRunLog(dir, manifest, prepared.planHash));
  const incomplete = incompleteness(manifest);

  const chosen = new Set<number>(
    sample === undefined ? manifest.runs.map((r) => r.index) : sampleIndices(manifest.runs.length, sample, sampleSeed).map((i) => manifest.runs[i]!.index),
  );
  for (const index of suspect) chosen.add(index);
  const specs: RunSpec[] = [...chosen].sort((a, b) => a - b).map((i) => {
    const { hash: _hash, ...spec } = byIndex.get(i)!;
    return spec;
  });

  let matched = 0;
  const sources = manifest.scenario.usesFile ? {} : { [manifest.scenario.ref]: manifest.scenario.text };
  // A trace scenario is reloaded from where it was read (its CSV is not in the manifest).
  const where = manifest.scenario.usesFile ? manifest.scenario.path : undefined;
  const runIssues: { index: number; line: string }[] = [];
  progress.start(specs.length, 0);
  let interrupted = false;
  if (specs.length > 0) {
    const pool = createNodePool({ workers: Math.min(workers, specs.length), config: { sources } });
    try {
      const report = await pool.run(located(specs, where), {
        onResult(output, sent) {
          progress.tick();
          const run = byIndex.get(sent.index)!;
          const { hash: _hash, ...spec } = run;
          const record = recordOf(spec, output);
          const row = stored.get(spec.index);
          const edited: string[] = [];
          if (row !== undefined) {
            const texts = metricTexts(row);
            record.names.forEach((name, k) => {
              const at = metricAt.get(name);
              const text = at === undefined ? undefined : texts[at];
              const now = formatMetric(record.values[k]!);
              if (text !== undefined && text !== now) edited.push(`${name} stored ${text}, re-run ${now}`);
            });
            if (row.stopCause !== record.stopCause) edited.push(`stopCause stored ${row.stopCause}, re-run ${record.stopCause}`);
            if (row.scenario !== record.scenarioName) edited.push(`scenario stored ${row.scenario}, re-run ${record.scenarioName}`);
            if (row.policy !== run.policy) edited.push(`policy stored ${row.policy}, manifest ${run.policy}`);
            if (row.seed !== String(run.seed)) edited.push(`seed stored ${row.seed}, manifest ${run.seed}`);
          }
          const detail = edited.length === 0 ? '' : `: ${edited.slice(0, 4).join('; ')}${edited.length > 4 ? `; … (${edited.length} fields)` : ''}`;
          if (record.hash === run.hash) {
            matched++;
            if (suspect.has(spec.index)) runIssues.push({ index: spec.index, line: `${describe(run)}: runs.csv row was edited (the re-run matches the manifest)${detail}` });
          } else {
            runIssues.push({ index: spec.index, line: `${describe(run)}: re-run output differs from the manifest (hash ${record.hash}, manifest ${run.hash})${detail}` });
          }
        },
        onFailure(failure) {
          progress.tick();
          runIssues.push({ index: failure.spec.index, line: `${describe(failure.spec)}: re-run failed: ${failure.error}` });
        },
        signal,
      });
      interrupted = report.aborted;
    } finally {
      progress.stop();
      await pool.close();
    }
  } else progress.stop();
  runIssues.sort((a, b) => a.index - b.index);
  issues.push(...runIssues.map((r) => r.line));
  return { manifest: file, runs: manifest.runs.length, rerun: specs.length, matched, issues, incomplete, notes, interrupted };
}

type ParsedManifest = z.output<typeof manifestSchema>;

/**
 * Checks runs.log against the manifest: merge and --resume read the runs from
 * it, so a damaged line or a record that disagrees with the manifest would
 * silently lose (or change) a run there. Each run the manifest lists must
 * have a record whose values hash to its output hash.
 */
function checkRunLog(dir: string, manifest: ParsedManifest, planHash: string): string[] {
  const path = join(dir, 'runs.log');
  if (!existsSync(path)) return ['runs.log: missing (merge and --resume read the runs from it)'];
  const issues: string[] = [];
  const log = readRunLog(path);
  if (log.dropped > 0) issues.push(`runs.log: ${log.dropped} torn or damaged line(s) (checksum or format fails); merge and --resume would drop them`);
  if (log.header === undefined) issues.push('runs.log: no valid header line');
  else if (log.header.plan !== planHash) {
    issues.push('runs.log: its header names another experiment than the manifest');
  }
  const logged = new Map(log.records.map((record) => [record.index, record]));
  for (const run of manifest.runs) {
    const record = logged.get(run.index);
    if (record === undefined) {
      issues.push(`${describe(run)}: missing from runs.log (a damaged line, or removed)`);
      continue;
    }
    const { hash: _hash, ...spec } = run;
    const hash = runHash(spec, {
      scenarioName: record.scenarioName,
      stopCause: record.stopCause,
      names: record.names,
      values: Array.from(record.values, formatMetric),
    });
    if (record.policy !== run.policy || record.seed !== run.seed || record.hash !== run.hash || hash !== run.hash) {
      issues.push(`${describe(run)}: runs.log record differs from the manifest (its values hash to ${hash}, manifest ${run.hash})`);
    }
  }
  const listed = new Set(manifest.runs.map((run) => run.index));
  for (const record of log.records) {
    if (!listed.has(record.index)) issues.push(`runs.log: record of run ${record.index}, which the manifest does not list (resume the experiment to write it)`);
  }
  return issues;
}

/** Why a manifest's results are not the whole experiment (or its shard), one line each; empty if they are. */
function incompleteness(manifest: ParsedManifest): string[] {
  const missing = manifest.runsPlanned - manifest.runsDone;
  if (manifest.complete !== false && missing <= 0) return [];
  const what = manifest.shard === undefined ? 'planned runs' : `runs planned for shard ${manifest.shard}`;
  const neverRan = missing - manifest.failed.length;
  const lines = [
    `${manifest.runsDone} of ${manifest.runsPlanned} ${what} are in the results` +
      ` (${manifest.failed.length} failed${neverRan > 0 ? `, ${neverRan} never ran` : ''}); their statistics leave the missing replications out`,
  ];
  for (const f of manifest.failed) lines.push(`${describe(f)}: failed: ${f.error}`);
  return lines;
}
