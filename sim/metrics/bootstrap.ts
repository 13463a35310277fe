// Percentile bootstrap intervals, for outputs whose sampling distribution is
// far from normal with few replications: per-run quantiles such as
// p95Makespan are skewed and bounded by rare long goals. Resampling draws
// from a seeded stream, so an interval is the same on every machine.

import type { Rng } from '../engine/random.js';
import { sortedQuantile } from './statistics.js';

/** A percentile bootstrap interval. */
export interface BootstrapInterval {
  lo: number;
  hi: number;
  resamples: number;
}

/** Options of {@link bootstrapMeanInterval}. */
export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Two-sided coverage (default 0.95). */
  level?: number;
}

/**
 * The percentile bootstrap interval of the mean of `values` (non-finite
 * values are left out). Pass `b` to bootstrap the paired difference b − a
 * instead, resampling pairs.
 *
 * @example
 * const rng = createStream(1, 'bootstrap');
 * bootstrapMeanInterval(p95PerRun, rng); // { lo, hi, resamples: 2000 }
 */
export function bootstrapMeanInterval(values: ArrayLike<number>, rng: Rng, options: BootstrapOptions = {}): BootstrapInterval {
  const { resamples = 2000, level = 0.95 } = options;
  const data: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) data.push(v);
  }
  const n = data.length;
  if (n < 2) return { lo: NaN, hi: NaN, resamples };
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += data[Math.floor(rng() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const alpha = (1 - level) / 2;
  return { lo: sortedQuantile(means, alpha), hi: sortedQuantile(means, 1 - alpha), resamples };
}

/** Percentile bootstrap interval of the mean paired difference b − a (pairs with both finite). */
export function bootstrapPairedInterval(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rng: Rng,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const length = Math.min(a.length, b.length);
  const diffs: number[] = [];
  for (let i = 0; i < length; i++) {
    const d = (b[i] as number) - (a[i] as number);
    if (Number.isFinite(d)) diffs.push(d);
  }
  return bootstrapMeanInterval(diffs, rng, options);
}
