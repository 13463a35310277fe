import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIST_NAMES, distSchema } from './dist.js';
import { formatIssue, scenarioErrorMap } from './errors.js';
import { NON_NEGATIVE, POSITIVE, UNIT } from './fields.js';
import type { Domain } from './fields.js';

/** The one-line error for `value` in a field `x` of `domain`, or 'ok'. */
function check(domain: Domain, value: unknown): string {
  const data = { x: value };
  const r = z.strictObject({ x: distSchema(domain) }).safeParse(data, { error: scenarioErrorMap });
  return r.success ? 'ok' : formatIssue(r.error.issues[0]!, data);
}

describe('distSchema', () => {
  it('distSchema accepts numbers and distributions inside the domain', () => {
    expect(check(UNIT, 0)).toBe('ok');
    expect(check(UNIT, 1)).toBe('ok');
    expect(check(POSITIVE, 1e-9)).toBe('ok');
    expect(check(NON_NEGATIVE, 0)).toBe('ok');
    expect(check(UNIT, { dist: 'uniform', min: 0.2, max: 0.2 })).toBe('ok');
    expect(check(UNIT, { dist: 'choice', values: [0, 1] })).toBe('ok');
    expect(check(NON_NEGATIVE, { dist: 'bernoulli', p: 0.3 })).toBe('ok');
  });

  it('distSchema accepts unbounded distributions for any domain (the model clamps)', () => {
    for (const d of [
      { dist: 'normal', mean: 5, sd: 1 },
      { dist: 'lognormal', mu: 3, sigma: 1 },
      { dist: 'exponential', mean: 9 },
      { dist: 'gamma', shape: 1, scale: 9 },
      { dist: 'poisson', mean: 4 },
    ]) {
      expect(check(UNIT, d)).toBe('ok');
      expect(check(POSITIVE, d)).toBe('ok');
    }
  });

  it('distSchema rejects bounded values outside the domain', () => {
    expect(check(UNIT, 1.5)).toBe('x: must be in [0, 1], got 1.5');
    expect(check(POSITIVE, 0)).toBe('x: must be greater than 0, got 0');
    expect(check(NON_NEGATIVE, -1)).toBe('x: must be at least 0, got -1');
    expect(check(UNIT, { dist: 'constant', value: 2 })).toBe('x.value: must be in [0, 1], got 2');
    expect(check(POSITIVE, { dist: 'uniform', min: 0, max: 3 })).toBe('x.min: must be greater than 0, got 0');
    expect(check(UNIT, { dist: 'uniform', min: 0, max: 3 })).toBe('x.max: must be in [0, 1], got 3');
    expect(check(UNIT, { dist: 'empirical', values: [0.5, 0.7, 1.2] })).toBe('x.values[2]: must be in [0, 1], got 1.2');
    expect(check(POSITIVE, { dist: 'bernoulli', p: 0.5 })).toMatch(/^x\.dist: bernoulli draws 0 or 1, but values must be greater than 0/);
  });

  it('distSchema enforces each distribution\'s parameter rules', () => {
    const bad: [unknown, string][] = [
      [{ dist: 'normal', mean: 0, sd: -1 }, 'x.sd: must be at least 0, got -1'],
      [{ dist: 'lognormal', mu: 0, sigma: -0.1 }, 'x.sigma: must be at least 0, got -0.1'],
      [{ dist: 'exponential', mean: 0 }, 'x.mean: must be greater than 0, got 0'],
      [{ dist: 'gamma', shape: 0, scale: 1 }, 'x.shape: must be greater than 0, got 0'],
      [{ dist: 'gamma', shape: 1, scale: -2 }, 'x.scale: must be greater than 0, got -2'],
      [{ dist: 'beta', alpha: 1, beta: 0 }, 'x.beta: must be greater than 0, got 0'],
      [{ dist: 'bernoulli', p: -0.1 }, 'x.p: must be in [0, 1], got -0.1'],
      [{ dist: 'poisson', mean: -1 }, 'x.mean: must be at least 0, got -1'],
      [{ dist: 'uniform', min: 1, max: 0.5 }, 'x.max: must be at least min (1), got 0.5'],
      [{ dist: 'choice', values: [] }, 'x.values: must list at least one value, got []'],
      [{ dist: 'choice', values: [0.1, 0.2], weights: [1] }, 'x.weights: must have one weight per value (2), got 1'],
      [{ dist: 'choice', values: [0.1, 0.2], weights: [1, -1] }, 'x.weights[1]: must be at least 0, got -1'],
      [{ dist: 'choice', values: [0.1, 0.2], weights: [0, 0] }, 'x.weights: must have a positive sum, got [0,0]'],
      [{ dist: 'empirical', values: [] }, 'x.values: must list at least one value, got []'],
      [{ dist: 'normal', mean: Infinity, sd: 1 }, 'x.mean: must be a finite number, got Infinity'],
      [{ dist: 'normal', mean: 1 }, 'x.sd: required'],
      [{ dist: 'normal', mean: 1, sd: 1, foo: 1 }, 'x.foo: unknown key (allowed: dist, mean, sd)'],
    ];
    for (const [spec, message] of bad) expect(check(UNIT, spec)).toBe(message);
  });

  it('distSchema lists the allowed names for an unknown or missing dist', () => {
    const names = DIST_NAMES.join(', ');
    expect(check(UNIT, { dist: 'weibull' })).toBe(`x.dist: must be one of ${names}, got "weibull"`);
    expect(check(UNIT, { mean: 1 })).toBe(`x.dist: must be one of ${names}`);
    expect(check(UNIT, 'high')).toBe('x: must be a number in [0, 1] or a distribution object {"dist": …}, got "high"');
  });
});
