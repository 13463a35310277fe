// The statistical summary of an experiment (summary.json): for every point
// of the plan, every policy and every metric, the mean over replications with
// its 95% t interval, and the paired difference against the baseline policy
// (the plan's first) with its interval and p-value. Quantile metrics (p50…,
// p95…, p99…) also get percentile bootstrap intervals, from seeded streams.
// Pure and browser-safe; deterministic for the same runs in any order.

import { createStream } from '../engine/random.js';
import { bootstrapMeanInterval, bootstrapPairedInterval } from '../metrics/bootstrap.js';
import { pairedDifference, replicationMean, type PairedDifference, type ReplicationMean } from '../metrics/replicationStatistics.js';
import { parameterValues, placeOf, type ExperimentPlan, type JsonValue } from './plan.js';

export const SUMMARY_FORMAT = 'delegsim-summary';
export const SUMMARY_VERSION = 1;
/** Bootstrap resamples per interval. */
export const BOOTSTRAP_RESAMPLES = 2000;

/** A run's metrics, as the summary needs them. */
export interface SummaryRow {
  index: number;
  names: readonly string[];
  values: ArrayLike<number>;
}

export interface BootstrapBounds {
  lo: number;
  hi: number;
}

/** A metric's mean over replications with its Student-t interval, and for quantile metrics a bootstrap interval. */
export interface MetricSummary extends ReplicationMean {
  /** Percentile bootstrap interval of the mean (quantile metrics only). */
  bootstrap?: BootstrapBounds;
}

/** A paired difference against the baseline (t interval and p-value), and for quantile metrics a bootstrap interval. */
export interface DifferenceSummary extends PairedDifference {
  bootstrap?: BootstrapBounds;
}

export interface PolicySummary {
  policy: string;
  runs: number;
  metrics: Record<string, MetricSummary>;
}

export interface PolicyDifference {
  policy: string;
  /** The baseline policy the difference is taken against (policy − baseline). */
  baseline: string;
  metrics: Record<string, DifferenceSummary>;
}

export interface PointSummary {
  params: Record<string, JsonValue>;
  policies: PolicySummary[];
  differences: PolicyDifference[];
}

export interface ExperimentSummary {
  format: typeof SUMMARY_FORMAT;
  version: typeof SUMMARY_VERSION;
  experiment: string;
  scenario: string;
  baseline: string;
  replications: number;
  confidence: 0.95;
  metrics: string[];
  quantileMetrics: string[];
  points: PointSummary[];
}

/** Metrics that are per-run quantiles (`p50Makespan`, `p95CascadeSize`, …). */
export function isQuantileMetric(name: string): boolean {
  return /^p\d+(?![a-z\d])/.test(name);
}

/** Metric names over all rows: the first row's order, then any new ones in row order. */
export function metricNamesOf(rows: Iterable<SummaryRow>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  let last: readonly string[] | undefined;
  for (const row of rows) {
    if (row.names === last) continue;
    last = row.names;
    for (const name of row.names) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names;
}

/**
 * Summarises the runs of a plan. `rows` may come in any order and may miss
 * runs (failed or not yet run): a missing replication is left out of its
 * policy's mean and of every paired difference that needs it. `base` gives
 * each point's params the value in effect of parameters only other points
 * set (plan.ts, baseParameterValues), as runs.csv shows them.
 *
 * @example
 * const summary = summarizeExperiment(plan, rows);
 * summary.points[0]!.differences[0]!.metrics.meanWait!.p;
 */
export function summarizeExperiment(
  plan: ExperimentPlan,
  rows: readonly SummaryRow[],
  names = metricNamesOf(rows),
  base?: ReadonlyMap<string, JsonValue>,
): ExperimentSummary {
  const P = plan.points.length;
  const Q = plan.policies.length;
  const R = plan.replications;
  const M = names.length;
  const column = new Map(names.map((name, j) => [name, j]));
  // values[((point · Q + policy) · M + metric) · R + replication]
  const values = new Float64Array(P * Q * M * R).fill(NaN);
  const runs = new Int32Array(P * Q);
  let lastNames: readonly string[] | undefined;
  let columns: number[] = [];
  for (const row of rows) {
    if (row.names !== lastNames) {
      lastNames = row.names;
      columns = row.names.map((name) => column.get(name) ?? -1);
    }
    const place = placeOf(plan, row.index);
    const cell = place.point * Q + place.policy;
    runs[cell]!++;
    for (let k = 0; k < columns.length; k++) {
      const j = columns[k]!;
      if (j >= 0) values[(cell * M + j) * R + place.replication] = row.values[k] as number;
    }
  }
  const series = (point: number, policy: number, metric: number): Float64Array => {
    const start = ((point * Q + policy) * M + metric) * R;
    return values.subarray(start, start + R);
  };
  // The same resampling indices for every policy at a point (common random
  // numbers again): identical outputs get identical intervals.
  const bootstrapRng = (point: number, what: 'mean' | 'difference', metric: string) =>
    createStream(plan.seed, `bootstrap:${point}:${what}:${metric}`);

  const points: PointSummary[] = [];
  for (let p = 0; p < P; p++) {
    const params: Record<string, JsonValue> = {};
    for (const [path, value] of parameterValues(plan, p, base)) params[path] = value;
    const policies: PolicySummary[] = [];
    const differences: PolicyDifference[] = [];
    for (let q = 0; q < Q; q++) {
      const policy = plan.policies[q]!;
      const metrics: Record<string, MetricSummary> = {};
      const diffs: Record<string, DifferenceSummary> = {};
      names.forEach((name, j) => {
        const own = series(p, q, j);
        const summary: MetricSummary = { ...replicationMean(own) };
        if (isQuantileMetric(name)) {
          const b = bootstrapMeanInterval(own, bootstrapRng(p, 'mean', name), { resamples: BOOTSTRAP_RESAMPLES });
          summary.bootstrap = { lo: b.lo, hi: b.hi };
        }
        metrics[name] = summary;
        if (q === 0) return;
        const base = series(p, 0, j);
        const d = pairedDifference(base, own);
        const diff: DifferenceSummary = { mean: d.mean, halfWidth: d.halfWidth, lo: d.lo, hi: d.hi, sd: d.sd, n: d.n, p: d.p };
        if (isQuantileMetric(name)) {
          const b = bootstrapPairedInterval(base, own, bootstrapRng(p, 'difference', name), {
            resamples: BOOTSTRAP_RESAMPLES,
          });
          diff.bootstrap = { lo: b.lo, hi: b.hi };
        }
        diffs[name] = diff;
      });
      policies.push({ policy, runs: runs[p * Q + q]!, metrics });
      if (q > 0) differences.push({ policy, baseline: plan.policies[0]!, metrics: diffs });
    }
    points.push({ params, policies, differences });
  }
  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    experiment: plan.name,
    scenario: plan.scenario,
    baseline: plan.policies[0]!,
    replications: R,
    confidence: 0.95,
    metrics: names,
    quantileMetrics: names.filter(isQuantileMetric),
    points,
  };
}
