// Sampler: the scenario language's distribution specs, compiled once into
// draw functions, and their analytic mean, variance and support.
//
// Why compile: a spec is parsed, checked and preprocessed (cumulative weights,
// copied value arrays) once when the world is built; the closure the model
// calls per draw then only does arithmetic. Why the analytic moments: the
// scenario layer and tests need expected values (offered load, capacity
// checks, sanity bounds) without sampling.

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
import { exp, expm1 } from './detMath.js';
import type { Rng } from './random.js';

/**
 * A distribution as a scenario file writes it: a plain number is a constant,
 * an object names the distribution and its parameters.
 *
 * @example
 * ```ts
 * const duration: DistSpec = { dist: 'lognormal', mu: 0, sigma: 0.5 };
 * const retries: DistSpec = 2;
 * ```
 */
export type DistSpec =
  | number
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'normal'; mean: number; sd: number }
  | { dist: 'lognormal'; mu: number; sigma: number }
  | { dist: 'gamma'; shape: number; scale: number }
  | { dist: 'beta'; alpha: number; beta: number }
  | { dist: 'bernoulli'; p: number }
  | { dist: 'poisson'; mean: number }
  | { dist: 'choice'; values: number[]; weights?: number[] }
  | { dist: 'empirical'; values: number[] };

/**
 * Draws one value, using the stream it is given.
 *
 * @example
 * ```ts
 * const draw: Sampler = compileSampler({ dist: 'exponential', mean: 2 });
 * const x = draw(streams.get('durations'));
 * ```
 */
export type Sampler = (rng: Rng) => number;

/**
 * Compiles a spec into a sampler. Degenerate specs (see {@link isConstant})
 * compile to a sampler that returns the constant and draws nothing from its
 * stream.
 *
 * @throws RangeError on parameters no distribution accepts (negative sd, empty
 * values, weights of the wrong length, …).
 * @example
 * ```ts
 * const draw = compileSampler({ dist: 'choice', values: [1, 2, 5], weights: [3, 2, 1] });
 * draw(rng); // 1 half the time
 * ```
 */
export function compileSampler(spec: DistSpec): Sampler {
  return sharedSampler(specKey(spec), () => compileFresh(spec));
}

// Compiled samplers, shared by every run in this thread. A sampler is a pure
// function of its spec and the stream it is given, so sharing cannot change a
// draw. Why share: samplers are closures, and V8 keeps a closure's optimized
// code only while the closure lives. Samplers made afresh for every run died
// with it, and a pool worker compiled the next run's again after every full
// GC, on the core the other worker needed (bench/README.md, "Parallel
// workers"). Cleared when full, so a sweep over many distinct specs does not
// grow it without bound.
const sharedSamplers = new Map<string, Sampler>();
const MAX_SHARED_SAMPLERS = 10_000;

/**
 * The thread's shared sampler for `key`, made by `make` on first use. For
 * samplers derived from a spec (the goal factory's clamped ones): the key
 * must say everything the sampler depends on, starting with {@link specKey}.
 */
export function sharedSampler(key: string, make: () => Sampler): Sampler {
  let sampler = sharedSamplers.get(key);
  if (sampler === undefined) {
    sampler = make();
    if (sharedSamplers.size >= MAX_SHARED_SAMPLERS) sharedSamplers.clear();
    sharedSamplers.set(key, sampler);
  }
  return sampler;
}

/** A key that tells specs apart exactly: -0 is kept apart from 0. */
export function specKey(spec: DistSpec): string {
  return JSON.stringify(spec, (_key, value: unknown) => (Object.is(value, -0) ? '-0' : value));
}

function compileFresh(spec: DistSpec): Sampler {
  check(spec);
  const support = distSupportChecked(spec);
  if (typeof spec === 'number' || support.min === support.max) {
    // The support's end, not the mean: a mean computed as Σwv/Σw can be
    // off in the last bit.
    const value = support.min;
    return () => value;
  }
  switch (spec.dist) {
    case 'constant': {
      const { value } = spec;
      return () => value;
    }
    case 'uniform': {
      const { min, max } = spec;
      return (rng) => uniform(rng, min, max);
    }
    case 'exponential': {
      const { mean } = spec;
      return (rng) => exponential(rng, mean);
    }
    case 'normal': {
      const { mean, sd } = spec;
      return (rng) => normal(rng, mean, sd);
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      return (rng) => lognormal(rng, mu, sigma);
    }
    case 'gamma': {
      const { shape, scale } = spec;
      return (rng) => gamma(rng, shape, scale);
    }
    case 'beta': {
      const { alpha, beta: b } = spec;
      return (rng) => beta(rng, alpha, b);
    }
    case 'bernoulli': {
      const { p } = spec;
      return (rng) => bernoulli(rng, p);
    }
    case 'poisson': {
      const { mean } = spec;
      return (rng) => poisson(rng, mean);
    }
    case 'choice': {
      // Copies, so later edits to the scenario object cannot change the run.
      const values = Float64Array.from(spec.values);
      if (spec.weights === undefined) return (rng) => empirical(rng, values);
      const cum = cumulative(spec.weights);
      return (rng) => values[weightedChoice(rng, cum)]!;
    }
    case 'empirical': {
      const values = Float64Array.from(spec.values);
      return (rng) => empirical(rng, values);
    }
  }
}

/**
 * The distribution's mean.
 *
 * @example
 * ```ts
 * distMean({ dist: 'gamma', shape: 2, scale: 3 }); // 6
 * ```
 */
export function distMean(spec: DistSpec): number {
  check(spec);
  return distMeanChecked(spec);
}

function distMeanChecked(spec: DistSpec): number {
  if (typeof spec === 'number') return spec;
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
    case 'normal':
    case 'poisson':
      return spec.mean;
    case 'lognormal':
      return exp(spec.mu + (spec.sigma * spec.sigma) / 2);
    case 'gamma':
      return spec.shape * spec.scale;
    case 'beta':
      return spec.alpha / (spec.alpha + spec.beta);
    case 'bernoulli':
      return spec.p;
    case 'choice':
    case 'empirical':
      return discreteMoments(spec).mean;
  }
}

/**
 * The distribution's variance. For `empirical` this is the variance of
 * resampling (divide by n), not the n − 1 estimate of a population's.
 *
 * @example
 * ```ts
 * distVariance({ dist: 'uniform', min: 0, max: 12 }); // 12
 * ```
 */
export function distVariance(spec: DistSpec): number {
  check(spec);
  if (typeof spec === 'number') return 0;
  switch (spec.dist) {
    case 'constant':
      return 0;
    case 'uniform': {
      const w = spec.max - spec.min;
      return (w * w) / 12;
    }
    case 'exponential':
      return spec.mean * spec.mean;
    case 'normal':
      return spec.sd * spec.sd;
    case 'lognormal': {
      const s2 = spec.sigma * spec.sigma;
      return expm1(s2) * exp(2 * spec.mu + s2);
    }
    case 'gamma':
      return spec.shape * spec.scale * spec.scale;
    case 'beta': {
      const { alpha: a, beta: b } = spec;
      return (a * b) / ((a + b) * (a + b) * (a + b + 1));
    }
    case 'bernoulli':
      return spec.p * (1 - spec.p);
    case 'poisson':
      return spec.mean;
    case 'choice':
    case 'empirical':
      return discreteMoments(spec).variance;
  }
}

/**
 * The smallest interval [min, max] holding every value the distribution can
 * produce; an infinite end means unbounded. Endpoints may be open (uniform
 * never returns max, exponential's 0 has probability ~2^-32). For `choice`,
 * values of zero weight are left out.
 *
 * @example
 * ```ts
 * distSupport({ dist: 'exponential', mean: 1 }); // { min: 0, max: Infinity }
 * ```
 */
export function distSupport(spec: DistSpec): { min: number; max: number } {
  check(spec);
  return distSupportChecked(spec);
}

function distSupportChecked(spec: DistSpec): { min: number; max: number } {
  if (typeof spec === 'number') return { min: spec, max: spec };
  switch (spec.dist) {
    case 'constant':
      return { min: spec.value, max: spec.value };
    case 'uniform':
      return { min: spec.min, max: spec.max };
    case 'exponential':
      return { min: 0, max: spec.mean === 0 ? 0 : Infinity };
    case 'normal':
      return spec.sd === 0 ? { min: spec.mean, max: spec.mean } : { min: -Infinity, max: Infinity };
    case 'lognormal': {
      if (spec.sigma === 0) {
        const value = exp(spec.mu);
        return { min: value, max: value };
      }
      return { min: 0, max: Infinity };
    }
    case 'gamma':
      return { min: 0, max: spec.scale === 0 ? 0 : Infinity };
    case 'beta':
      return { min: 0, max: 1 };
    case 'bernoulli':
      return { min: spec.p === 1 ? 1 : 0, max: spec.p === 0 ? 0 : 1 };
    case 'poisson':
      return { min: 0, max: spec.mean === 0 ? 0 : Infinity };
    case 'choice':
    case 'empirical': {
      const { values } = spec;
      const weights = spec.dist === 'choice' ? spec.weights : undefined;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        if (weights !== undefined && weights[i] === 0) continue;
        const v = values[i]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { min, max };
    }
  }
}

/**
 * Whether the spec always yields the same value: a plain number, `constant`,
 * or a degenerate case such as `normal` with sd 0 or `choice` with one value.
 *
 * @example
 * ```ts
 * isConstant(3); // true
 * isConstant({ dist: 'uniform', min: 2, max: 2 }); // true
 * ```
 */
export function isConstant(spec: DistSpec): boolean {
  check(spec);
  return isConstantChecked(spec);
}

function isConstantChecked(spec: DistSpec): boolean {
  const { min, max } = distSupportChecked(spec);
  return min === max;
}

// Mean and variance of a finite distribution: `values` with `weights`
// (equal if absent). Two passes, so the variance does not lose precision to
// cancellation when the values sit far from 0.
function discreteMoments(spec: { values: number[]; weights?: number[] }): { mean: number; variance: number } {
  const { values, weights } = spec;
  let total = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    total += w;
    sum += w * values[i]!;
  }
  const mean = sum / total;
  let sq = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const d = values[i]! - mean;
    sq += w * d * d;
  }
  return { mean, variance: sq / total };
}

// Rejects parameters that no distribution accepts. The scenario schema gives
// friendlier messages; this is the backstop for specs built in code.
function check(spec: DistSpec): void {
  if (typeof spec === 'number') {
    finite('value', spec);
    return;
  }
  switch (spec.dist) {
    case 'constant':
      finite('value', spec.value);
      return;
    case 'uniform':
      finite('min', spec.min);
      finite('max', spec.max);
      if (spec.max < spec.min) throw new RangeError(`uniform: max (${spec.max}) must be ≥ min (${spec.min})`);
      return;
    case 'exponential':
      atLeast('exponential', 'mean', spec.mean, 0);
      return;
    case 'normal':
      finite('mean', spec.mean);
      atLeast('normal', 'sd', spec.sd, 0);
      return;
    case 'lognormal':
      finite('mu', spec.mu);
      atLeast('lognormal', 'sigma', spec.sigma, 0);
      return;
    case 'gamma':
      positive('gamma', 'shape', spec.shape);
      atLeast('gamma', 'scale', spec.scale, 0);
      return;
    case 'beta':
      positive('beta', 'alpha', spec.alpha);
      positive('beta', 'beta', spec.beta);
      return;
    case 'bernoulli':
      atLeast('bernoulli', 'p', spec.p, 0);
      if (spec.p > 1) throw new RangeError(`bernoulli: p must be ≤ 1, got ${spec.p}`);
      return;
    case 'poisson':
      atLeast('poisson', 'mean', spec.mean, 0);
      return;
    case 'choice':
    case 'empirical': {
      const { values } = spec;
      if (!Array.isArray(values) || values.length === 0) {
        throw new RangeError(`${spec.dist}: values must be a non-empty array`);
      }
      for (const v of values) finite('values[]', v);
      if (spec.dist === 'choice' && spec.weights !== undefined) {
        if (spec.weights.length !== values.length) {
          throw new RangeError(
            `choice: weights has ${spec.weights.length} entries, values has ${values.length}`,
          );
        }
        cumulative(spec.weights); // throws on negative, non-finite or all-zero weights
      }
      return;
    }
    default: {
      // Reached only by specs that bypassed the type system (raw JSON).
      const unknown: never = spec;
      throw new RangeError(`unknown dist ${JSON.stringify((unknown as { dist?: unknown }).dist)}`);
    }
  }
}

function finite(name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${name} must be a finite number, got ${x}`);
}

function atLeast(dist: string, name: string, x: number, min: number): void {
  finite(`${dist}: ${name}`, x);
  if (x < min) throw new RangeError(`${dist}: ${name} must be ≥ ${min}, got ${x}`);
}

function positive(dist: string, name: string, x: number): void {
  finite(`${dist}: ${name}`, x);
  if (!(x > 0)) throw new RangeError(`${dist}: ${name} must be > 0, got ${x}`);
}
