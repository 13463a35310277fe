import { describe, expect, it } from 'vitest';
import { normalQuantile, tableNormal } from './normalTable.js';
import { createStream } from './random.js';

describe('normalTable', () => {
  it('normalQuantile inverts the standard normal CDF at known points', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 6);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306, 6);
  });

  it('tableNormal has mean 0 and variance ≈ 1 within their standard errors', () => {
    const rng = createStream(1, 'table');
    const n = 200_000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const z = tableNormal(rng);
      s += z;
      ss += z * z;
    }
    const mean = s / n;
    const variance = ss / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4.5 / Math.sqrt(n));
    // The 4,096-point table loses a little of the tails: variance ≈ 0.997, SE of the variance ≈ sqrt(2/n).
    expect(Math.abs(variance - 1)).toBeLessThan(0.004 + 4.5 * Math.sqrt(2 / n));
  });
});
