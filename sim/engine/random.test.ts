// Tests for named random streams: reproducibility, independence, caching.
//
// Statistical checks use z = 4.5 standard errors: a correct generator fails one
// with probability ~7e-6, a broken one (shared or shifted streams) fails it by
// a wide margin. Seeds are fixed, so results never change between runs.

import { describe, expect, it } from 'vitest';
import { createStream, RandomStreams, type Rng } from './random.js';

const Z = 4.5;
const N = 200_000;

function take(rng: Rng, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng();
  return out;
}

function correlation(x: Float64Array, y: Float64Array): number {
  const n = Math.min(x.length, y.length);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('createStream', () => {
  it('createStream(seed, name) gives the same sequence for the same pair', () => {
    expect(take(createStream(7, 'arrivals'), 1000)).toEqual(take(createStream(7, 'arrivals'), 1000));
  });

  it('createStream(seed, name) is pinned: saved results must stay reproducible', () => {
    // If this fails, the seed derivation or the generator changed, and every
    // stored manifest would silently stop reproducing. Change it only on purpose.
    const rng = createStream(42, 'arrivals');
    expect([rng(), rng(), rng()]).toEqual([0.9157503831665963, 0.0738734076730907, 0.5832997942343354]);
    const empty = createStream(0, '');
    expect([empty(), empty()]).toEqual([0.5636029152665287, 0.4067025640979409]);
  });

  it('createStream(seed, name) differs across names and across seeds', () => {
    const base = take(createStream(7, 'arrivals'), 100);
    expect(take(createStream(7, 'durations'), 100)).not.toEqual(base);
    expect(take(createStream(8, 'arrivals'), 100)).not.toEqual(base);
    // The separator keeps (1, '2:x') and (12, ':x') apart.
    expect(take(createStream(1, '2:x'), 100)).not.toEqual(take(createStream(12, ':x'), 100));
  });

  it('createStream(seed, name) streams are uncorrelated across names, seeds and lags', () => {
    const bound = Z / Math.sqrt(N);
    const a = take(createStream(7, 'a'), N);
    const b = take(createStream(7, 'b'), N);
    const a8 = take(createStream(8, 'a'), N);
    expect(Math.abs(correlation(a, b))).toBeLessThan(bound);
    expect(Math.abs(correlation(a, a8))).toBeLessThan(bound);
    // Lag 1 within one stream.
    expect(Math.abs(correlation(a.subarray(0, N - 1), a.subarray(1)))).toBeLessThan(bound);
  });

  it('createStream(seed, name) is uniform on [0, 1)', () => {
    const x = take(createStream(3, 'uniformity'), N);
    let sum = 0;
    let outside = 0;
    for (const v of x) {
      if (!(v >= 0 && v < 1)) outside++;
      sum += v;
    }
    expect(outside).toBe(0);
    const mean = sum / N;
    let sq = 0;
    for (const v of x) sq += (v - mean) ** 2;
    const variance = sq / (N - 1);
    // U(0,1): σ² = 1/12, μ4 = 1/80; standard errors sqrt(σ²/n), sqrt((μ4 − σ⁴)/n).
    expect(Math.abs(mean - 0.5)).toBeLessThanOrEqual(Z * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThanOrEqual(Z * Math.sqrt((1 / 80 - 1 / 144) / N));
    // Deciles, each with a per-bin binomial bound.
    const bins = new Float64Array(10);
    for (const v of x) bins[Math.floor(v * 10)]!++;
    const binTol = Z * Math.sqrt(N * 0.1 * 0.9);
    expect(Math.max(...bins.map((count) => Math.abs(count - N / 10)))).toBeLessThanOrEqual(binTol);
  });

  it('createStream(seed, name) rejects seeds that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, -Infinity, 2 ** 53]) {
      expect(() => createStream(bad, 'x')).toThrow(RangeError);
    }
    expect(() => createStream(0, 'x')).not.toThrow();
    expect(() => createStream(Number.MAX_SAFE_INTEGER, 'x')).not.toThrow();
  });
});

describe('RandomStreams', () => {
  it('RandomStreams.get(name) returns the same stream object for the same name', () => {
    const streams = new RandomStreams(11);
    expect(streams.seed).toBe(11);
    const a = streams.get('a');
    expect(streams.get('a')).toBe(a);
    expect(streams.get('b')).not.toBe(a);
  });

  it('RandomStreams.get(name) continues the sequence rather than replaying it', () => {
    const streams = new RandomStreams(11);
    const first = streams.get('policy')();
    const second = streams.get('policy')();
    const fresh = createStream(11, 'policy');
    expect([first, second]).toEqual([fresh(), fresh()]);
  });

  it('RandomStreams.get(name) is unaffected by which other streams were used', () => {
    const quiet = new RandomStreams(5);
    const busy = new RandomStreams(5);
    take(busy.get('arrivals'), 1000);
    expect(take(busy.get('failures'), 50)).toEqual(take(quiet.get('failures'), 50));
  });

  it('new RandomStreams(seed) rejects bad seeds', () => {
    expect(() => new RandomStreams(-3)).toThrow(RangeError);
    expect(() => new RandomStreams(0.5)).toThrow(RangeError);
  });
});
