// From an experiment's runs to what the compare view draws: the summary for
// a chosen baseline (sim/runner/summary.ts — the same statistics the CLI
// writes to summary.json, on a plan whose policy order puts the baseline
// first), and the rows of each chart.

import { indexOf, placeOf, type ExperimentPlan } from '../../sim/runner/plan.js';
import { isQuantileMetric, summarizeExperiment, type ExperimentSummary, type MetricSummary } from '../../sim/runner/summary.js';
import type { DotPlotRow } from '../charts/dotPlot.js';
import type { DifferenceRow } from '../charts/pairedDifference.js';
import type { ScatterMean, ScatterRun } from '../charts/costAccuracyScatter.js';
import { averageQuantiles, type CdfCurve, type CdfPoints } from '../charts/makespanCdf.js';
import type { Experiment, RunRow } from './types.js';

/** The plan with `baseline` moved to the front (the summary's baseline is the plan's first policy). */
export function planWithBaseline(plan: ExperimentPlan, baseline: string): ExperimentPlan {
  if (!plan.policies.includes(baseline) || plan.policies[0] === baseline) return plan;
  return { ...plan, policies: [baseline, ...plan.policies.filter((p) => p !== baseline)] };
}

/**
 * The summary of an experiment's runs against `baseline`, over `metrics`
 * (default: every metric). Falls back to the loaded summary.json when there
 * are no per-run rows.
 */
export function summaryFor(experiment: Experiment, baseline: string, metrics?: string[]): ExperimentSummary | undefined {
  const { plan, rows, names } = experiment;
  if (rows.length === 0) return experiment.fileSummary;
  const reordered = planWithBaseline(plan, baseline);
  const position = new Map(reordered.policies.map((p, i) => [p, i]));
  const moved = rows.map((row) => {
    const place = placeOf(plan, row.index);
    return { index: indexOf(reordered, { ...place, policy: position.get(row.policy) ?? place.policy }), names, values: row.values };
  });
  const wanted = metrics === undefined ? names : metrics.filter((m) => names.includes(m));
  return summarizeExperiment(reordered, moved, wanted);
}

/** Merges summaries of the same plan over different metrics into one. */
export function mergeSummaries(parts: readonly ExperimentSummary[]): ExperimentSummary | undefined {
  const [first, ...rest] = parts;
  if (first === undefined) return undefined;
  const merged: ExperimentSummary = structuredClone(first);
  for (const part of rest) {
    merged.metrics.push(...part.metrics);
    merged.quantileMetrics.push(...part.quantileMetrics);
    part.points.forEach((point, p) => {
      const into = merged.points[p]!;
      point.policies.forEach((policy, q) => Object.assign(into.policies[q]!.metrics, policy.metrics));
      point.differences.forEach((d, q) => Object.assign(into.differences[q]!.metrics, d.metrics));
    });
  }
  return merged;
}

/**
 * {@link summaryFor}, one metric per task: the summary's bootstrap intervals
 * take a few milliseconds per metric, and the page must stay responsive
 * while results stream in.
 */
export async function summaryInSlices(
  experiment: Experiment,
  baseline: string,
  metrics: string[],
  pause: () => Promise<void>,
): Promise<ExperimentSummary | undefined> {
  if (experiment.rows.length === 0) return experiment.fileSummary;
  const parts: ExperimentSummary[] = [];
  for (const metric of metrics.filter((m) => experiment.names.includes(m))) {
    const part = summaryFor(experiment, baseline, [metric]);
    if (part !== undefined) parts.push(part);
    await pause();
  }
  return mergeSummaries(parts) ?? summaryFor(experiment, baseline, []);
}

const interval = (metric: string, m: MetricSummary): { lo: number; hi: number; interval: 't' | 'bootstrap' } =>
  isQuantileMetric(metric) && m.bootstrap !== undefined
    ? { lo: m.bootstrap.lo, hi: m.bootstrap.hi, interval: 'bootstrap' }
    : { lo: m.lo, hi: m.hi, interval: 't' };

/** Runs of one point of the plan. */
export function rowsAt(experiment: Experiment, point: number): RunRow[] {
  return experiment.rows.filter((r) => r.point === point);
}

/** Rows of the dot plot of `metric` at `point`. */
export function dotPlotRows(summary: ExperimentSummary, experiment: Experiment, metric: string, point = 0): DotPlotRow[] {
  const at = summary.points[point];
  if (at === undefined) return [];
  const column = experiment.names.indexOf(metric);
  const runs = rowsAt(experiment, point);
  return at.policies.flatMap((p) => {
    const m = p.metrics[metric];
    if (m === undefined) return [];
    const values = column < 0 ? undefined : runs.filter((r) => r.policy === p.policy).map((r) => r.values[column]!);
    return [{ policy: p.policy, mean: m.mean, n: m.n, ...interval(metric, m), ...(values === undefined ? {} : { runs: values }) }];
  });
}

/** Rows of the paired-difference chart of `metric` at `point`. */
export function differenceRows(summary: ExperimentSummary, metric: string, point = 0): DifferenceRow[] {
  const at = summary.points[point];
  if (at === undefined) return [];
  return at.differences.flatMap((d) => {
    const m = d.metrics[metric];
    return m === undefined ? [] : [{ policy: d.policy, mean: m.mean, p: m.p, n: m.n, ...interval(metric, m) }];
  });
}

/** Points and policy means of the cost-vs-accuracy scatter. */
export function scatterData(
  summary: ExperimentSummary,
  experiment: Experiment,
  xMetric: string,
  yMetric: string,
  point = 0,
): { runs: ScatterRun[]; means: ScatterMean[] } {
  const xi = experiment.names.indexOf(xMetric);
  const yi = experiment.names.indexOf(yMetric);
  const runs: ScatterRun[] =
    xi < 0 || yi < 0
      ? []
      : rowsAt(experiment, point).map((r) => ({ policy: r.policy, seed: r.seed, index: r.index, x: r.values[xi]!, y: r.values[yi]! }));
  const means: ScatterMean[] = [];
  for (const p of summary.points[point]?.policies ?? []) {
    const mx = p.metrics[xMetric];
    const my = p.metrics[yMetric];
    if (mx === undefined || my === undefined || p.runs === 0) continue;
    means.push({ policy: p.policy, x: mx.mean, xLo: mx.lo, xHi: mx.hi, y: my.mean, yLo: my.lo, yHi: my.hi });
  }
  return { runs, means };
}

/**
 * The CDF data: averaged quantile functions where runs carry them (runs made
 * in the page), else the p50/p95/p99 means of the summary.
 */
export function cdfData(summary: ExperimentSummary, experiment: Experiment, policies: string[], point = 0): { curves: CdfCurve[]; points: CdfPoints[] } {
  const runs = rowsAt(experiment, point);
  const curves: CdfCurve[] = [];
  for (const policy of policies) {
    const own = runs.filter((r) => r.policy === policy && r.makespanQuantiles !== undefined);
    if (own.length > 0) curves.push({ policy, quantiles: averageQuantiles(own.map((r) => r.makespanQuantiles!)), runs: own.length });
  }
  if (curves.length > 0) return { curves, points: [] };
  const points: CdfPoints[] = [];
  for (const p of summary.points[point]?.policies ?? []) {
    const pts = (
      [
        [0.5, 'p50Makespan'],
        [0.95, 'p95Makespan'],
        [0.99, 'p99Makespan'],
      ] as const
    ).flatMap(([level, name]) => {
      const m = p.metrics[name];
      return m === undefined ? [] : [{ p: level, value: m.mean }];
    });
    if (pts.length > 0) points.push({ policy: p.policy, points: pts, runs: p.runs });
  }
  return { curves: [], points };
}
