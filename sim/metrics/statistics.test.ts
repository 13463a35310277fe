import { describe, expect, it } from 'vitest';
import { createStream } from '../engine/random.js';
import { batchMeansInterval, meanInterval, quantile, quantileInPlace, quantilesInPlace, selectKth, sortedQuantile } from './statistics.js';

/** Random arrays of several sizes, some with many ties (values on a coarse grid). */
function samples(): Float64Array[] {
  const rng = createStream(7, 'statistics-test');
  const out: Float64Array[] = [];
  for (const n of [1, 2, 3, 5, 10, 101, 1000, 4099]) {
    out.push(Float64Array.from({ length: n }, () => rng() * 100));
    out.push(Float64Array.from({ length: n }, () => Math.floor(rng() * 4)));
  }
  out.push(new Float64Array(50).fill(3));
  out.push(Float64Array.from({ length: 200 }, (_, i) => 200 - i)); // descending
  return out;
}

describe('quantiles by selection', () => {
  it('selectKth puts the k-th order statistic at k, smaller left and larger right', () => {
    for (const values of samples()) {
      const sorted = Float64Array.from(values).sort();
      for (const k of [0, values.length >> 1, values.length - 1]) {
        const a = Float64Array.from(values);
        expect(selectKth(a, k)).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]!);
        for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]!);
      }
    }
  });

  it('quantileInPlace and quantilesInPlace give exactly the sort-based type-7 quantiles', () => {
    const ps = [0, 0.05, 0.5, 0.95, 0.99, 1];
    for (const values of samples()) {
      const expected = ps.map((p) => quantile(values, p));
      for (const [i, p] of ps.entries()) expect(quantileInPlace(Float64Array.from(values), p)).toBe(expected[i]);
      expect(quantilesInPlace(Float64Array.from(values), ps)).toEqual(expected);
    }
  });

  it('quantilesInPlace refuses descending probabilities', () => {
    expect(() => quantilesInPlace(Float64Array.from([1, 2, 3, 4]), [0.9, 0.1])).toThrow(/ascend/);
  });

  it('matches R/numpy type 7 on a small example', () => {
    const sorted = [1, 2, 3, 4];
    expect(sortedQuantile(sorted, 0.5)).toBe(2.5);
    expect(sortedQuantile(sorted, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileInPlace(new Float64Array(0), 0.5)).toBeNaN();
    expect(quantilesInPlace(new Float64Array(0), [0.5, 0.95])).toEqual([NaN, NaN]);
  });
});

describe('intervals', () => {
  it('meanInterval: mean ± t(0.975, n−1)·s/√n', () => {
    const r = meanInterval([1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    // s = √2.5, t(0.975, 4) = 2.7764451051977987
    expect(r.halfWidth).toBeCloseTo((2.7764451051977987 * Math.sqrt(2.5)) / Math.sqrt(5), 12);
    expect(r.lo).toBeCloseTo(3 - r.halfWidth, 12);
  });

  it('batchMeansInterval: the t interval over batch means, the mean over the batched values', () => {
    const values = Float64Array.from({ length: 31 }, (_, i) => i); // 30 batches of 1, the last value dropped
    const r = batchMeansInterval(values, 30);
    expect(r.n).toBe(30);
    expect(r.mean).toBe(14.5);
    expect(r.halfWidth).toBeCloseTo(meanInterval(values.subarray(0, 30)).halfWidth, 12);
  });
});
