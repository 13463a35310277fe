// Distributions: draw one value from a standard probability distribution,
// given a uniform stream.
//
// Each sampler is a plain function taking its rng first, so randomness is
// always passed in (never global) and the caller decides which named stream a
// draw comes from. None of them allocate or keep state between calls: the
// same stream position always gives the same value, which replay and common
// random numbers depend on. Parameters are not validated here (this is the
// hot path); the scenario schema and compileSampler check them once, up front.
// Logs, exps and cosines come from detMath, not Math, so every JS engine draws
// the same bits.

import { exp, log, pow } from './detMath.js';
import { standardNormal } from './ziggurat.js';
import type { Rng } from './random.js';

/**
 * Uniform on [min, max).
 *
 * @example
 * ```ts
 * const delay = uniform(rng, 1, 3); // 1 ≤ delay < 3
 * ```
 */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/**
 * Exponential with the given mean (rate 1/mean), by inverse transform.
 *
 * @example
 * ```ts
 * const gap = exponential(rng, 2); // inter-arrival time, 0.5 arrivals per unit
 * ```
 */
export function exponential(rng: Rng, mean: number): number {
  // 1 - rng() is in (0, 1], so the log is finite. `0 - log` rather than
  // `-log` so that a draw of exactly 0 is +0, not -0.
  return mean * (0 - log(1 - rng()));
}

/**
 * Normal with the given mean and standard deviation, by the ziggurat method
 * (ziggurat.ts): one uniform for ~98.8% of draws, no log or cosine on that
 * path. The number of uniforms a draw takes depends only on the stream, not
 * on `mean` or `sd`, so streams stay aligned when parameters change.
 *
 * @example
 * ```ts
 * const height = normal(rng, 170, 10);
 * ```
 */
export function normal(rng: Rng, mean: number, sd: number): number {
  return mean + sd * standardNormal(rng);
}

/**
 * Log-normal: `exp(X)` with X normal of mean `mu` and standard deviation
 * `sigma` (the parameters of the underlying normal, not of the result).
 *
 * @example
 * ```ts
 * const cost = lognormal(rng, Math.log(100), 0.5); // median 100
 * ```
 */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return exp(normal(rng, mu, sigma));
}

/**
 * Gamma with the given shape and scale (mean shape·scale), by Marsaglia and
 * Tsang's squeeze method. For shape < 1 it draws Gamma(shape + 1) and scales
 * by U^(1/shape), since the method itself needs shape ≥ 1.
 *
 * @example
 * ```ts
 * const effort = gamma(rng, 2, 1.5); // mean 3
 * ```
 */
export function gamma(rng: Rng, shape: number, scale: number): number {
  if (shape >= 1) return marsagliaTsang(rng, shape) * scale;
  // 1 - rng() is never 0, so the boost never returns an exact 0 by itself.
  const g = marsagliaTsang(rng, shape + 1);
  return g * scale * pow(1 - rng(), 1 / shape);
}

// Gamma(shape ≥ 1, scale 1). Not recursive, unlike a gamma that boosts itself
// for shape < 1: TurboFan does not inline a recursive function, so every beta
// draw made two real calls to gamma (1,000,000 beta(2, 5) draws: 118 ms
// recursive, 71–85 ms now).
function marsagliaTsang(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng, 0, 1);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng();
    const x2 = x * x;
    // The squeeze accepts ~98% of draws without a log.
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/**
 * Beta with shape parameters `alpha` and `beta`, as X/(X+Y) with X, Y gamma.
 *
 * @example
 * ```ts
 * const reliability = beta(rng, 8, 2); // mean 0.8
 * ```
 */
export function beta(rng: Rng, alpha: number, beta: number): number {
  const x = gamma(rng, alpha, 1);
  const y = gamma(rng, beta, 1);
  const sum = x + y;
  // With tiny shapes (≲ 0.02) both gammas can underflow to 0. Beta then
  // puts almost all its mass at the endpoints, 1 with probability
  // alpha/(alpha+beta), so answer from that limit rather than with 0/0.
  if (sum === 0) return rng() * (alpha + beta) < alpha ? 1 : 0;
  return x / sum;
}

/**
 * 1 with probability p, else 0.
 *
 * @example
 * ```ts
 * const failed = bernoulli(rng, 0.05) === 1;
 * ```
 */
export function bernoulli(rng: Rng, p: number): number {
  return rng() < p ? 1 : 0;
}

// Below this mean, Knuth's product of uniforms (about mean + 1 draws) is
// cheaper than PTRS's logs; PTRS is only proven for mean ≥ 10 anyway.
const PTRS_MIN_MEAN = 10;

/**
 * Poisson with the given mean: Knuth's multiplication method below mean 10,
 * Hörmann's transformed rejection (PTRS, 1993) from 10 up, whose cost does not
 * grow with the mean.
 *
 * @example
 * ```ts
 * const arrivalsThisHour = poisson(rng, 3.5);
 * ```
 */
export function poisson(rng: Rng, mean: number): number {
  if (mean < PTRS_MIN_MEAN) {
    const limit = exp(-mean);
    let k = 0;
    let product = rng();
    while (product > limit) {
      k++;
      product *= rng();
    }
    return k;
  }
  return poissonPtrs(rng, mean);
}

// W. Hörmann, "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12 (1993) 39–45.
function poissonPtrs(rng: Rng, mean: number): number {
  const sqrtMean = Math.sqrt(mean);
  const logMean = log(mean);
  const b = 0.931 + 2.53 * sqrtMean;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng() - 0.5;
    const v = rng();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    // Inner box: accept without evaluating the density (~86% of draws).
    if (us >= 0.07 && v <= vr) return k;
    // us = 0 makes k = -Infinity, rejected here.
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (log(v) + logInvAlpha - log(a / (us * us) + b) <= -mean + k * logMean - logGamma(k + 1)) {
      return k;
    }
  }
}

// Stirling series coefficients B_2j / (2j (2j − 1)), j = 1..10.
const STIRLING = [
  1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400, 43867 / 244188,
  -174611 / 125400,
] as const;
const HALF_LOG_2PI = 0.5 * log(2 * Math.PI);

// log Γ(x) for x > 0 (JS has no Math.lgamma): the Stirling series at x + n ≥ 7,
// where it is accurate to double precision, shifted back down by
// log Γ(x) = log Γ(x + n) − log(x (x+1) … (x+n−1)).
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const n = x < 7 ? Math.floor(7 - x) : 0;
  let x0 = x + n;
  const inv2 = 1 / (x0 * x0);
  let series = STIRLING[9];
  for (let j = 8; j >= 0; j--) series = series * inv2 + STIRLING[j]!;
  let result = series / x0 + HALF_LOG_2PI + (x0 - 0.5) * log(x0) - x0;
  for (let j = 0; j < n; j++) {
    x0 -= 1;
    result -= log(x0);
  }
  return result;
}

/**
 * Running sums of `weights`, the form {@link weightedChoice} searches. Compute
 * it once per set of weights, not per draw.
 *
 * @throws RangeError if a weight is negative or not finite, or all are 0.
 * @example
 * ```ts
 * cumulative([1, 3, 0, 2]); // Float64Array [1, 4, 4, 6]
 * ```
 */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`weight ${i} must be finite and ≥ 0, got ${w}`);
    total += w;
    out[i] = total;
  }
  if (!(total > 0)) throw new RangeError('weights must not all be 0');
  return out;
}

/**
 * Index i chosen with probability proportional to weight i, given the running
 * sums from {@link cumulative}. Binary search: O(log n) per draw. Indices of
 * zero weight are never chosen.
 *
 * @example
 * ```ts
 * const cum = cumulative([0.7, 0.2, 0.1]);
 * const tier = weightedChoice(rng, cum); // 0, 1 or 2 with probability .7/.2/.1
 * ```
 */
export function weightedChoice(rng: Rng, cumulativeWeights: ArrayLike<number>): number {
  const n = cumulativeWeights.length;
  const target = rng() * cumulativeWeights[n - 1]!;
  // First index whose running sum exceeds the target: strictly greater, so
  // a zero-weight index (same sum as its predecessor) is skipped.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulativeWeights[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One of the observed `values`, each equally likely (resampling, as in the
 * bootstrap). Repeated values are proportionally more likely.
 *
 * @example
 * ```ts
 * const duration = empirical(rng, observedDurations);
 * ```
 */
export function empirical(rng: Rng, values: ArrayLike<number>): number {
  return values[Math.floor(rng() * values.length)]!;
}
