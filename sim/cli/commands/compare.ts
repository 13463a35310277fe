// `delegsim compare <scenario>`: every policy on the same seeds (common random
// numbers), replicated on a worker pool; prints mean and 95% CI per policy
// and the paired difference against the first policy with its CI and
// p-value. Also the shared plumbing of `sweep`: option parsing, running an
// experiment under Ctrl-C, SIGTERM and SIGHUP, and reporting its outcome.

import { availableParallelism } from 'node:os';
import { loadScenario } from '../../scenario/load.js';
import { policyNames } from '../../policies/registry.js';
import { GLOSSARY } from '../../metrics/glossary.js';
import { ExperimentError, prepareExperiment, releaseLockIfOwned, runExperiment, type ExperimentOutcome, type PreparedExperiment } from '../../runner/experiment.js';
import { SweepFileError, MAX_REPLICATIONS } from '../../runner/sweepFile.js';
import { createProgress } from '../../runner/progress.js';
import { isQuantileMetric, type ExperimentSummary, type MetricSummary } from '../../runner/summary.js';
import { parameterText } from '../../runner/resultsFiles.js';
import type { ExperimentPlan } from '../../runner/plan.js';
import type { Shard } from '../../runner/shard.js';
import { UsageError } from '../errors.js';
import { formatNumber, table } from '../format.js';
import { parseSeed } from '../options.js';
import { shellQuote } from '../../util/shellQuote.js';
import { checkOutPath, mkdirFailure } from '../outputPaths.js';
import { signalExitCode, stopOnSignals } from '../stopSignals.js';

/** Metrics shown by default; `--metrics all` shows every one. */
export const HEADLINE_METRICS = ['accuracy', 'costPerGoal', 'costPerCorrectGoal', 'meanMakespan', 'p95Makespan', 'meanCascadeSize', 'failures'];
export const MAX_WORKERS = 64;
export const DEFAULT_REPLICATIONS = 10;

/** `--workers`: 1 … 64; default: the cores available (at most 64). */
export function parseWorkers(text: string | undefined): number {
  if (text === undefined) return Math.min(MAX_WORKERS, availableParallelism());
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_WORKERS) {
    throw new UsageError(`--workers: must be a whole number from 1 to ${MAX_WORKERS}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** `--replications`: 1 … 100,000. */
export function parseReplications(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > MAX_REPLICATIONS) {
    throw new UsageError(`--replications: must be a whole number from 1 to ${MAX_REPLICATIONS}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** `--metrics`: `all`, or a comma-separated list of known metric names. */
export function parseMetrics(text: string | undefined): string[] | 'all' {
  if (text === undefined) return HEADLINE_METRICS;
  if (text.trim() === 'all') return 'all';
  const names = text.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!Object.hasOwn(GLOSSARY, name)) {
      throw new UsageError(`--metrics: unknown metric ${JSON.stringify(name)} (use 'all' or names from the glossary, e.g. ${HEADLINE_METRICS.join(', ')})`);
    }
  }
  return names;
}

/** Runner errors that mean "the input is wrong" become UsageErrors (exit 2), as does a results directory that cannot be created. */
export function asUsageError(error: unknown): unknown {
  // QueueError (runner/queue.ts) is matched by name: importing it would load ioredis for every command.
  const queueError = error instanceof Error && error.name === 'QueueError';
  if (error instanceof ExperimentError || error instanceof SweepFileError || queueError) return new UsageError((error as Error).message);
  return mkdirFailure(error) ?? error;
}


/** `--run-timeout`: seconds, > 0; default: no limit. */
export function parseRunTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0) || n > 1e6) {
    throw new UsageError(`--run-timeout: must be a number of seconds greater than 0, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** The command line again, with --resume instead of --force: what finishes an interrupted experiment. */
function resumeCommandLine(): string {
  const args = process.argv.slice(2).filter((a) => a !== '--force');
  if (!args.includes('--resume')) args.push('--resume');
  return `delegsim ${args.map(shellQuote).join(' ')}`;
}

/** Options every experiment command shares. */
export interface ExperimentCliOptions {
  runTimeout?: string;
  workers?: string;
  out?: string;
  resume?: boolean;
  force?: boolean;
}

/**
 * Runs a prepared experiment with a progress display and signal handling:
 * the first SIGINT, SIGTERM or SIGHUP stops cleanly (finished runs kept and
 * written), a second one exits at once. Sets process.exitCode: 128 + the
 * signal's number after an interruption (130 for Ctrl-C), 1 if runs failed.
 */
export async function runWithCli(
  prepared: PreparedExperiment,
  options: ExperimentCliOptions & { label: string; shard?: Shard; queue?: string },
): Promise<ExperimentOutcome> {
  const workers = parseWorkers(options.workers);
  const runTimeout = parseRunTimeout(options.runTimeout);
  const { out, label } = options;
  if (options.resume && out === undefined) throw new UsageError('--resume: needs --out DIR (the results directory to finish)');
  if (options.resume && options.force) throw new UsageError('--resume and --force: choose one');
  if (out !== undefined) checkOutPath(out);
  // A --resume of a directory that is not a results directory is refused by runExperiment (checkResumable), before anything is touched.
  const stop = stopOnSignals(label, () => {
    if (out !== undefined) releaseLockIfOwned(out);
    process.stderr.write(
      out === undefined
        ? `${label}: quit at once (no --out, nothing saved)\n`
        : `${label}: quit at once; finished runs are saved in ${out}/runs.log. Resume with: ${resumeCommandLine()}\n`,
    );
  });
  let outcome: ExperimentOutcome;
  try {
    outcome = await runExperiment(prepared, {
      out,
      workers,
      resume: options.resume,
      force: options.force,
      progress: createProgress({ label }),
      runTimeout,
      signal: stop.signal,
      shard: options.shard,
      queue: options.queue,
    });
  } catch (error) {
    throw asUsageError(error);
  } finally {
    stop.release();
  }
  reportOutcome(outcome, options, stop.stoppedBy());
  return outcome;
}

function reportOutcome(outcome: ExperimentOutcome, options: ExperimentCliOptions & { label: string }, stoppedBy: NodeJS.Signals | undefined): void {
  const { label, out } = options;
  const done = outcome.records.length;
  const total = outcome.planned;
  const err = (line: string): boolean => process.stderr.write(line + '\n');
  if (outcome.dropped > 0) err(`${label}: dropped ${outcome.dropped} torn or damaged line(s) of runs.log; those runs were redone`);
  for (const f of outcome.failures) err(`${label}: run ${f.spec.index} failed (policy ${f.spec.policy}, seed ${f.spec.seed}): ${f.error}`);
  if (outcome.interrupted) {
    err(
      out === undefined
        ? `${label}: interrupted after ${done} of ${total} runs (no --out, nothing saved)`
        : `${label}: interrupted after ${done} of ${total} runs; finished runs are saved in ${out}/runs.log. Resume with:\n  ${resumeCommandLine()}`,
    );
    process.exitCode = signalExitCode(stoppedBy ?? 'SIGINT');
    return;
  }
  if (outcome.failures.length > 0) {
    err(
      `${label}: ${outcome.failures.length} of ${total} runs failed; their replications are left out of the statistics` +
        (out === undefined ? '' : `. Retry them with:\n  ${resumeCommandLine()}`),
    );
    process.exitCode = 1;
  }
  if (out !== undefined) {
    err(`${label}: ${done} runs (${outcome.resumed} resumed) in ${outcome.seconds.toFixed(1)} s; wrote ${out}/{runs.csv,runs.arrow,summary.json,timings.csv,manifest.json}`);
  }
}

const fmt = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : formatNumber(x));
const range = (lo: number | null | undefined, hi: number | null | undefined): string =>
  lo === null || lo === undefined || Number.isNaN(lo) ? '–' : `${fmt(lo)} … ${fmt(hi)}`;
const pText = (p: number | null | undefined): string =>
  p === null || p === undefined || Number.isNaN(p) ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3);

/** What the tables say instead of rows of dashes when no run finished (they all failed, or none was merged). */
export const NO_RUNS = 'no run finished, so there are no statistics to show';

/** The interval shown for a metric: the bootstrap one for quantile metrics, else the t interval. */
function shownInterval(name: string, m: MetricSummary | undefined): string {
  if (m === undefined) return '–';
  return isQuantileMetric(name) && m.bootstrap !== undefined ? range(m.bootstrap.lo, m.bootstrap.hi) : range(m.lo, m.hi);
}

/** The metrics to show, in the summary's order for `all`, else in the order asked (skipping absent ones). */
export function shownMetrics(summary: ExperimentSummary, wanted: string[] | 'all'): string[] {
  return wanted === 'all' ? summary.metrics : wanted.filter((name) => summary.metrics.includes(name));
}

/**
 * The comparison table of one point: per metric, each policy's mean and 95%
 * CI, and its paired difference against the baseline with CI and p-value.
 */
export function comparisonTable(summary: ExperimentSummary, metrics: string[], point = 0): string {
  const at = summary.points[point];
  if (at === undefined) return '';
  if (at.policies.every((p) => p.runs === 0)) return NO_RUNS;
  const baseline = summary.baseline;
  const blocks: string[] = [];
  for (const name of metrics) {
    const unit = GLOSSARY[name]?.unit;
    const ci = isQuantileMetric(name) ? '95% CI (bootstrap)' : '95% CI';
    const rows: string[][] = [[`${name}${unit ? ` (${unit})` : ''}`, 'mean', ci, `Δ vs ${baseline}`, ci, 'p']];
    for (const policy of at.policies) {
      const m = policy.metrics[name];
      const d = at.differences.find((x) => x.policy === policy.policy)?.metrics[name];
      rows.push([
        `  ${policy.policy}`,
        fmt(m?.mean),
        shownInterval(name, m),
        d === undefined ? '' : fmt(d.mean),
        d === undefined ? '' : shownInterval(name, d),
        d === undefined ? '' : pText(d.p),
      ]);
    }
    blocks.push(table(rows));
  }
  return blocks.join('\n\n');
}

/** `1 policy`, `3 policies`. */
const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The line above an experiment's table; `ranOn` is a worker count or where the runs went (a queue). */
export function experimentHeadline(plan: ExperimentPlan, outcome: ExperimentOutcome, ranOn: number | string): string {
  const last = plan.seed + plan.replications - 1;
  const where = typeof ranOn === 'number' ? count(ranOn, 'worker') : ranOn;
  const seeds = plan.replications === 1 ? `seed ${plan.seed}` : `seeds ${plan.seed}–${last}`;
  return (
    `${outcome.prepared.scenario.name} · ${count(plan.policies.length, 'policy', 'policies')} × ${count(plan.replications, 'replication')} ` +
    `(${seeds}, common random numbers) · ${count(outcome.records.length, 'run')}, ${outcome.seconds.toFixed(1)} s on ${where}`
  );
}

/** Point labels: `arrivals.rate=8 population.0.count=10`, limited to the parameters in `only` when given. */
export function pointLabel(params: Record<string, unknown>, only?: readonly string[]): string {
  const parts = Object.entries(params)
    .filter(([path]) => only === undefined || only.includes(path))
    .map(([path, value]) => `${path}=${parameterText(value as never)}`);
  return parts.length === 0 ? '(base)' : parts.join(' ');
}

export interface CompareOptions extends ExperimentCliOptions {
  policies?: string;
  replications?: string;
  seed?: string;
  set: string[];
  metrics?: string;
  json?: boolean;
}

/** The names `--policies` lists, or undefined when it is not given. */
function listedPolicies(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new UsageError(`--policies: must be a comma-separated list of policy names, got ${JSON.stringify(text)}`);
  return names;
}

/** Every registered policy, the scenario's own first: a comparison without --policies. */
function allPolicies(scenarioPolicy: string): string[] {
  const all = policyNames();
  return all.includes(scenarioPolicy) ? [scenarioPolicy, ...all.filter((p) => p !== scenarioPolicy)] : all;
}

export async function compareCommand(ref: string, options: CompareOptions): Promise<void> {
  const replications = parseReplications(options.replications, DEFAULT_REPLICATIONS);
  const workers = parseWorkers(options.workers);
  parseRunTimeout(options.runTimeout);
  const metrics = parseMetrics(options.metrics);
  const listed = listedPolicies(options.policies);
  // Without --policies, which run depends on the scenario (its own comes first); its policyParams must suit them.
  const policiesOf = (s: { policy: string }): string[] => listed ?? allPolicies(s.policy);
  const { scenario } = loadScenario(ref, { overrides: options.set, policies: policiesOf });
  const policies = policiesOf(scenario);
  const plan: ExperimentPlan = {
    kind: 'compare',
    name: `compare-${scenario.name}`,
    scenario: ref,
    set: options.set,
    points: [{ params: [] }],
    policies,
    replications,
    seed: options.seed === undefined ? scenario.seed : parseSeed(options.seed),
  };
  if (plan.seed + replications - 1 > 0xffffffff) throw new UsageError(`--seed: seed + replications − 1 must be at most 4294967295`);
  let prepared: PreparedExperiment;
  try {
    prepared = prepareExperiment(plan);
  } catch (error) {
    throw asUsageError(error);
  }
  const outcome = await runWithCli(prepared, { ...options, label: 'compare' });
  if (outcome.interrupted) return;
  if (options.json) {
    process.stdout.write(JSON.stringify(outcome.summary) + '\n');
    return;
  }
  process.stdout.write(
    `${experimentHeadline(plan, outcome, Math.min(workers, prepared.total))}\n\n` +
      comparisonTable(outcome.summary, shownMetrics(outcome.summary, metrics)) +
      `\n\nΔ: paired difference (policy − ${plan.policies[0]}) over replications sharing a seed; p: two-sided paired t test.` +
      (metrics === 'all' ? '' : ` More metrics: --metrics all.`) +
      '\n',
  );
}
