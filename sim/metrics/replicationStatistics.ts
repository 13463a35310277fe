// Statistics across independent replications of an experiment: the mean of
// one output with its Student-t interval, and paired comparisons under common
// random numbers — replication r of two policies shares a seed, so the
// difference of their outputs cancels the noise both runs saw, and the paired
// t interval and p-value are what make such comparisons tight.

import { powInt } from '../engine/detMath.js';
import { tCritical95, tTwoSidedP } from './studentT.js';

/** A mean over replications with its 95% Student-t interval. */
export interface ReplicationMean {
  mean: number;
  halfWidth: number;
  lo: number;
  hi: number;
  /** Sample standard deviation. */
  sd: number;
  /** Finite values. */
  n: number;
}

/** A paired difference (second minus first): the replication mean of the differences, and its p-value. */
export interface PairedDifference extends ReplicationMean {
  /** Two-sided p-value of H0: mean difference = 0. */
  p: number;
}

/**
 * Mean and exact Student-t 95% interval of the finite values (one per
 * replication). Non-finite values — a metric undefined in some run — are
 * left out and not counted.
 *
 * @example
 * replicationMean([0.81, 0.79, 0.83]); // { mean: 0.81, lo, hi, … }
 */
export function replicationMean(values: ArrayLike<number>): ReplicationMean {
  const data: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) data.push(v);
  }
  const n = data.length;
  let sum = 0;
  for (const v of data) sum += v;
  const mean = n > 0 ? sum / n : NaN;
  if (n < 2) return { mean, halfWidth: NaN, lo: NaN, hi: NaN, sd: NaN, n };
  let ss = 0;
  for (const v of data) ss += powInt(v - mean, 2);
  const sd = Math.sqrt(ss / (n - 1));
  const halfWidth = tCritical95(n - 1) * (sd / Math.sqrt(n));
  return { mean, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth, sd, n };
}

/**
 * The paired difference `b[i] − a[i]` over pairs where both are finite: mean,
 * Student-t 95% interval and two-sided p-value (df = n − 1). The interval
 * excludes 0 exactly when p < 0.05. Zero spread gives p = 1 for a zero
 * difference and p = 0 otherwise.
 *
 * @example
 * const d = pairedDifference(baselineWaits, candidateWaits);
 * if (d.hi < 0) console.log('candidate waits less (p = %s)', d.p);
 */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): PairedDifference {
  const length = Math.min(a.length, b.length);
  const diffs: number[] = [];
  for (let i = 0; i < length; i++) diffs.push((b[i] as number) - (a[i] as number));
  // replicationMean keeps the finite differences: pairs with both values finite.
  const d = replicationMean(diffs);
  if (d.n < 2) return { ...d, p: NaN };
  const se = d.sd / Math.sqrt(d.n);
  return { ...d, p: se === 0 ? (d.mean === 0 ? 1 : 0) : tTwoSidedP(d.mean / se, d.n - 1) };
}
