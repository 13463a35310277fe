import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, bootstrapPairedInterval } from './bootstrap.js';
import { replicationMean } from './replicationStatistics.js';
import { createStream } from '../engine/random.js';

describe('bootstrapMeanInterval', () => {
  it('bootstrapMeanInterval is reproducible from its stream and brackets the mean', () => {
    const values = [3.1, 2.7, 4.4, 3.9, 3.0, 5.2, 2.8, 3.6, 4.1, 3.3];
    const a = bootstrapMeanInterval(values, createStream(1, 'bootstrap'));
    const b = bootstrapMeanInterval(values, createStream(1, 'bootstrap'));
    expect(a).toEqual(b);
    const t = replicationMean(values);
    expect(a.lo).toBeLessThan(t.mean);
    expect(a.hi).toBeGreaterThan(t.mean);
    // For near-symmetric data the percentile interval is close to the t interval (a bit narrower).
    expect((a.hi - a.lo) / (t.hi - t.lo)).toBeGreaterThan(0.7);
    expect((a.hi - a.lo) / (t.hi - t.lo)).toBeLessThan(1.1);
  });

  it('bootstrapPairedInterval resamples pairs', () => {
    const base = [1, 5, 9, 13, 17];
    const shifted = base.map((x) => x + 2);
    const r = bootstrapPairedInterval(base, shifted, createStream(3, 'bootstrap'));
    expect(r.lo).toBe(2);
    expect(r.hi).toBe(2);
    expect(bootstrapMeanInterval([1], createStream(3, 'x')).lo).toBeNaN();
  });
});
