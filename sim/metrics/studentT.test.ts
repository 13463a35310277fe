import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile, tCritical95, tTwoSidedP } from './studentT.js';

/** Published two-sided 95% critical values of Student's t (3 decimals), df = 1..30. */
const PUBLISHED_T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

describe('logGamma', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('regularizedIncompleteBeta matches closed forms', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b; symmetric case at 1/2.
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.999]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 12);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 12);
    }
    expect(regularizedIncompleteBeta(0.5, 7, 7)).toBeCloseTo(0.5, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // I_0.3(2, 3) = 0.3483 (binomial tail: P(Bin(4, 0.3) ≥ 2)).
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 12);
  });
});

describe('studentTCdf', () => {
  it('studentTCdf matches the Cauchy distribution at df = 1 and is symmetric', () => {
    for (const t of [-10, -1, -0.2, 0, 0.5, 3, 40]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
      expect(studentTCdf(t, 7) + studentTCdf(-t, 7)).toBeCloseTo(1, 13);
    }
  });

  it('studentTCdf at df = 2 matches its closed form', () => {
    for (const t of [-3, -0.4, 0.7, 5]) expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
  });
});

describe('tTwoSidedP', () => {
  it('tTwoSidedP gives 0.05 at the published critical values', () => {
    for (const df of [1, 2, 5, 9, 19, 30]) expect(tTwoSidedP(PUBLISHED_T975[df - 1]!, df)).toBeCloseTo(0.05, 3);
    expect(tTwoSidedP(0, 4)).toBe(1);
    expect(tTwoSidedP(-2.5, 12)).toBeCloseTo(tTwoSidedP(2.5, 12), 14);
  });

  it('tTwoSidedP keeps precision for tiny p-values', () => {
    // Normal limit: at df = 1e6, t = 8 gives p ≈ 2·Φ(−8) = 1.2442e-15.
    expect(tTwoSidedP(8, 1e6) / 1.2442e-15).toBeCloseTo(1, 2);
  });
});

describe('studentTQuantile', () => {
  it('studentTQuantile agrees with the published table and the normal limit', () => {
    for (let df = 1; df <= 30; df++) expect(Math.abs(studentTQuantile(0.975, df) - PUBLISHED_T975[df - 1]!)).toBeLessThanOrEqual(0.0005 + 1e-12);
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 6);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-studentTQuantile(0.975, 10), 12);
  });
});

describe('tCritical95', () => {
  it('tCritical95 is the exact 0.975 quantile, beyond any table too, and NaN below df 1', () => {
    for (const df of [1, 7, 30, 31, 120, 1000]) expect(tCritical95(df)).toBe(studentTQuantile(0.975, df));
    expect(tCritical95(9)).toBeCloseTo(2.262157, 6);
    expect(tCritical95(60)).toBeCloseTo(2.000298, 6);
    expect(tCritical95(0)).toBeNaN();
  });
});
