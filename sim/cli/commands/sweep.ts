// `delegsim sweep <sweep.json>`: runs the experiment a sweep file declares —
// a scenario, a grid or list of parameter points, policies, replications —
// into a results directory, interleaving runs so that a partial sweep
// already covers the whole grid. See runner/sweepFile.ts for the format.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { findPackageRoot } from '../../scenario/load.js';
import { prepareExperiment, type PreparedExperiment } from '../../runner/experiment.js';
import { parseSweepFile, sweepPlan } from '../../runner/sweepFile.js';
import type { ExperimentSummary } from '../../runner/summary.js';
import { isQuantileMetric } from '../../runner/summary.js';
import { parseShard, shardLabel, type Shard } from '../../runner/shard.js';
import { UsageError } from '../errors.js';
import { formatNumber, table } from '../format.js';
import {
  asUsageError,
  experimentHeadline,
  NO_RUNS,
  parseMetrics,
  parseRunTimeout,
  parseWorkers,
  pointLabel,
  runWithCli,
  shownMetrics,
  type ExperimentCliOptions,
} from './compare.js';

export interface SweepOptions extends ExperimentCliOptions {
  metrics?: string;
  shard?: string;
  queue?: string;
}

/** `--shard i/N`, checked against the plan's replications. */
function shardOption(text: string | undefined, replications: number): Shard | undefined {
  if (text === undefined) return undefined;
  const shard = parseShard(text);
  if (shard === undefined) throw new UsageError(`--shard: must be i/N with 1 ≤ i ≤ N, got '${text}'`);
  if (shard.count > replications) {
    throw new UsageError(`--shard: N must be at most the sweep's replications (${replications}), got ${shard.count}`);
  }
  return shard;
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** The built-in sweep files: scenarios/experiments/*.json. */
function builtinSweeps(): string[] {
  const dir = join(findPackageRoot(), 'scenarios', 'experiments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => join(dir, f))
    .sort();
}

/** A sweep argument: an existing file, or the name of a built-in sweep. */
export function resolveSweepFile(ref: string): string {
  if (isFile(ref)) return resolve(ref);
  const name = ref.endsWith('.json') ? ref.slice(0, -5) : ref;
  const found = builtinSweeps().find((path) => basename(path, '.json') === name);
  if (found !== undefined) return found;
  const names = builtinSweeps().map((p) => basename(p, '.json'));
  throw new UsageError(`sweep: no file or built-in sweep named '${ref}' (built-ins: ${names.join(', ') || 'none'})`);
}

/** A sweep's scenario reference as workers resolve it: a path relative to the sweep file if one exists there, else as written. */
function scenarioRef(sweepPath: string, scenario: string): string {
  const besideSweep = resolve(dirname(sweepPath), scenario);
  if (isFile(besideSweep)) {
    const rel = relative(process.cwd(), besideSweep);
    return rel === '' ? besideSweep : rel;
  }
  return scenario;
}

/** Rows of point × policy, columns of metrics as `mean ± half-width`. */
export function sweepTable(summary: ExperimentSummary, metrics: string[]): string {
  if (summary.points.every((point) => point.policies.every((p) => p.runs === 0))) return NO_RUNS;
  const rows: string[][] = [['point', 'policy', ...metrics]];
  // Label points by the parameters that vary; constant ones (the sweep's `set`) are noise here.
  const first = summary.points[0]?.params ?? {};
  const varying = Object.keys(first).filter((path) =>
    summary.points.some((point) => JSON.stringify(point.params[path]) !== JSON.stringify(first[path])),
  );
  for (const point of summary.points) {
    const label = pointLabel(point.params, varying);
    point.policies.forEach((policy, i) => {
      rows.push([
        i === 0 ? label : '',
        policy.policy,
        ...metrics.map((name) => {
          const m = policy.metrics[name];
          if (m === undefined || Number.isNaN(m.mean)) return '–';
          if (isQuantileMetric(name) && m.bootstrap !== undefined && !Number.isNaN(m.bootstrap.lo)) {
            return `${formatNumber(m.mean)} [${formatNumber(m.bootstrap.lo)}, ${formatNumber(m.bootstrap.hi)}]`;
          }
          return Number.isNaN(m.halfWidth) ? formatNumber(m.mean) : `${formatNumber(m.mean)} ± ${formatNumber(m.halfWidth)}`;
        }),
      ]);
    });
  }
  return table(rows);
}

export async function sweepCommand(ref: string, options: SweepOptions): Promise<void> {
  if (options.queue !== undefined && options.workers !== undefined) {
    throw new UsageError('--workers: not used with --queue (runs go to `delegsim worker --queue …` processes; give them --workers)');
  }
  if (options.queue !== undefined && options.runTimeout !== undefined) {
    throw new UsageError('--run-timeout: not used with --queue (give it to the `delegsim worker` processes)');
  }
  const workers = parseWorkers(options.workers);
  parseRunTimeout(options.runTimeout);
  let metrics = parseMetrics(options.metrics);
  const path = resolveSweepFile(ref);
  let prepared: PreparedExperiment;
  try {
    const sweep = parseSweepFile(readFileSync(path, 'utf8'), { source: relative(process.cwd(), path) || path });
    if (options.metrics === undefined && sweep.metrics !== undefined) metrics = sweep.metrics; // what this experiment measures
    prepared = prepareExperiment(sweepPlan(sweep, scenarioRef(path, sweep.scenario)));
  } catch (error) {
    throw asUsageError(error);
  }
  const shard = shardOption(options.shard, prepared.plan.replications);
  const shardDir = shard === undefined ? '' : `.shard-${shard.index + 1}-of-${shard.count}`;
  const out = options.out ?? join('results', prepared.plan.name + shardDir);
  const outcome = await runWithCli(prepared, { ...options, out, label: 'sweep', shard, queue: options.queue });
  if (outcome.interrupted) return;
  const plan = prepared.plan;
  process.stdout.write(
    `${plan.name}${shard === undefined ? '' : ` (shard ${shardLabel(shard)}; join the shards with delegsim merge)`}: ` +
      `${plan.points.length} point${plan.points.length === 1 ? '' : 's'} · ` +
      `${experimentHeadline(plan, outcome, options.queue === undefined ? Math.min(workers, prepared.total) : `the workers of ${options.queue}`)}\n\n` +
      sweepTable(outcome.summary, shownMetrics(outcome.summary, metrics)) +
      `\n\nmean ± 95% CI half-width over replications; quantile metrics: [bootstrap 95% CI]. ` +
      `Paired differences against ${plan.policies[0]}: ${out}/summary.json\n`,
  );
}
