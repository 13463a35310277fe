import { describe, expect, it } from 'vitest';
import { pairedDifference, replicationMean } from './replicationStatistics.js';
import { createStream, type Rng } from '../engine/random.js';

/** A standard normal draw (Box–Muller; 1 − u is never 0 for these streams). */
const normal = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

describe('replicationMean', () => {
  it('replicationMean matches a hand-computed t interval and skips non-finite values', () => {
    const r = replicationMean([1, 2, 3, 4, NaN, 5]);
    expect(r.n).toBe(5);
    expect(r.mean).toBe(3);
    // sd = √2.5, t(0.975, 4) = 2.776445
    expect(r.halfWidth).toBeCloseTo(2.776445 * Math.sqrt(2.5 / 5), 5);
    expect(replicationMean([7]).halfWidth).toBeNaN();
  });
});

describe('pairedDifference', () => {
  it('pairedDifference matches a hand-computed paired t test', () => {
    const a = [10, 12, 9, 11, 13];
    const b = [11, 14, 9.5, 12, 15.5];
    const d = pairedDifference(a, b); // diffs 1, 2, 0.5, 1, 2.5: mean 1.4, sd 0.8216
    expect(d.mean).toBeCloseTo(1.4, 12);
    expect(d.sd).toBeCloseTo(Math.sqrt(0.675), 12);
    // t = 1.4 / (0.8216/√5) = 3.8103, df 4: p = 0.01895 (R: t.test(b, a, paired = TRUE))
    expect(d.p).toBeCloseTo(0.01895, 4);
    expect(d.lo).toBeCloseTo(0.3799, 3);
    expect(d.hi).toBeCloseTo(2.4201, 3);
  });

  it('pairedDifference handles zero spread and too few pairs', () => {
    expect(pairedDifference([1, 2, 3], [1, 2, 3]).p).toBe(1);
    expect(pairedDifference([1, 2, 3], [2, 3, 4]).p).toBe(0);
    expect(pairedDifference([1], [2]).halfWidth).toBeNaN();
    expect(pairedDifference([1, NaN, 3, 4], [2, 5, 4, 6]).n).toBe(3);
  });

  it('pairedDifference covers a known difference in about 95% of repetitions', () => {
    // Common random numbers: both "policies" see the same per-replication noise
    // (large), plus their own small noise; the true difference is 0.3.
    const rng = createStream(2024, 'coverage');
    const repetitions = 600;
    const replications = 8;
    const truth = 0.3;
    let covered = 0;
    let rejected = 0;
    for (let k = 0; k < repetitions; k++) {
      const a = new Float64Array(replications);
      const b = new Float64Array(replications);
      for (let r = 0; r < replications; r++) {
        const shared = 5 * normal(rng);
        a[r] = 10 + shared + 0.4 * normal(rng);
        b[r] = 10 + truth + shared + 0.4 * normal(rng);
      }
      const d = pairedDifference(a, b);
      if (d.lo <= truth && truth <= d.hi) covered++;
      // The p-value of the true null (b − truth vs a) is uniform: rejected ~5%.
      const shifted = b.map((x) => x - truth);
      if (pairedDifference(a, shifted).p < 0.05) rejected++;
    }
    const se = Math.sqrt((0.95 * 0.05) / repetitions);
    expect(Math.abs(covered / repetitions - 0.95)).toBeLessThan(3 * se);
    expect(Math.abs(rejected / repetitions - 0.05)).toBeLessThan(3 * se);
    // The same CIs without pairing would be ~12× wider: pairing is what makes them tight.
  });
});
