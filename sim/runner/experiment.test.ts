import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../scenario/load.js';
import { ExperimentError, prepareExperiment } from './experiment.js';
import { parseSweepFile, sweepPlan } from './sweepFile.js';
import type { ExperimentPlan } from './plan.js';

const dir = join(findPackageRoot(), 'scenarios', 'experiments');
const sweeps = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('prepareExperiment', () => {
  it.each(sweeps)('prepareExperiment accepts the built-in sweep %s', (file) => {
    const sweep = parseSweepFile(readFileSync(join(dir, file), 'utf8'), { source: file });
    const prepared = prepareExperiment(sweepPlan(sweep, sweep.scenario));
    expect(prepared.total).toBe(prepared.plan.points.length * sweep.policies.length * sweep.replications);
    expect(prepared.planHash).toMatch(/^[0-9a-f]{64}$/);
  });

  const base: ExperimentPlan = {
    kind: 'compare',
    name: 'x',
    scenario: 'mmc',
    set: [],
    points: [{ params: [] }],
    policies: ['fifo'],
    replications: 2,
    seed: 1,
  };

  it('prepareExperiment gives a different plan hash for any change of plan', () => {
    const hash = prepareExperiment(base).planHash;
    expect(prepareExperiment({ ...base }).planHash).toBe(hash);
    expect(prepareExperiment({ ...base, seed: 2 }).planHash).not.toBe(hash);
    expect(prepareExperiment({ ...base, set: ['arrivals.rate=8'] }).planHash).not.toBe(hash);
  });

  it('prepareExperiment rejects bad plans before anything runs', () => {
    expect(() => prepareExperiment({ ...base, policies: ['fifo', 'fifo'] })).toThrow(ExperimentError);
    expect(() => prepareExperiment({ ...base, replications: 0 })).toThrow(/replications: must be a whole number/);
    expect(() => prepareExperiment({ ...base, seed: 0xffffffff })).toThrow(/seed \+ replications − 1/);
    expect(() => prepareExperiment({ ...base, policies: ['psychic'] })).toThrow(/unknown policy 'psychic'/);
    expect(() => prepareExperiment({ ...base, points: [{ params: [['arrivals.rate', -1]] }] })).toThrow(/^arrivals\.rate: /);
  });
});
