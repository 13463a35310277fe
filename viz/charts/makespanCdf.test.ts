// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { averageQuantiles, makespanCdf } from './makespanCdf.js';
import { domSnapshot } from '../lib/domSnapshot.js';

/** Quantile function of an exponential with the given mean at 101 levels (the last level capped). */
const exponential = (mean: number): Float64Array => Float64Array.from({ length: 101 }, (_, j) => -mean * Math.log(1 - Math.min(j / 100, 0.995)));

describe('averageQuantiles', () => {
  it('averageQuantiles averages level by level and skips empty functions', () => {
    expect(Array.from(averageQuantiles([Float64Array.of(1, 2, 3), Float64Array.of(3, 4, 5), Float64Array.of(NaN, NaN, NaN)]))).toEqual([2, 3, 4]);
    expect(averageQuantiles([])).toHaveLength(0);
  });
});

describe('makespanCdf', () => {
  it('makespanCdf draws one curve per policy from quantile functions', () => {
    const svg = makespanCdf({ curves: [{ policy: 'fifo', quantiles: exponential(10), runs: 3 }, { policy: 'random', quantiles: exponential(14), runs: 3 }] });
    expect(svg.getAttribute('data-mode')).toBe('curves');
    expect(svg.querySelectorAll('.mark-cdf')).toHaveLength(2);
    expect(svg.querySelector('.mark-cdf[data-policy="fifo"]')?.getAttribute('data-tip')).toBe('fifo (3 runs): median 6.931 min, p90 23.03 min, p95 29.96 min, p99 46.05 min');
    expect(svg.querySelector('.axis-label-y')?.textContent).toBe('share of completed goals');
  });

  it('makespanCdf plots quantile points when only p50/p95/p99 are known', () => {
    const svg = makespanCdf({ points: [{ policy: 'fifo', runs: 10, points: [{ p: 0.5, value: 15 }, { p: 0.95, value: 34 }, { p: 0.99, value: 49 }] }] });
    expect(svg.getAttribute('data-mode')).toBe('points');
    expect(svg.querySelectorAll('.mark-quantile')).toHaveLength(3);
  });

  it('makespanCdf matches its DOM snapshot', () => {
    expect(domSnapshot(makespanCdf({ curves: [{ policy: 'fifo', quantiles: exponential(10).filter((_, j) => j % 10 === 0), runs: 2 }], width: 400, height: 260 }))).toMatchSnapshot();
  });

  it('makespanCdf shows an empty state without completed goals', () => {
    expect(makespanCdf({}).classList.contains('chart-empty')).toBe(true);
  });
});
