import { describe, expect, it } from 'vitest';
import { parseSweepFile, sweepPlan, SweepFileError } from './sweepFile.js';

const valid = {
  name: 'rate',
  scenario: 'mmc',
  set: ['horizon.goals=2000'],
  grid: { 'arrivals.rate': [8, 9], 'population[0].count': [10, 12] },
  policies: ['fifo', 'random'],
  replications: 4,
};

const errorOf = (data: unknown): string => {
  try {
    parseSweepFile(data, { source: 'x.json' });
  } catch (e) {
    expect(e).toBeInstanceOf(SweepFileError);
    return (e as Error).message;
  }
  throw new Error('expected a SweepFileError');
};

describe('parseSweepFile', () => {
  it('parseSweepFile refuses duplicate keys and deep nesting in the text', () => {
    const text = JSON.stringify(valid);
    expect(() => parseSweepFile(`{"replications":-1,${text.slice(1)}`, { source: 'x.json' })).toThrow(/^x\.json: replications: duplicate key$/);
    const deep = text.replace('"policies"', `"description":${'['.repeat(100_000)}${']'.repeat(100_000)},"policies"`);
    expect(() => parseSweepFile(deep, { source: 'x.json' })).toThrow(/^x\.json: description\[0\].*…: nested more than 64 levels deep$/);
  });

  it('parseSweepFile accepts a grid and fills defaults', () => {
    const sweep = parseSweepFile(JSON.stringify(valid));
    expect(sweep.seed).toBe(1);
    const plan = sweepPlan(sweep, 'mmc');
    expect(plan.points).toHaveLength(4);
    expect(plan.kind).toBe('sweep');
  });

  it('parseSweepFile keeps the metrics to show out of the plan (display only)', () => {
    const sweep = parseSweepFile({ ...valid, metrics: ['meanWait', 'utilization'] });
    expect(sweep.metrics).toEqual(['meanWait', 'utilization']);
    expect(sweepPlan(sweep, 'mmc')).toEqual(sweepPlan(parseSweepFile(valid), 'mmc'));
  });

  it('parseSweepFile accepts explicit points', () => {
    const { grid: _grid, ...rest } = valid;
    const plan = sweepPlan(parseSweepFile({ ...rest, points: [{ 'arrivals.rate': 8 }, { 'arrivals.rate': 9, 'population.0.count': 12 }] }), 'mmc');
    expect(plan.points.map((p) => p.params)).toEqual([[['arrivals.rate', 8]], [['arrivals.rate', 9], ['population.0.count', 12]]]);
  });

  it.each([
    ['an unknown key', { ...valid, replicates: 3 }, /^x\.json: replicates: unknown key/],
    ['zero replications', { ...valid, replications: 0 }, /^x\.json: replications: must be at least 1, got 0$/],
    ['fractional replications', { ...valid, replications: 2.5 }, /^x\.json: replications: must be an integer, got 2\.5$/],
    ['no policies', { ...valid, policies: [] }, /^x\.json: policies: must have at least 1 item/],
    ['a duplicate policy', { ...valid, policies: ['fifo', 'fifo'] }, /^x\.json: policies\[1\]: duplicate policy/],
    ['an empty grid axis', { ...valid, grid: { 'arrivals.rate': [] } }, /^x\.json: grid\["arrivals\.rate"\]: must have at least 1 item/],
    ['grid and points together', { ...valid, points: [{ 'arrivals.rate': 8 }] }, /^x\.json: points: give grid or points, not both$/],
    ['a reserved parameter', { ...valid, grid: { seed: [1, 2] } }, /^x\.json: grid\.seed: .*run column/],
    ['a bad set entry', { ...valid, set: ['horizon.goals'] }, /^x\.json: set\[0\]: must be path=value/],
    ['a missing scenario', { ...valid, scenario: undefined }, /^x\.json: scenario: required$/],
    ['a bad name', { ...valid, name: '../escape' }, /^x\.json: name: must be letters/],
    ['a negative seed', { ...valid, seed: -1 }, /^x\.json: seed: must be at least 0/],
    ['invalid JSON', '{"name": ', /^x\.json: invalid JSON/],
    ['a __proto__ key', '{"__proto__": {"a": 1}}', /^x\.json: .*__proto__.*forbidden key/],
    ['an unknown metric to show', { ...valid, metrics: ['meanWait', 'meanWiat'] }, /^x\.json: metrics\[1\]: unknown metric/],
    ['an empty metrics list', { ...valid, metrics: [] }, /^x\.json: metrics: must have at least 1 item/],
  ])('parseSweepFile rejects %s with one line', (_label, data, expected) => {
    const message = errorOf(data);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
  });
});
