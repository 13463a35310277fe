// Running an experiment plan end to end (Node): validate it, run its specs on
// a worker pool, append every finished run durably to runs.log, and write
// the results directory from the runs in index order.
//
// Crash safety: runs.log is the source of truth. A run counts once its line
// is fsync'd; --resume reads the log, drops a torn or damaged line and any
// record that does not match the plan, and runs only what is missing. The
// result files are rewritten from the log (write, then rename) each time.
//
// Identity: an experiment is its plan, its scenario's text (SHA-256) and the
// delegsim version. The plan names its scenario by a canonical label (the
// built-in name, or the file's base name), never by the path as typed: the
// same experiment started from another directory, or with the path spelled
// differently, must resume, merge and hash the same.

import { existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadScenario, findPackageRoot } from '../scenario/load.js';
import { parseScenario } from '../scenario/parse.js';
import { overridePath } from '../scenario/overrides.js';
import { policyFactory } from '../policies/registry.js';
import { baseParameterValues, planSpecs, pointOverrides, runCount, specAt, type ExperimentPlan, type JsonValue } from './plan.js';
import { createNodePool } from './nodePool.js';
import { readRunLog, RunLogWriter } from './runLog.js';
import { formatMetric, recordOf, runHash, type RunRecord } from './runRecord.js';
import type { RunFailure, RunSpec } from './runSpec.js';
import { metricNamesOf, summarizeExperiment, type ExperimentSummary } from './summary.js';
import { silentProgress, type ProgressReporter } from './progress.js';
import {
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  RESULT_FILES,
  loadTableLibraries,
  runsArrow,
  runsTable,
  sha256,
  timingsCsv,
  writeFileAtomic,
  writeRunsCsv,
  writeSummaryJson,
} from './resultsFiles.js';
import { MAX_POINT_POLICIES, MAX_REPLICATIONS, MAX_RUNS, RESERVED_PATHS, runCountFactors } from './sweepFile.js';
import { inShard, shardLabel, shardRunCount, type Shard } from './shard.js';
import { resumeProblem } from './resumable.js';
import { valueText } from '../util/fileSystem.js';

/** Invalid experiment input (exit code 2 in the CLI): one line naming what is wrong. */
export class ExperimentError extends Error {
  override readonly name = 'ExperimentError';
}

/** The scenario of an experiment, as read when it was prepared. */
export interface ExperimentScenario {
  /** The canonical label, the plan's `scenario` (see {@link scenarioLabel}). */
  ref: string;
  /**
   * The absolute path it was read from: where a trace scenario's workers load
   * it (its arrival CSV lies beside it). Not part of the experiment's identity.
   */
  path?: string;
  name: string;
  sha256: string;
  text: string;
  /** A trace scenario reads its arrival CSV from disk: workers load it by ref, not from `text`. */
  usesFile: boolean;
}

/** A validated plan, ready to run. */
export interface PreparedExperiment {
  plan: ExperimentPlan;
  total: number;
  scenario: ExperimentScenario;
  /** Identifies the plan, its scenario text and the delegsim version: a log resumes only under the same hash. */
  planHash: string;
  version: string;
  /**
   * The value of each parameter in the base scenario (plan.ts,
   * baseParameterValues): what a point that does not set a parameter runs
   * with, as runs.csv and summary.json show it. Computed once, here.
   */
  base: ReadonlyMap<string, JsonValue>;
}

let cachedVersion: string | undefined;

/** The delegsim version, from the package's package.json. */
export function delegsimVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version?: string };
    cachedVersion = pkg.version ?? '0.0.0';
  }
  return cachedVersion;
}

/**
 * The label a scenario file goes by in an experiment: its base name without
 * .json — for a built-in scenario, its name. The same wherever the file is
 * and however its path was spelled; the text's SHA-256 tells files of the
 * same name apart.
 */
export function scenarioLabel(path: string): string {
  return basename(path).replace(/\.json$/i, '');
}

/**
 * Validates a plan before anything runs or is written: known policies, no
 * duplicates, no `set` of a run column, replications and seeds in range, and
 * the scenario valid at every point with every override. The prepared plan
 * names its scenario by its label (plan.scenario may be any path or name).
 * Throws ScenarioError, UnknownPolicyError or ExperimentError.
 *
 * @example
 * const prepared = prepareExperiment(plan);
 */
export function prepareExperiment(plan: ExperimentPlan): PreparedExperiment {
  if (plan.policies.length === 0) throw new ExperimentError('policies: must name at least one policy');
  const seen = new Set<string>();
  for (const policy of plan.policies) {
    policyFactory(policy);
    if (seen.has(policy)) throw new ExperimentError(`policies: '${policy}' is listed twice`);
    seen.add(policy);
  }
  if (!Number.isInteger(plan.replications) || plan.replications < 1 || plan.replications > MAX_REPLICATIONS) {
    throw new ExperimentError(`replications: must be a whole number from 1 to ${MAX_REPLICATIONS}, got ${plan.replications}`);
  }
  const pairs = plan.points.length * plan.policies.length;
  if (pairs > MAX_POINT_POLICIES) {
    throw new ExperimentError(
      `points: an experiment may have at most ${MAX_POINT_POLICIES} points × policies, got ${pairs} (${runCountFactors(plan.points.length, plan.policies.length)})`,
    );
  }
  const runs = runCount(plan);
  if (runs > MAX_RUNS) {
    throw new ExperimentError(
      `runs: an experiment may have at most ${MAX_RUNS} runs, got ${runs} (${runCountFactors(plan.points.length, plan.policies.length, plan.replications)})`,
    );
  }
  if (!Number.isSafeInteger(plan.seed) || plan.seed < 0 || plan.seed + plan.replications - 1 > 0xffffffff) {
    throw new ExperimentError(`seed: seed + replications − 1 must lie in 0 … 4294967295, got seed ${plan.seed}`);
  }
  for (const entry of plan.set) {
    if (RESERVED_PATHS.has(overridePath(entry))) {
      throw new ExperimentError(`--set ${entry}: sets a run column (${[...RESERVED_PATHS].join(', ')}), which the experiment itself sets (use --seed or --policies)`);
    }
  }
  if (plan.points.length === 0) throw new ExperimentError('points: must have at least one point');
  const loaded = loadScenario(plan.scenario, { overrides: plan.set, policies: plan.policies });
  const usesFile = loaded.scenario.arrivals.process === 'trace' && loaded.scenario.arrivals.file !== undefined;
  for (let p = 0; p < plan.points.length; p++) {
    const overrides = pointOverrides(plan, p);
    if (usesFile) loadScenario(plan.scenario, { overrides, policies: plan.policies });
    else parseScenario(loaded.text, { overrides, source: plan.scenario, policies: plan.policies });
  }
  const label = scenarioLabel(loaded.path);
  const canonical: ExperimentPlan = { ...plan, scenario: label };
  const scenario: ExperimentScenario = {
    ref: label,
    path: loaded.path,
    name: loaded.scenario.name,
    sha256: sha256(loaded.text),
    text: loaded.text,
    usesFile,
  };
  return preparedOf(canonical, scenario, delegsimVersion());
}

/** The prepared experiment of a plan already checked, with its scenario and the delegsim version it was (or is) run with. */
function preparedOf(plan: ExperimentPlan, scenario: ExperimentScenario, version: string): PreparedExperiment {
  return {
    plan,
    total: runCount(plan),
    scenario,
    planHash: planHashOf(plan, scenario.sha256, version),
    version,
    base: baseParameterValues(plan, scenario.text),
  };
}

/**
 * The experiment a manifest records, as prepareExperiment prepared it when
 * the results were written — without needing its scenario file, whose text
 * the manifest carries (merge, reproduce).
 */
export function preparedOfManifest(manifest: Pick<Manifest, 'experiment' | 'scenario' | 'delegsim'>): PreparedExperiment {
  return preparedOf(manifest.experiment, { ...manifest.scenario }, manifest.delegsim);
}

/** What makes two results the same experiment (what the plan hash covers). */
export interface ExperimentIdentity {
  plan: ExperimentPlan;
  scenarioSha256: string;
  version: string;
}

const PLAN_PARTS: [key: keyof ExperimentPlan, what: string][] = [
  ['kind', 'kind of experiment'],
  ['name', 'name'],
  ['scenario', 'scenario'],
  ['set', 'set overrides'],
  ['points', 'points'],
  ['policies', 'policies'],
  ['replications', 'replications'],
  ['seed', 'seed'],
];

/**
 * Which part of `b` differs from `a` (`policies: fifo,random, not fifo`),
 * or undefined if they are the same experiment.
 */
export function identityMismatch(a: ExperimentIdentity, b: ExperimentIdentity): string | undefined {
  if (a.version !== b.version) return `delegsim ${b.version}, not ${a.version}`;
  if (a.scenarioSha256 !== b.scenarioSha256) {
    return `another scenario text (sha256 ${b.scenarioSha256.slice(0, 12)}…, not ${a.scenarioSha256.slice(0, 12)}…)`;
  }
  const shown = (value: unknown): string => {
    const text = Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(',') : JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  };
  for (const [key, what] of PLAN_PARTS) {
    if (JSON.stringify(a.plan[key]) !== JSON.stringify(b.plan[key])) return `another ${what} (${shown(b.plan[key])}, not ${shown(a.plan[key])})`;
  }
  if (JSON.stringify(a.plan) !== JSON.stringify(b.plan)) return 'another plan';
  return undefined;
}

/** The experiment a manifest records: plan, scenario text and delegsim version. */
export function identityOfManifest(manifest: Manifest): ExperimentIdentity {
  return { plan: manifest.experiment, scenarioSha256: manifest.scenario.sha256, version: manifest.delegsim };
}

/** Why the results in `out` are not of `prepared`'s experiment, read from their manifest (undefined if it cannot tell). */
function mismatchInDirectory(out: string, prepared: PreparedExperiment): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    return identityMismatch({ plan: prepared.plan, scenarioSha256: prepared.scenario.sha256, version: prepared.version }, identityOfManifest(manifest));
  } catch {
    return undefined;
  }
}

/** The hash that ties a runs.log to its experiment: plan, scenario text and delegsim version. */
function planHashOf(plan: ExperimentPlan, scenarioSha256: string, version: string): string {
  return sha256(JSON.stringify({ plan, scenario: scenarioSha256, version }));
}

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions {
  /** Results directory; without it nothing is written (and nothing can be resumed). */
  out?: string;
  workers: number;
  /** Continue the experiment whose runs.log is in `out` (refused unless `out` is a results directory: {@link checkResumable}). */
  resume?: boolean;
  /** Replace the results in `out` (only delegsim's own files are removed). */
  force?: boolean;
  progress?: ProgressReporter;
  /** Longest one run may take, in seconds; a run past it fails (and can be retried with --resume). Default: no limit. */
  runTimeout?: number;
  /** Aborting stops the experiment cleanly: finished runs are kept, the rest can be resumed. */
  signal?: AbortSignal;
  /** Run only this shard's replications (shard.ts); its results merge with the other shards' (merge.ts). */
  shard?: Shard;
  /** Run on `delegsim worker` processes through this Redis (`redis://HOST:PORT`) instead of local threads. */
  queue?: string;
}

/** What running an experiment produced. */
export interface ExperimentOutcome {
  prepared: PreparedExperiment;
  /** Runs this invocation was to finish: the plan's, or its shard's. */
  planned: number;
  /** Finished runs in index order (this invocation's and resumed ones). */
  records: RunRecord[];
  names: string[];
  summary: ExperimentSummary;
  failures: RunFailure[];
  interrupted: boolean;
  /** Runs found finished in runs.log at the start. */
  resumed: number;
  /** Lines of runs.log dropped at the start (torn, damaged or not matching the plan). */
  dropped: number;
  /** Seconds this invocation spent running. */
  seconds: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Checks, before anything is written, that `out` can take results: it is not
 * a file, and it holds none unless they are to be replaced (`force`) or
 * finished (`resume`, for the commands that have it). Throws an
 * ExperimentError naming the way out.
 */
export function checkOutDirectory(out: string, options: { force: boolean; resume?: boolean }): void {
  if (existsSync(out) && !statSync(out).isDirectory()) throw new ExperimentError(`--out ${out}: exists and is not a directory`);
  const holdsResults = existsSync(join(out, 'runs.log')) || existsSync(join(out, 'manifest.json'));
  if (holdsResults && !options.force && options.resume !== true) {
    const ways = options.resume === undefined ? 'pass --force to replace them' : 'pass --resume to finish them or --force to replace them';
    throw new ExperimentError(`--out ${out}: already holds results; ${ways}`);
  }
}

/**
 * Throws an ExperimentError unless `out` is a results directory that
 * `resume` may finish (resumable.ts): runExperiment checks it before
 * anything is touched, since resuming rewrites runs.log and every result file.
 */
function checkResumable(out: string): void {
  const problem = resumeProblem(out);
  if (problem !== undefined) throw new ExperimentError(`--resume: ${valueText(out)} is not a delegsim results directory (${problem})`);
}

/** Creates `out`, takes its lock and, unless `keepResults`, removes the results in it; returns the unlock. */
export function claimOutDirectory(out: string, keepResults: boolean): () => void {
  makeDirectory(out);
  const unlock = lockDirectory(out);
  try {
    if (!keepResults) for (const name of RESULT_FILES) if (name !== 'runs.lock') rmSync(join(out, name), { force: true });
  } catch (error) {
    unlock();
    throw error;
  }
  return unlock;
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdirSync never returns
 * for a path under /proc (root may write there, so the CLI's access check lets
 * it through), where a plain mkdirSync fails at once with the error the CLI
 * reports (cli/outputPaths.ts mkdirFailure).
 */
function makeDirectory(dir: string, asked = dir): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirectory(parent, asked);
  try {
    mkdirSync(dir);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === 'EEXIST') return; // made meanwhile by another process: fine
    error.path = asked; // name the directory asked for, as the recursive mkdir did
    throw error;
  }
}

/**
 * Removes `dir/runs.lock` if this process holds it (a process quitting at
 * once, without its unlock): a stale lock would only name a dead pid, but a
 * new process may reuse that pid and make a resume refuse the directory.
 */
export function releaseLockIfOwned(dir: string): void {
  const lock = join(dir, 'runs.lock');
  try {
    if (readFileSync(lock, 'utf8').trim() === String(process.pid)) unlinkSync(lock);
  } catch {
    // no lock taken yet, or already removed
  }
}

/** Takes `dir/runs.lock` for this process, unless a live process holds it; returns the unlock. */
function lockDirectory(dir: string): () => void {
  const lock = join(dir, 'runs.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const holder = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new ExperimentError(`--out ${dir}: in use by process ${holder} (delete ${lock} if that is not a delegsim run)`);
    }
    writeFileSync(lock, String(process.pid)); // stale lock of a killed run
  }
  return () => {
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  };
}

/** Interns metric name lists, so records share one array per distinct list. */
function nameInterner(): (names: string[]) => string[] {
  const known = new Map<string, string[]>();
  let last: string[] | undefined;
  return (names) => {
    if (last !== undefined && last.length === names.length && last.every((n, i) => n === names[i])) return last;
    const key = names.join('\n');
    let shared = known.get(key);
    if (shared === undefined) known.set(key, (shared = names));
    return (last = shared);
  };
}

/** Records of a previous log that belong to this plan and whose hash checks out. */
export function validRecords(prepared: PreparedExperiment, records: RunRecord[]): { kept: RunRecord[]; dropped: number } {
  const kept: RunRecord[] = [];
  let dropped = 0;
  for (const record of records) {
    if (!Number.isInteger(record.index) || record.index < 0 || record.index >= prepared.total) {
      dropped++;
      continue;
    }
    const spec = specAt(prepared.plan, record.index);
    const hash = runHash(spec, {
      scenarioName: record.scenarioName,
      stopCause: record.stopCause,
      names: record.names,
      values: Array.from(record.values, formatMetric),
    });
    if (record.policy !== spec.policy || record.seed !== spec.seed || hash !== record.hash) dropped++;
    else kept.push(record);
  }
  return { kept, dropped };
}

/**
 * Runs a prepared experiment. With `out`, every finished run is appended to
 * `out/runs.log` before it counts, and the result files and manifest are
 * written at the end — also after an interruption or failed runs, then with
 * `"complete": false` in the manifest.
 *
 * @example
 * const outcome = await runExperiment(prepareExperiment(plan), { out: 'results/x', workers: 2 });
 */
export async function runExperiment(prepared: PreparedExperiment, options: RunExperimentOptions): Promise<ExperimentOutcome> {
  const { out, workers, resume = false, force = false, progress = silentProgress, runTimeout, signal, shard } = options;
  const { plan, total } = prepared;
  if (!Number.isInteger(workers) || workers < 1) throw new ExperimentError(`--workers: must be a positive integer, got ${workers}`);
  if (shard !== undefined && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && shard.index >= 0 && shard.index < shard.count)) {
    throw new ExperimentError(`--shard: must be i/N with 1 ≤ i ≤ N, got ${shard.index + 1}/${shard.count}`);
  }
  if (shard !== undefined && shard.count > plan.replications) {
    throw new ExperimentError(`--shard: N must be at most the number of replications (${plan.replications}), got ${shard.count}`);
  }
  if (resume && out !== undefined) checkResumable(out);
  const label = shard === undefined ? undefined : shardLabel(shard);
  const planned = shardRunCount(plan, shard);
  // The queue backend loads BullMQ, which local runs need not pay for at
  // start-up. Opening it checks that Redis answers (a QueueError otherwise)
  // before anything is written.
  const queuePool =
    options.queue === undefined
      ? undefined
      : await (await import('./queuePool.js')).QueuePool.open({
          url: options.queue,
          plan: prepared.planHash,
          scenario: prepared.scenario.usesFile ? null : { sha256: prepared.scenario.sha256, text: prepared.scenario.text },
          version: prepared.version,
        });

  const logPath = out === undefined ? undefined : join(out, 'runs.log');
  let previous: RunRecord[] = [];
  let dropped = 0;
  let unlock = (): void => {};
  if (out !== undefined && logPath !== undefined) {
    checkOutDirectory(out, { force, resume });
    if (resume && existsSync(logPath)) {
      const contents = readRunLog(logPath);
      if (contents.header !== undefined && contents.header.plan !== prepared.planHash) {
        const why = mismatchInDirectory(out, prepared) ?? 'other plan, scenario text or delegsim version';
        throw new ExperimentError(`--resume: ${logPath} belongs to a different experiment (${why}); use another --out or --force`);
      }
      if (contents.header !== undefined && contents.header.shard !== label) {
        const held = contents.header.shard === undefined ? 'the whole experiment' : `shard ${contents.header.shard}`;
        throw new ExperimentError(`--resume: ${logPath} holds ${held}; resume it with ${contents.header.shard === undefined ? 'no --shard' : `--shard ${contents.header.shard}`}`);
      }
      const checked = validRecords(prepared, contents.records);
      previous = checked.kept.filter((record) => inShard(plan, shard, record.index));
      dropped = contents.dropped + checked.dropped + (checked.kept.length - previous.length);
    }
    unlock = claimOutDirectory(out, resume && !force);
  }

  const started = performance.now();
  const records: RunRecord[] = [...previous];
  const failures: RunFailure[] = [];
  const finished = new Uint8Array(total);
  for (const record of previous) finished[record.index] = 1;
  const intern = nameInterner();
  for (const record of records) record.names = intern(record.names as string[]);
  let interrupted = false;
  const log = logPath === undefined ? undefined : RunLogWriter.create(logPath, { plan: prepared.planHash, runs: total, shard: label }, previous);
  try {
    const remaining = planned - previous.length;
    progress.start(planned, previous.length);
    if (remaining > 0 && signal?.aborted !== true) {
      const sources: Record<string, string> = prepared.scenario.usesFile ? {} : { [plan.scenario]: prepared.scenario.text };
      // A trace scenario is loaded from its file (its CSV lies beside it): its
      // workers get the path; the records keep the spec by label.
      const where = prepared.scenario.usesFile ? prepared.scenario.path : undefined;
      const timeoutMs = runTimeout === undefined ? undefined : runTimeout * 1000;
      const pool = queuePool ?? createNodePool({ workers: Math.min(workers, remaining), config: { sources }, timeoutMs });
      try {
        const report = await pool.run(
          located(planSpecs(plan, (i) => finished[i] === 1 || !inShard(plan, shard, i)), where),
          {
            onResult(output, sent: RunSpec) {
              const spec = where === undefined ? sent : specAt(plan, sent.index);
              const record = recordOf(spec, { ...output, names: intern(output.names) });
              log?.append(record);
              records.push(record);
              progress.tick();
            },
            onFailure(failure) {
              failures.push(failure);
              progress.tick();
            },
            signal,
          },
        );
        interrupted = report.aborted;
      } finally {
        await pool.close();
      }
    }
  } finally {
    progress.stop();
    log?.close();
  }

  records.sort((a, b) => a.index - b.index);
  failures.sort((a, b) => a.spec.index - b.spec.index);
  const names = metricNamesOf(records);
  const summary = summarizeExperiment(plan, records, names, prepared.base);
  try {
    if (out !== undefined) {
      await loadTableLibraries();
      writeResults(out, { prepared, records, names, summary, failures, shard });
    }
  } finally {
    unlock();
  }
  return {
    prepared,
    planned,
    records,
    names,
    summary,
    failures,
    interrupted,
    resumed: previous.length,
    dropped,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The specs with their scenario read from `path` instead of by label (trace scenarios), else as they are. */
export function* located(specs: Iterable<RunSpec>, path: string | undefined): Generator<RunSpec> {
  for (const spec of specs) yield path === undefined ? spec : { ...spec, scenario: path };
}

/** The manifest of a results directory. */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  delegsim: string;
  node: string;
  /** Every planned run (of the shard, if any) finished. */
  complete: boolean;
  /** Present only in a shard's results: which one (`i/N`); runsPlanned and complete are the shard's. */
  shard?: string;
  experiment: ExperimentPlan;
  /** `path` only for a trace scenario, which reproduce reloads from there (its arrival CSV is not in the manifest). */
  scenario: { ref: string; name: string; sha256: string; text: string; usesFile: boolean; path?: string };
  metrics: string[];
  runsPlanned: number;
  runsDone: number;
  runs: (RunSpec & { hash: string })[];
  failed: { index: number; policy: string; seed: number; error: string }[];
  files: Record<string, string>;
}

/** JSON with the top level indented and one array item per line: readable, and diffable line by line. */
function manifestJson(manifest: Manifest): string {
  const lines = Object.entries(manifest).map(([key, value]) => {
    if (Array.isArray(value) && (key === 'runs' || key === 'failed')) {
      const items = value.map((item) => `    ${JSON.stringify(item)}`);
      return `  ${JSON.stringify(key)}: ${items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n  ]`}`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/** Writes runs.csv, runs.arrow, summary.json (`summary` made with `prepared.base`), timings.csv, then manifest.json (after loadTableLibraries()). */
export function writeResults(
  dir: string,
  results: {
    prepared: PreparedExperiment;
    records: RunRecord[];
    names: string[];
    summary: ExperimentSummary;
    failures: RunFailure[];
    shard?: Shard;
  },
): Manifest {
  const { prepared, records, names, summary, failures, shard } = results;
  const planned = shardRunCount(prepared.plan, shard);
  const runs = runsTable(prepared.plan, records, names, prepared.base);
  const csvSha256 = writeRunsCsv(dir, runs);
  const arrowSha256 = writeFileAtomic(dir, 'runs.arrow', runsArrow(runs));
  const summarySha256 = writeSummaryJson(dir, summary);
  writeFileAtomic(dir, 'timings.csv', timingsCsv(records));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    delegsim: prepared.version,
    node: process.version,
    complete: records.length === planned,
    ...(shard === undefined ? {} : { shard: shardLabel(shard) }),
    experiment: prepared.plan,
    scenario: {
      ref: prepared.scenario.ref,
      name: prepared.scenario.name,
      sha256: prepared.scenario.sha256,
      text: prepared.scenario.text,
      usesFile: prepared.scenario.usesFile,
      ...(prepared.scenario.usesFile && prepared.scenario.path !== undefined ? { path: prepared.scenario.path } : {}),
    },
    metrics: names,
    runsPlanned: planned,
    runsDone: records.length,
    runs: records.map((r) => ({ ...specAt(prepared.plan, r.index), hash: r.hash })),
    failed: failures.map((f) => ({ index: f.spec.index, policy: f.spec.policy, seed: f.spec.seed, error: f.error })),
    files: { 'runs.csv': csvSha256, 'runs.arrow': arrowSha256, 'summary.json': summarySha256 },
  };
  writeFileAtomic(dir, 'manifest.json', manifestJson(manifest));
  return manifest;
}
