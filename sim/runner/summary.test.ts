import { describe, expect, it } from 'vitest';
import { isQuantileMetric, summarizeExperiment, type SummaryRow } from './summary.js';
import { gridPoints, placeOf, runCount, type ExperimentPlan } from './plan.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../scenario/load.js';
import { baseParameterValues } from './plan.js';
import { pairedDifference, replicationMean } from '../metrics/replicationStatistics.js';
import { createStream } from '../engine/random.js';

const plan: ExperimentPlan = {
  kind: 'sweep',
  name: 's',
  scenario: 'mmc',
  set: [],
  points: gridPoints([['arrivals.rate', [8, 9]]]),
  policies: ['base', 'better'],
  replications: 6,
  seed: 3,
};
const names = ['meanWait', 'p95Makespan'];

/** Synthetic runs: a shared per-replication effect plus a policy effect of −0.5 on meanWait. */
function rows(): SummaryRow[] {
  const rng = createStream(9, 'rows');
  const shared = Array.from({ length: plan.replications * plan.points.length }, () => rng() * 10);
  const out: SummaryRow[] = [];
  for (let index = 0; index < runCount(plan); index++) {
    const place = placeOf(plan, index);
    const s = shared[place.replication * plan.points.length + place.point]!;
    const wait = s + place.point - 0.5 * place.policy + 0.1 * rng();
    out.push({ index, names, values: [wait, 2 * wait + rng()] });
  }
  return out;
}

describe('summarizeExperiment', () => {
  it('summarizeExperiment gives per-policy t intervals and paired differences against the first policy', () => {
    const all = rows();
    const summary = summarizeExperiment(plan, all);
    expect(summary.baseline).toBe('base');
    expect(summary.metrics).toEqual(names);
    expect(summary.quantileMetrics).toEqual(['p95Makespan']);
    const point1 = summary.points[1]!;
    expect(point1.params).toEqual({ 'arrivals.rate': 9 });
    const series = (policy: number) =>
      all.filter((r) => placeOf(plan, r.index).point === 1 && placeOf(plan, r.index).policy === policy).map((r) => r.values[0] as number);
    expect(point1.policies[1]!.metrics.meanWait).toEqual(replicationMean(series(1)));
    const d = point1.differences[0]!;
    expect(d.policy).toBe('better');
    expect(d.baseline).toBe('base');
    expect(d.metrics.meanWait).toEqual({ ...pairedDifference(series(0), series(1)) });
    expect(d.metrics.meanWait!.mean).toBeCloseTo(-0.5, 1);
    expect(d.metrics.meanWait!.hi).toBeLessThan(0);
    // Quantile metrics also get bootstrap intervals; others do not.
    expect(point1.policies[0]!.metrics.p95Makespan!.bootstrap).toBeDefined();
    expect(d.metrics.p95Makespan!.bootstrap!.lo).toBeLessThan(d.metrics.p95Makespan!.bootstrap!.hi);
    expect(point1.policies[0]!.metrics.meanWait!.bootstrap).toBeUndefined();
  });

  it('summarizeExperiment is identical whatever order the runs come in', () => {
    const all = rows();
    const shuffled = [...all].reverse();
    expect(JSON.stringify(summarizeExperiment(plan, shuffled, names))).toBe(JSON.stringify(summarizeExperiment(plan, all, names)));
  });

  it('summarizeExperiment leaves a missing run out of its mean and of its pair only', () => {
    const all = rows().filter((r) => r.index !== 0); // replication 0, point 0, policy base
    const summary = summarizeExperiment(plan, all, names);
    expect(summary.points[0]!.policies[0]!.runs).toBe(5);
    expect(summary.points[0]!.policies[0]!.metrics.meanWait!.n).toBe(5);
    expect(summary.points[0]!.policies[1]!.metrics.meanWait!.n).toBe(6);
    expect(summary.points[0]!.differences[0]!.metrics.meanWait!.n).toBe(5);
  });
});

describe('isQuantileMetric', () => {
  it('isQuantileMetric recognises p50…, p95…, p99… names only', () => {
    expect(['p50Makespan', 'p95CascadeSize', 'p99Makespan'].every(isQuantileMetric)).toBe(true);
    expect(['peakAgentsDown', 'peakDownShare', 'meanWait', 'p'].some(isQuantileMetric)).toBe(false);
  });

  it('summarizeExperiment gives every point every parameter, with the base value where a point does not set it', () => {
    const uneven: ExperimentPlan = { ...plan, points: [{ params: [['arrivals.rate', 6]] }, { params: [['population.0.count', 12]] }] };
    const mmc = readFileSync(join(findPackageRoot(), 'scenarios', 'validation', 'mmc.json'), 'utf8');
    const summary = summarizeExperiment(uneven, rows(), names, baseParameterValues(uneven, mmc));
    expect(summary.points.map((p) => p.params)).toEqual([
      { 'arrivals.rate': 6, 'population.0.count': 10 },
      { 'arrivals.rate': 9, 'population.0.count': 12 },
    ]);
  });
});
