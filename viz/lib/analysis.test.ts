import { describe, expect, it } from 'vitest';
import { createStream } from '../../sim/engine/random.js';
import { placeOf, runCount, type ExperimentPlan } from '../../sim/runner/plan.js';
import { summarizeExperiment } from '../../sim/runner/summary.js';
import { cdfData, mergeSummaries, planWithBaseline, scatterData, summaryFor, summaryInSlices } from './analysis.js';
import type { Experiment, RunRow } from './types.js';

const plan: ExperimentPlan = { kind: 'compare', name: 'c', scenario: 'mmc', set: [], points: [{ params: [] }], policies: ['a', 'b', 'c'], replications: 5, seed: 4 };
const names = ['accuracy', 'costPerGoal', 'p95Makespan'];

function experiment(): Experiment {
  const rng = createStream(2, 'analysis');
  const rows: RunRow[] = [];
  for (let index = 0; index < runCount(plan); index++) {
    const place = placeOf(plan, index);
    rows.push({
      index,
      policy: plan.policies[place.policy]!,
      seed: plan.seed + place.replication,
      replication: place.replication,
      point: 0,
      scenarioName: 'mmc',
      stopCause: 'drained',
      values: Float64Array.of(0.6 + 0.05 * place.policy + 0.01 * rng(), 20 + place.policy + rng(), 30 + rng() * 5),
      makespanQuantiles: Float64Array.of(1, 2, 3 + place.policy),
    });
  }
  return { plan, names, rows, failures: [], source: { kind: 'browser' }, total: rows.length };
}

describe('summaryFor', () => {
  it('summaryFor with the plan’s own baseline equals the CLI’s summary', () => {
    const e = experiment();
    const rows = e.rows.map((r) => ({ index: r.index, names, values: r.values }));
    expect(summaryFor(e, 'a')).toEqual(summarizeExperiment(plan, rows, names));
  });

  it('summaryFor another baseline equals the summary of a plan that lists it first', () => {
    const e = experiment();
    const rebased = planWithBaseline(plan, 'c');
    expect(rebased.policies).toEqual(['c', 'a', 'b']);
    const summary = summaryFor(e, 'c')!;
    expect(summary.baseline).toBe('c');
    expect(summary.points[0]!.differences.map((d) => d.policy)).toEqual(['a', 'b']);
    // b − c on accuracy is about −0.05 by construction.
    expect(summary.points[0]!.differences[1]!.metrics.accuracy!.mean).toBeCloseTo(-0.05, 1);
    // The means do not depend on the baseline.
    expect(summary.points[0]!.policies.find((p) => p.policy === 'a')!.metrics.accuracy).toEqual(summaryFor(e, 'a')!.points[0]!.policies[0]!.metrics.accuracy);
  });

  it('summaryInSlices (one metric per task) merges into the same summary as one call', async () => {
    const e = experiment();
    const sliced = await summaryInSlices(e, 'b', names, async () => {});
    expect(sliced).toEqual(summaryFor(e, 'b', names));
    expect(mergeSummaries([])).toBeUndefined();
  });
});

describe('scatterData', () => {
  it('scatterData gives a point per run and a mean per policy', () => {
    const e = experiment();
    const { runs, means } = scatterData(summaryFor(e, 'a')!, e, 'costPerGoal', 'accuracy');
    expect(runs).toHaveLength(15);
    expect(means.map((m) => m.policy)).toEqual(['a', 'b', 'c']);
    expect(runs[4]).toEqual({ policy: 'b', seed: 5, index: 4, x: e.rows[4]!.values[1], y: e.rows[4]!.values[0] });
  });
});

describe('cdfData', () => {
  it('cdfData averages the runs’ quantile functions per policy, or falls back to p50/p95/p99 means', () => {
    const e = experiment();
    const { curves } = cdfData(summaryFor(e, 'a')!, e, plan.policies);
    expect(curves.map((c) => [c.policy, c.runs, Array.from(c.quantiles)])).toEqual([
      ['a', 5, [1, 2, 3]],
      ['b', 5, [1, 2, 4]],
      ['c', 5, [1, 2, 5]],
    ]);
    const loaded = { ...e, rows: e.rows.map(({ makespanQuantiles: _, ...r }) => r) };
    const { points } = cdfData(summaryFor(loaded, 'a')!, loaded, plan.policies);
    expect(points[0]!.points.map((p) => p.p)).toEqual([0.95]);
  });
});
