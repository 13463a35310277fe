import { beforeAll, describe, expect, it } from 'vitest';
import { createStream } from '../../sim/engine/random.js';
import { placeOf, runCount, specAt, type ExperimentPlan } from '../../sim/runner/plan.js';
import { loadTableLibraries, runsArrow, runsTable } from '../../sim/runner/resultsFiles.js';
import { recordOf, type RunRecord } from '../../sim/runner/runRecord.js';
import { summarizeExperiment } from '../../sim/runner/summary.js';
import { experimentFromFiles, ResultsError } from './resultsLoader.js';
import { summaryFor } from './analysis.js';

const plan: ExperimentPlan = { kind: 'compare', name: 'compare-mmc', scenario: 'mmc', set: ['horizon.goals=2000'], points: [{ params: [] }], policies: ['fifo', 'random'], replications: 3, seed: 5 };
const names = ['accuracy', 'meanWait', 'p95Makespan', 'meanStallDetectionDelay'];

function records(): RunRecord[] {
  const rng = createStream(1, 'loader');
  return Array.from({ length: runCount(plan) }, (_, index) => {
    const spec = specAt(plan, index);
    const values = Float64Array.of(rng(), 0.5 + rng(), 3 + rng(), NaN);
    return recordOf(spec, { index, scenarioName: 'mmc', policy: spec.policy, seed: spec.seed, stopCause: 'drained', names, values, wallSeconds: 0.1 });
  });
}

describe('experimentFromFiles', () => {
  beforeAll(loadTableLibraries);

  it('experimentFromFiles reads runs.arrow, summary.json and manifest.json as the CLI writes them', () => {
    const recs = records();
    const arrow = runsArrow(runsTable(plan, recs, names));
    const summary = summarizeExperiment(plan, recs, names);
    const manifest = {
      format: 'delegsim-manifest',
      experiment: plan,
      scenario: { ref: 'mmc', name: 'mmc', text: '{"name":"mmc"}', usesFile: false },
      runsPlanned: recs.length + 1,
      runs: recs.map((r) => ({ ...specAt(plan, r.index), hash: r.hash })),
      failed: [{ index: recs.length, policy: 'random', seed: 7, error: 'worker died: out of memory' }],
    };
    const e = experimentFromFiles({ arrow, summary: JSON.stringify(summary), manifest: JSON.stringify(manifest) }, 'results/x');
    expect(e.plan).toEqual(plan);
    expect(e.names).toEqual(names);
    expect(e.rows).toHaveLength(recs.length);
    for (const [k, r] of recs.entries()) {
      const row = e.rows[k]!;
      expect([row.index, row.policy, row.seed, row.replication, row.stopCause, row.hash]).toEqual([r.index, r.policy, r.seed, placeOf(plan, r.index).replication, 'drained', r.hash]);
      expect(Array.from(row.values)).toEqual(Array.from(r.values));
    }
    expect(e.failures).toEqual([{ index: 6, policy: 'random', seed: 7, error: 'worker died: out of memory' }]);
    expect(e.sources).toEqual({ mmc: '{"name":"mmc"}' });
    // The page's summary of the loaded runs is the file's summary.
    expect(JSON.stringify(summaryFor(e, 'fifo'))).toBe(JSON.stringify(summary));
  });

  it('experimentFromFiles rebuilds the plan from runs.arrow alone', () => {
    const recs = records();
    const e = experimentFromFiles({ arrow: runsArrow(runsTable(plan, recs, names)) }, 'dropped');
    expect(e.plan.policies).toEqual(['fifo', 'random']);
    expect(e.plan.replications).toBe(3);
    expect(e.plan.seed).toBe(5);
    expect(e.sources).toBeUndefined();
    expect(summaryFor(e, 'fifo')!.points[0]!.policies[1]!.metrics.accuracy).toEqual(summarizeExperiment(plan, recs, names).points[0]!.policies[1]!.metrics.accuracy);
  });

  it('experimentFromFiles uses summary.json alone for means and differences', () => {
    const summary = summarizeExperiment(plan, records(), names);
    const e = experimentFromFiles({ summary: JSON.stringify(summary) }, 'dropped');
    expect(e.rows).toHaveLength(0);
    expect(summaryFor(e, 'random')).toBe(e.fileSummary);
    expect(e.plan.policies).toEqual(['fifo', 'random']);
  });

  it('experimentFromFiles says which file is wrong and what to pick instead', () => {
    expect(() => experimentFromFiles({}, 'x')).toThrow(ResultsError);
    expect(() => experimentFromFiles({ summary: '{' }, 'x')).toThrow(/summary\.json: not valid JSON.*delegsim compare --out/);
    expect(() => experimentFromFiles({ summary: '{"format":"other"}' }, 'x')).toThrow(/not a delegsim summary/);
    expect(() => experimentFromFiles({ arrow: new Uint8Array([1, 2, 3]) }, 'x')).toThrow(/runs\.arrow/);
  });
});
