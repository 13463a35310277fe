// Statistics for run outputs: means with Student-t confidence intervals,
// batch means for autocorrelated output of a single long run, and quantiles.
// Every interval is a 95% two-sided interval unless a level is given.

import { powInt } from '../engine/detMath.js';
import { tCritical95 } from './studentT.js';

export interface Interval {
  mean: number;
  /** Half-width of the 95% interval: mean ± halfWidth. */
  halfWidth: number;
  lo: number;
  hi: number;
  n: number;
}

/** Sample mean over values[from .. to). */
export function mean(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return to > from ? sum / (to - from) : NaN;
}

/** Unbiased sample variance. */
export function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += powInt((values[i] as number) - m, 2);
  return ss / (n - 1);
}

/** Student-t 95% interval for the mean of independent observations. */
export function meanInterval(values: ArrayLike<number>): Interval {
  const n = values.length;
  const m = mean(values);
  const halfWidth = n >= 2 ? tCritical95(n - 1) * Math.sqrt(variance(values) / n) : NaN;
  return { mean: m, halfWidth, lo: m - halfWidth, hi: m + halfWidth, n };
}

/**
 * Batch-means 95% interval for the steady-state mean of a long, correlated
 * series (one simulation run): split it into `batches` equal consecutive
 * batches, treat their means as roughly independent, and take a t interval
 * over them. Leftover values at the end are dropped.
 */
export function batchMeansInterval(values: ArrayLike<number>, batches = 30): Interval {
  const size = Math.floor(values.length / batches);
  if (size < 1) return meanInterval(values);
  const means = new Float64Array(batches);
  for (let b = 0; b < batches; b++) means[b] = mean(values, b * size, (b + 1) * size);
  return { ...meanInterval(means), mean: mean(values, 0, batches * size) };
}

/** The p-quantile (type 7, linear interpolation, as R and numpy) of unsorted values. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sortedQuantile(sorted, p);
}

/** The p-quantile of already sorted values. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/**
 * Rearranges `a` so that a[k] is the k-th smallest value, smaller ones before
 * it and larger ones after (Hoare's quickselect, median-of-three pivots).
 * O(n) on average: quantiles of a million makespans without a full sort.
 */
export function selectKth(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot.
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * The p-quantile (type 7) of `scratch`, which is reordered in place. Same
 * value as sortedQuantile on the sorted array.
 */
export function quantileInPlace(scratch: Float64Array, p: number): number {
  return quantileRightOf(scratch, p, 0);
}

/**
 * Type-7 quantiles of `scratch` (reordered in place) for ascending `ps`.
 * Each selection leaves everything right of its rank ≥ everything left of
 * it, so the next, higher quantile is searched for only to its right: p50,
 * p95 and p99 of a million makespans cost about one selection, not three.
 * The values are those of quantileInPlace.
 */
export function quantilesInPlace(scratch: Float64Array, ps: readonly number[]): number[] {
  if (scratch.length === 0) return ps.map(() => NaN);
  const out: number[] = [];
  let from = 0; // the rank of the previous quantile: everything from it on is ≥ everything before it
  for (const p of ps) {
    const rank = Math.floor((scratch.length - 1) * p);
    if (rank < from) throw new RangeError(`quantilesInPlace: probabilities must ascend, got ${ps.join(', ')}`);
    out.push(quantileRightOf(scratch, p, from));
    from = rank;
  }
  return out;
}

/** quantileInPlace when scratch[from..] already holds the `from`-th and higher order statistics (from ≤ the rank). */
function quantileRightOf(scratch: Float64Array, p: number, from: number): number {
  const n = scratch.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const low = selectKth(scratch, k, from);
  if (k + 1 >= n || h === k) return low;
  // After selection everything right of k is ≥ a[k]; the next order statistic is their minimum.
  let next = Infinity;
  for (let i = k + 1; i < n; i++) if (scratch[i]! < next) next = scratch[i]!;
  return low + (h - k) * (next - low);
}
