// Tests for the distribution samplers: sample moments and frequencies against
// the analytic values.
//
// Tolerances come from standard errors, not guesses: with n draws the sample
// mean is within z·sqrt(σ²/n) of μ and the sample variance within
// z·sqrt((μ4 − σ⁴)/n) of σ² (μ4 the fourth central moment; the exact finite-n
// form is used), with z = 4.5. A
// correct sampler fails such a check with probability ~7e-6; a wrong one
// (wrong scale, off-by-one, broken rejection step) misses by many standard
// errors. Streams are fixed-seed, so the outcome never changes between runs.

import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  beta,
  cumulative,
  empirical,
  exponential,
  gamma,
  lognormal,
  normal,
  poisson,
  uniform,
  weightedChoice,
} from './distributions.js';
import { createStream, type Rng } from './random.js';

const Z = 4.5;
const N = 200_000;

/** Analytic mean, variance and fourth central moment. */
interface Moments {
  mean: number;
  variance: number;
  mu4: number;
}

/** Draws n values and checks their mean and variance against `m` within Z standard errors. */
function expectMoments(draw: () => number, m: Moments, n = N): void {
  const xs = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    xs[i] = x;
    sum += x;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (xs[i]! - mean) ** 2;
  const variance = sq / (n - 1);
  const meanTol = Z * Math.sqrt(m.variance / n);
  // Exact variance of the unbiased sample variance, μ4/n − σ⁴(n−3)/(n(n−1)),
  // rather than the asymptotic (μ4 − σ⁴)/n, which is 0 for a fair coin.
  const varTol = Z * Math.sqrt(m.mu4 / n - (m.variance * m.variance * (n - 3)) / (n * (n - 1)));
  expect(Math.abs(mean - m.mean), `mean ${mean} vs ${m.mean} (tolerance ${meanTol})`).toBeLessThanOrEqual(meanTol);
  expect(Math.abs(variance - m.variance), `variance ${variance} vs ${m.variance} (tolerance ${varTol})`).toBeLessThanOrEqual(
    varTol,
  );
}

/** Moments from excess kurtosis: μ4 = (κ + 3)·σ⁴. */
function fromKurtosis(mean: number, variance: number, excessKurtosis: number): Moments {
  return { mean, variance, mu4: (excessKurtosis + 3) * variance * variance };
}

/** Exact moments of a finite distribution. */
function discrete(values: readonly number[], weights: readonly number[]): Moments {
  const total = weights.reduce((a, b) => a + b, 0);
  const mean = values.reduce((a, v, i) => a + v * weights[i]!, 0) / total;
  const central = (p: number) => values.reduce((a, v, i) => a + weights[i]! * (v - mean) ** p, 0) / total;
  return { mean, variance: central(2), mu4: central(4) };
}

/** Checks each category count against n·p within Z binomial standard errors. */
function expectFrequencies(counts: ArrayLike<number>, probs: ArrayLike<number>, n: number): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    const tol = Z * Math.sqrt(n * p * (1 - p));
    expect(Math.abs(counts[i]! - n * p), `category ${i}: ${counts[i]} vs ${n * p}`).toBeLessThanOrEqual(tol);
  }
}

/** An rng replaying fixed values, for exact edge cases. */
function fixed(...values: number[]): Rng {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('uniform', () => {
  it.each([
    [0, 1],
    [-3, 5],
  ])('uniform(rng, %d, %d) matches mean and variance', (min, max) => {
    const rng = createStream(1, `uniform ${min} ${max}`);
    const w = max - min;
    expectMoments(() => uniform(rng, min, max), { mean: (min + max) / 2, variance: (w * w) / 12, mu4: w ** 4 / 80 });
  });
});

describe('exponential', () => {
  it.each([1, 0.25, 40])('exponential(rng, %d) matches mean and variance', (mean) => {
    const rng = createStream(1, `exponential ${mean}`);
    expectMoments(() => exponential(rng, mean), { mean, variance: mean ** 2, mu4: 9 * mean ** 4 });
  });

  it('exponential(rng, mean) is +0 at u = 0 and finite at the largest u', () => {
    expect(Object.is(exponential(fixed(0), 2), 0)).toBe(true);
    expect(exponential(fixed(1 - 2 ** -32), 1)).toBeCloseTo(32 * Math.LN2, 12);
  });
});

describe('normal', () => {
  it.each([
    [0, 1],
    [10, 3],
    [-5, 0.1],
  ])('normal(rng, %d, %d) matches mean and variance', (mean, sd) => {
    const rng = createStream(1, `normal ${mean} ${sd}`);
    expectMoments(() => normal(rng, mean, sd), { mean, variance: sd * sd, mu4: 3 * sd ** 4 });
  });

  it('normal(rng, 0, 1) follows the standard normal CDF, tails and wedges included', () => {
    // Φ at each point against the empirical CDF of 10^6 draws, each within Z
    // binomial standard errors. The points cover the inner layers, the wedges
    // and both tails beyond the base layer's edge r ≈ 3.4426, where a wrong
    // tail or wedge step would show first.
    const n = 1_000_000;
    const rng = createStream(1, 'normal cdf');
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = normal(rng, 0, 1);
    xs.sort();
    for (const x of [-4, -3.4426, -3, -2.5, -2, -1.5, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 3.4426, 4]) {
      const p = phi(x);
      const below = countBelow(xs, x) / n;
      const tol = Z * Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(below - p), `F(${x}) = ${below} vs Φ = ${p} (tolerance ${tol})`).toBeLessThanOrEqual(tol);
    }
  });

  it('normal(rng, mean, sd) uses about one uniform per draw, however it is parameterised', () => {
    const count = (mean: number, sd: number): number => {
      let calls = 0;
      const base = createStream(1, 'normal calls');
      const counting: Rng = () => (calls++, base());
      for (let i = 0; i < 100_000; i++) normal(counting, mean, sd);
      return calls;
    };
    const calls = count(0, 1);
    expect(calls / 100_000).toBeGreaterThanOrEqual(1);
    expect(calls / 100_000).toBeLessThan(1.05); // ziggurat: ~1.2% of draws take 2–4 more
    expect(count(10, 3)).toBe(calls); // the same stream, the same consumption
  });

  it('normal(rng, mean, sd) stays finite at the extreme uniforms', () => {
    for (const u of [0, 2 ** -32, 0.5, 1 - 2 ** -32]) {
      expect(Number.isFinite(normal(fixed(u, u, u, u, 0.5, 0.5), 0, 1))).toBe(true);
    }
  });
});

/** Standard normal CDF by Simpson's rule on the density (error far below 1e-9 here). */
function phi(x: number): number {
  const steps = 20_000;
  const a = 0;
  const h = (Math.abs(x) - a) / steps;
  const f = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let sum = f(a) + f(Math.abs(x));
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  const half = (sum * h) / 3;
  return x >= 0 ? 0.5 + half : 0.5 - half;
}

/** Number of sorted values strictly below x. */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe('lognormal', () => {
  it.each([
    [0, 0.25],
    [1, 0.5],
    [-2, 0.1],
  ])('lognormal(rng, %d, %d) matches mean and variance', (mu, sigma) => {
    const rng = createStream(1, `lognormal ${mu} ${sigma}`);
    const s2 = sigma * sigma;
    const mean = Math.exp(mu + s2 / 2);
    const variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
    const kurtosis = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
    expectMoments(() => lognormal(rng, mu, sigma), fromKurtosis(mean, variance, kurtosis));
  });
});

describe('gamma', () => {
  it.each([
    [0.1, 1],
    [0.3, 2],
    [0.5, 1],
    [1, 3],
    [2.5, 0.5],
    [9, 1],
    [100, 0.01],
  ])('gamma(rng, %d, %d) matches mean and variance', (shape, scale) => {
    const rng = createStream(1, `gamma ${shape} ${scale}`);
    // μ4 = 3k(k + 2)θ⁴ (excess kurtosis 6/k).
    expectMoments(() => gamma(rng, shape, scale), {
      mean: shape * scale,
      variance: shape * scale * scale,
      mu4: 3 * shape * (shape + 2) * scale ** 4,
    });
  });

  it('gamma(rng, shape, scale) is positive', () => {
    const rng = createStream(1, 'gamma positive');
    let smallest = Infinity;
    for (let i = 0; i < N; i++) smallest = Math.min(smallest, gamma(rng, 0.2, 1));
    expect(smallest).toBeGreaterThan(0);
  });
});

describe('beta', () => {
  it.each([
    [0.5, 0.5],
    [2, 5],
    [0.3, 3],
    [1, 1],
    [20, 20],
  ])('beta(rng, %d, %d) matches mean and variance', (a, b) => {
    const rng = createStream(1, `beta ${a} ${b}`);
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const kurtosis = (6 * ((a - b) ** 2 * (a + b + 1) - a * b * (a + b + 2))) / (a * b * (a + b + 2) * (a + b + 3));
    expectMoments(() => beta(rng, a, b), fromKurtosis(mean, variance, kurtosis));
  });

  it('beta(rng, alpha, beta) stays in [0, 1] with tiny shapes, where both gammas can underflow', () => {
    const rng = createStream(1, 'beta tiny');
    const [a, b] = [0.01, 0.03];
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const x = beta(rng, a, b);
      if (!(x >= 0 && x <= 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(sum / N - a / (a + b))).toBeLessThanOrEqual(Z * Math.sqrt(variance / N));
  });
});

describe('bernoulli', () => {
  it.each([0.5, 0.05, 0.9])('bernoulli(rng, %d) matches mean and variance', (p) => {
    const rng = createStream(1, `bernoulli ${p}`);
    const q = 1 - p;
    expectMoments(() => bernoulli(rng, p), { mean: p, variance: p * q, mu4: p * q * (1 - 3 * p * q) });
  });

  it('bernoulli(rng, p) is always 0 at p = 0 and 1 at p = 1', () => {
    const rng = createStream(1, 'bernoulli edges');
    let ones = 0;
    for (let i = 0; i < 10_000; i++) ones += bernoulli(rng, 0) + (1 - bernoulli(rng, 1));
    expect(ones).toBe(0);
  });
});

describe('poisson', () => {
  // 3 and 9.5 take Knuth's method, 10 and up PTRS.
  it.each([0.5, 3, 9.5, 10, 30, 200, 1e6])('poisson(rng, %d) matches mean and variance', (mean) => {
    const rng = createStream(1, `poisson ${mean}`);
    // μ4 = λ(1 + 3λ).
    expectMoments(() => poisson(rng, mean), { mean, variance: mean, mu4: mean * (1 + 3 * mean) });
  });

  it('poisson(rng, 0) is always 0', () => {
    const rng = createStream(1, 'poisson zero');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += poisson(rng, 0);
    expect(sum).toBe(0);
  });

  // Moments alone would miss a slightly wrong shape, for example an error in
  // the log-factorial of PTRS's acceptance test, so compare the whole pmf.
  it.each([4, 12, 45])('poisson(rng, %d) matches the pmf', (mean) => {
    const rng = createStream(1, `poisson pmf ${mean}`);
    // Categories: one per k in [lo, hi], where every expected count is large
    // enough for the normal bound, plus a bucket for each tail.
    const lo = Math.max(0, Math.floor(mean - 4 * Math.sqrt(mean)));
    const hi = Math.ceil(mean + 4 * Math.sqrt(mean));
    const probs = new Float64Array(hi - lo + 3);
    let logFactorial = 0;
    let below = 0;
    for (let k = 0; k <= hi; k++) {
      if (k > 0) logFactorial += Math.log(k);
      const p = Math.exp(-mean + k * Math.log(mean) - logFactorial);
      if (k < lo) below += p;
      else probs[k - lo + 1] = p;
    }
    probs[0] = below;
    probs[hi - lo + 2] = 1 - probs.reduce((a, b) => a + b, 0);
    const counts = new Float64Array(probs.length);
    let notCounts = 0;
    for (let i = 0; i < N; i++) {
      const k = poisson(rng, mean);
      if (!(Number.isInteger(k) && k >= 0)) notCounts++;
      counts[k < lo ? 0 : k > hi ? hi - lo + 2 : k - lo + 1]!++;
    }
    expect(notCounts).toBe(0);
    expectFrequencies(counts, probs, N);
  });
});

describe('cumulative', () => {
  it('cumulative(weights) returns running sums', () => {
    expect(Array.from(cumulative([1, 3, 0, 2]))).toEqual([1, 4, 4, 6]);
  });

  it('cumulative(weights) rejects negative, non-finite and all-zero weights', () => {
    expect(() => cumulative([1, -1])).toThrow(RangeError);
    expect(() => cumulative([1, Number.NaN])).toThrow(RangeError);
    expect(() => cumulative([1, Infinity])).toThrow(RangeError);
    expect(() => cumulative([0, 0])).toThrow(RangeError);
    expect(() => cumulative([])).toThrow(RangeError);
  });
});

describe('weightedChoice', () => {
  it('weightedChoice(rng, cum) picks the first index whose running sum exceeds u·total', () => {
    const cum = cumulative([1, 3, 0, 2]);
    expect(weightedChoice(fixed(0), cum)).toBe(0);
    expect(weightedChoice(fixed(0.999 / 6), cum)).toBe(0);
    expect(weightedChoice(fixed(1 / 6), cum)).toBe(1);
    // u·total = 4 lands on the zero-weight index's sum; it must be skipped.
    expect(weightedChoice(fixed(4 / 6), cum)).toBe(3);
    expect(weightedChoice(fixed(1 - 2 ** -32), cum)).toBe(3);
    expect(weightedChoice(fixed(0.7), cumulative([5]))).toBe(0);
  });

  it('weightedChoice(rng, cum) frequencies match the weights', () => {
    const weights = [5, 0, 1, 3, 0.5, 0, 10, 0.25];
    const total = weights.reduce((a, b) => a + b, 0);
    const cum = cumulative(weights);
    const rng = createStream(1, 'weightedChoice');
    const counts = new Float64Array(weights.length);
    for (let i = 0; i < N; i++) counts[weightedChoice(rng, cum)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[5]).toBe(0);
    expectFrequencies(counts, weights.map((w) => w / total), N);
  });

  it('weightedChoice(rng, cum) index moments match the weights', () => {
    const weights = [2, 7, 1, 4];
    const rng = createStream(1, 'weightedChoice moments');
    const cum = cumulative(weights);
    expectMoments(() => weightedChoice(rng, cum), discrete([0, 1, 2, 3], weights));
  });
});

describe('empirical', () => {
  it('empirical(rng, values) matches the moments of uniform resampling', () => {
    const values = [1, 2, 2, 7, 10, -4];
    const rng = createStream(1, 'empirical');
    expectMoments(() => empirical(rng, values), discrete(values, values.map(() => 1)));
  });

  it('empirical(rng, values) picks each position equally often', () => {
    const values = Float64Array.from([10, 11, 12, 13, 14, 15, 16]);
    const rng = createStream(1, 'empirical frequencies');
    const counts = new Float64Array(values.length);
    for (let i = 0; i < N; i++) counts[empirical(rng, values) - 10]!++;
    expectFrequencies(counts, new Float64Array(values.length).fill(1 / values.length), N);
  });

  it('empirical(rng, values) stays in range at the largest u', () => {
    expect(empirical(fixed(1 - 2 ** -32), [1, 2, 3])).toBe(3);
  });
});
