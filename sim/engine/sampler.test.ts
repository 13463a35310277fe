// Tests for compiled samplers and the analytic moments of DistSpec.
//
// Sample means are checked against distMean within z·sqrt(distVariance/n),
// z = 4.5 (a correct sampler fails with probability ~7e-6). The analytic
// moments themselves are checked against values worked out by hand, so a
// wrong distVariance cannot hide behind a matching wrong tolerance.

import { describe, expect, it } from 'vitest';
import { createStream, type Rng } from './random.js';
import { compileSampler, distMean, distSupport, distVariance, isConstant, type DistSpec } from './sampler.js';

const Z = 4.5;
const N = 100_000;

/** An rng that fails the test if anything draws from it. */
const untouchable: Rng = () => {
  throw new Error('drew from the stream');
};

// Every DistSpec kind with its mean and variance worked out by hand.
const cases: { spec: DistSpec; mean: number; variance: number }[] = [
  { spec: 4, mean: 4, variance: 0 },
  { spec: { dist: 'constant', value: -2.5 }, mean: -2.5, variance: 0 },
  { spec: { dist: 'uniform', min: 2, max: 8 }, mean: 5, variance: 3 },
  { spec: { dist: 'exponential', mean: 3 }, mean: 3, variance: 9 },
  { spec: { dist: 'normal', mean: -1, sd: 2 }, mean: -1, variance: 4 },
  {
    spec: { dist: 'lognormal', mu: 0.5, sigma: 0.4 },
    mean: Math.exp(0.5 + 0.08),
    variance: (Math.exp(0.16) - 1) * Math.exp(1 + 0.16),
  },
  { spec: { dist: 'gamma', shape: 0.4, scale: 5 }, mean: 2, variance: 10 },
  { spec: { dist: 'gamma', shape: 3, scale: 2 }, mean: 6, variance: 12 },
  { spec: { dist: 'beta', alpha: 2, beta: 6 }, mean: 0.25, variance: 12 / (64 * 9) },
  { spec: { dist: 'bernoulli', p: 0.2 }, mean: 0.2, variance: 0.16 },
  { spec: { dist: 'poisson', mean: 2.5 }, mean: 2.5, variance: 2.5 },
  { spec: { dist: 'poisson', mean: 150 }, mean: 150, variance: 150 },
  // Weights 1:3 on 0 and 4: mean 3, E[X²] = 12.
  { spec: { dist: 'choice', values: [0, 4], weights: [1, 3] }, mean: 3, variance: 3 },
  { spec: { dist: 'choice', values: [1, 2, 3] }, mean: 2, variance: 2 / 3 },
  { spec: { dist: 'empirical', values: [1, 1, 4, 6] }, mean: 3, variance: 4.5 },
];

function label(spec: DistSpec): string {
  return JSON.stringify(spec);
}

describe('distMean and distVariance', () => {
  it.each(cases.map((c) => [label(c.spec), c] as const))('distMean/distVariance(%s) match the hand values', (_, c) => {
    expect(distMean(c.spec)).toBeCloseTo(c.mean, 12);
    expect(distVariance(c.spec)).toBeCloseTo(c.variance, 12);
  });
});

describe('compileSampler', () => {
  it.each(cases.map((c) => [label(c.spec), c] as const))(
    'compileSampler(%s) draws with mean distMean, within its support',
    (name, c) => {
      const draw = compileSampler(c.spec);
      const rng = createStream(2, `sampler ${name}`);
      const { min, max } = distSupport(c.spec);
      let sum = 0;
      for (let i = 0; i < N; i++) {
        const x = draw(rng);
        if (!(x >= min && x <= max)) expect.fail(`${x} outside [${min}, ${max}]`);
        sum += x;
      }
      const mean = sum / N;
      const tol = Z * Math.sqrt(distVariance(c.spec) / N);
      expect(Math.abs(mean - distMean(c.spec)), `mean ${mean}`).toBeLessThanOrEqual(tol);
    },
  );

  it('compileSampler(number) returns that number and draws nothing', () => {
    expect(compileSampler(7)(untouchable)).toBe(7);
    expect(compileSampler(0)(untouchable)).toBe(0);
    expect(compileSampler({ dist: 'constant', value: 1.5 })(untouchable)).toBe(1.5);
  });

  it('compileSampler(degenerate spec) returns the exact constant and draws nothing', () => {
    expect(compileSampler({ dist: 'normal', mean: 2, sd: 0 })(untouchable)).toBe(2);
    expect(compileSampler({ dist: 'uniform', min: 3, max: 3 })(untouchable)).toBe(3);
    expect(compileSampler({ dist: 'bernoulli', p: 1 })(untouchable)).toBe(1);
    expect(compileSampler({ dist: 'poisson', mean: 0 })(untouchable)).toBe(0);
    // Σwv/Σw would give 0.10000000000000002 here.
    expect(compileSampler({ dist: 'choice', values: [0.1, 9], weights: [3, 0] })(untouchable)).toBe(0.1);
  });

  it('compileSampler(choice) never returns a value of zero weight', () => {
    const draw = compileSampler({ dist: 'choice', values: [1, 2, 3], weights: [1, 0, 1] });
    const rng = createStream(2, 'choice zero weight');
    let twos = 0;
    for (let i = 0; i < 10_000; i++) if (draw(rng) === 2) twos++;
    expect(twos).toBe(0);
  });

  it('compileSampler(spec) copies its arrays, so later edits do not change draws', () => {
    const values = [5, 5, 5, 6];
    const weights = [1, 1, 1, 0];
    const draw = compileSampler({ dist: 'choice', values, weights });
    values.fill(99);
    weights[3] = 100;
    const rng = createStream(2, 'copies');
    for (let i = 0; i < 100; i++) expect(draw(rng)).toBe(5);
  });

  it('compileSampler(spec) gives the same draws as the same spec compiled again', () => {
    const spec: DistSpec = { dist: 'gamma', shape: 0.7, scale: 2 };
    const a = compileSampler(spec);
    const b = compileSampler(spec);
    const ra = createStream(2, 'same');
    const rb = createStream(2, 'same');
    for (let i = 0; i < 100; i++) expect(a(ra)).toBe(b(rb));
  });

  it('compileSampler(spec) rejects invalid parameters with a RangeError', () => {
    const bad = [
      Number.NaN,
      Infinity,
      { dist: 'uniform', min: 2, max: 1 },
      { dist: 'exponential', mean: -1 },
      { dist: 'normal', mean: 0, sd: -1 },
      { dist: 'normal', mean: Number.NaN, sd: 1 },
      { dist: 'lognormal', mu: 0, sigma: -0.1 },
      { dist: 'gamma', shape: 0, scale: 1 },
      { dist: 'gamma', shape: 1, scale: -1 },
      { dist: 'beta', alpha: 0, beta: 1 },
      { dist: 'bernoulli', p: 1.5 },
      { dist: 'bernoulli', p: -0.1 },
      { dist: 'poisson', mean: -2 },
      { dist: 'choice', values: [] },
      { dist: 'choice', values: [1, 2], weights: [1] },
      { dist: 'choice', values: [1, 2], weights: [0, 0] },
      { dist: 'choice', values: [1, 2], weights: [1, -1] },
      { dist: 'empirical', values: [] },
      { dist: 'triangular', min: 0, max: 1 },
    ] as unknown as DistSpec[];
    for (const spec of bad) {
      expect(() => compileSampler(spec), label(spec)).toThrow(RangeError);
      expect(() => distMean(spec), label(spec)).toThrow(RangeError);
    }
  });
});

describe('shared samplers', () => {
  it('gives equal specs one sampler, and keeps -0 apart from 0', () => {
    const spec = { dist: 'beta' as const, alpha: 2, beta: 5 };
    expect(compileSampler({ ...spec })).toBe(compileSampler({ ...spec }));
    expect(compileSampler({ dist: 'normal', mean: 1, sd: 2 })).not.toBe(compileSampler({ dist: 'normal', mean: 1, sd: 3 }));
    expect(Object.is(compileSampler(-0)(createStream(1, 'z')), -0)).toBe(true);
    expect(Object.is(compileSampler(0)(createStream(1, 'z')), 0)).toBe(true);
  });

  it('draws from the stream it is given, so sharing one cannot couple two runs', () => {
    const draw = compileSampler({ dist: 'gamma', shape: 0.5, scale: 2 });
    const solo = createStream(9, 'a');
    const alone = Array.from({ length: 5 }, () => draw(solo));
    const a = createStream(9, 'a');
    const b = createStream(9, 'b');
    const interleaved: number[] = [];
    for (let i = 0; i < 5; i++) {
      interleaved.push(draw(a));
      draw(b);
    }
    expect(interleaved).toEqual(alone);
  });
});

describe('distSupport', () => {
  it('distSupport(spec) gives the range of possible values', () => {
    expect(distSupport(3)).toEqual({ min: 3, max: 3 });
    expect(distSupport({ dist: 'uniform', min: -1, max: 2 })).toEqual({ min: -1, max: 2 });
    expect(distSupport({ dist: 'exponential', mean: 1 })).toEqual({ min: 0, max: Infinity });
    expect(distSupport({ dist: 'normal', mean: 0, sd: 1 })).toEqual({ min: -Infinity, max: Infinity });
    expect(distSupport({ dist: 'lognormal', mu: 0, sigma: 1 })).toEqual({ min: 0, max: Infinity });
    expect(distSupport({ dist: 'gamma', shape: 2, scale: 1 })).toEqual({ min: 0, max: Infinity });
    expect(distSupport({ dist: 'beta', alpha: 2, beta: 3 })).toEqual({ min: 0, max: 1 });
    expect(distSupport({ dist: 'bernoulli', p: 0.3 })).toEqual({ min: 0, max: 1 });
    expect(distSupport({ dist: 'poisson', mean: 4 })).toEqual({ min: 0, max: Infinity });
    expect(distSupport({ dist: 'choice', values: [4, -2, 9] })).toEqual({ min: -2, max: 9 });
    expect(distSupport({ dist: 'choice', values: [4, -2, 9], weights: [1, 0, 1] })).toEqual({ min: 4, max: 9 });
    expect(distSupport({ dist: 'empirical', values: [3, 1, 2] })).toEqual({ min: 1, max: 3 });
  });
});

describe('isConstant', () => {
  it('isConstant(spec) is true for numbers, constant and degenerate specs only', () => {
    expect(isConstant(5)).toBe(true);
    expect(isConstant({ dist: 'constant', value: 5 })).toBe(true);
    expect(isConstant({ dist: 'uniform', min: 1, max: 1 })).toBe(true);
    expect(isConstant({ dist: 'normal', mean: 1, sd: 0 })).toBe(true);
    expect(isConstant({ dist: 'lognormal', mu: 1, sigma: 0 })).toBe(true);
    expect(isConstant({ dist: 'exponential', mean: 0 })).toBe(true);
    expect(isConstant({ dist: 'bernoulli', p: 0 })).toBe(true);
    expect(isConstant({ dist: 'choice', values: [2, 2] })).toBe(true);
    expect(isConstant({ dist: 'empirical', values: [7] })).toBe(true);

    expect(isConstant({ dist: 'uniform', min: 1, max: 2 })).toBe(false);
    expect(isConstant({ dist: 'normal', mean: 1, sd: 0.1 })).toBe(false);
    expect(isConstant({ dist: 'beta', alpha: 1, beta: 1 })).toBe(false);
    expect(isConstant({ dist: 'bernoulli', p: 0.5 })).toBe(false);
    expect(isConstant({ dist: 'choice', values: [1, 2] })).toBe(false);
  });
});
