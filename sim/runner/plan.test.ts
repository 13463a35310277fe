import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../scenario/load.js';
import {
  baseParameterValues,
  gridPoints,
  indexOf,
  parameterPaths,
  parameterValues,
  placeOf,
  planSpecs,
  runCount,
  specAt,
  type ExperimentPlan,
} from './plan.js';

const plan: ExperimentPlan = {
  kind: 'sweep',
  name: 't',
  scenario: 'mmc',
  set: ['horizon.goals=2000'],
  points: gridPoints([
    ['arrivals.rate', [8, 9]],
    ['population.0.count', [10, 12, 14]],
  ]),
  policies: ['fifo', 'random'],
  replications: 3,
  seed: 41,
};

describe('planSpecs', () => {
  it('planSpecs interleaves: every point and policy of replication r before any of r + 1', () => {
    const specs = [...planSpecs(plan)];
    expect(specs).toHaveLength(runCount(plan));
    expect(runCount(plan)).toBe(6 * 2 * 3);
    const perReplication = 6 * 2;
    for (const spec of specs) expect(spec.seed).toBe(41 + Math.floor(spec.index / perReplication));
    // The first 12 runs cover the whole grid once, with both policies.
    const firstCover = new Set(specs.slice(0, perReplication).map((s) => `${s.overrides.join(' ')}|${s.policy}`));
    expect(firstCover.size).toBe(perReplication);
  });

  it('planSpecs gives every policy the same seed in a replication (common random numbers)', () => {
    for (const spec of planSpecs(plan)) {
      const place = placeOf(plan, spec.index);
      const other = specAt(plan, indexOf(plan, { ...place, policy: 1 - place.policy }));
      expect(other.seed).toBe(spec.seed);
      expect(other.overrides).toEqual(spec.overrides);
      expect(other.policy).not.toBe(spec.policy);
    }
  });

  it('planSpecs skips what the filter marks done', () => {
    const specs = [...planSpecs(plan, (i) => i % 3 !== 0)];
    expect(specs.map((s) => s.index)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33]);
  });
});

describe('placeOf', () => {
  it('placeOf and indexOf are inverse', () => {
    for (let i = 0; i < runCount(plan); i++) expect(indexOf(plan, placeOf(plan, i))).toBe(i);
  });
});

describe('gridPoints', () => {
  it('gridPoints is the cartesian product, last path fastest', () => {
    expect(plan.points.map((p) => p.params.map(([, v]) => v))).toEqual([
      [8, 10], [8, 12], [8, 14], [9, 10], [9, 12], [9, 14],
    ]);
    expect(specAt(plan, 2).overrides).toEqual(['horizon.goals=2000', 'arrivals.rate=8', 'population.0.count=12']);
  });
});

describe('parameterPaths', () => {
  it('parameterPaths lists set paths then point paths; parameterValues resolves them', () => {
    expect(parameterPaths(plan)).toEqual(['horizon.goals', 'arrivals.rate', 'population.0.count']);
    expect([...parameterValues(plan, 5)]).toEqual([
      ['horizon.goals', 2000],
      ['arrivals.rate', 9],
      ['population.0.count', 14],
    ]);
  });
});

describe('baseParameterValues', () => {
  // Points that set different parameters: each point must show the value it ran with.
  const uneven: ExperimentPlan = {
    ...plan,
    set: ['horizon.goals=300', 'arrivals.rate=7'],
    points: [{ params: [['arrivals.rate', 6]] }, { params: [['population.0.count', 12]] }, { params: [['population.0.count', 11], ['arrivals.rate', 8]] }],
  };
  const mmc = readFileSync(join(findPackageRoot(), 'scenarios', 'validation', 'mmc.json'), 'utf8');

  it('a parameter a point does not set takes the base scenario value after set, in column order at every point', () => {
    const base = baseParameterValues(uneven, mmc);
    expect(base.get('arrivals.rate')).toBe(7); // the sweep's set, not the file's 9
    expect(base.get('population.0.count')).toBe(10); // the file's
    expect([...parameterValues(uneven, 0, base)]).toEqual([['horizon.goals', 300], ['arrivals.rate', 6], ['population.0.count', 10]]);
    expect([...parameterValues(uneven, 1, base)]).toEqual([['horizon.goals', 300], ['arrivals.rate', 7], ['population.0.count', 12]]);
    // A point that sets every parameter keeps its own order (summary.json bytes of such plans do not change).
    expect([...parameterValues(uneven, 2, base)].map(([path]) => path)).toEqual(['horizon.goals', 'arrivals.rate', 'population.0.count']);
    expect([...parameterValues(plan, 5, baseParameterValues(plan, mmc))]).toEqual([...parameterValues(plan, 5)]);
  });

  it('a parameter the scenario text leaves out takes its default', () => {
    const withDefault: ExperimentPlan = { ...plan, set: [], points: [{ params: [['population.0.speed', 2]] }, { params: [['arrivals.rate', 6]] }] };
    const base = baseParameterValues(withDefault, mmc);
    expect(base.get('population.0.speed')).toBe(1); // mmc.json leaves speed to the default
    expect(parameterValues(withDefault, 1, base).get('population.0.speed')).toBe(1);
  });
});
