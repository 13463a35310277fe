import { describe, expect, it } from 'vitest';
import { createStream } from '../../engine/random.js';
import { TrustStore } from './trustStore.js';
import { TrustCalibration } from './calibration.js';

const SLOTS = 60;

/** A store with one delegator, every other slot tracked, and hidden reliabilities drawn once. */
function setUp(halfLife: number) {
  const trust = new TrustStore({ delegators: 1, prior: { alpha: 1, beta: 1 }, halfLife, damping: 1 }, SLOTS);
  const tracked = Int32Array.from({ length: SLOTS / 2 }, (_, i) => 2 * i);
  const owners = tracked.map((k) => k >> 1); // two slots per agent
  const rng = createStream(7, 'calibration-test');
  const reliability = Float32Array.from(tracked, () => 0.5 + 0.5 * rng());
  const factor = new Float64Array(SLOTS / 2).fill(1);
  return { trust, tracked, reliability, factor, rng, calibration: new TrustCalibration(trust, tracked, owners, reliability) };
}

/** The definition: the direct scan, one exp per slot. */
function direct(s: ReturnType<typeof setUp>, now: number): number {
  let sum = 0;
  let n = 0;
  s.tracked.forEach((k, i) => {
    if (s.trust.observations(0, k) === 0) return;
    sum += Math.abs(s.trust.mean(0, k, now) - (s.reliability[i] as number) * (s.factor[k >> 1] as number));
    n++;
  });
  return n > 0 ? sum / n : NaN;
}

describe('TrustCalibration', () => {
  it('is NaN until delegator 0 has observed a tracked slot, and ignores untracked ones', () => {
    const s = setUp(100);
    expect(s.calibration.error(1, s.factor)).toBeNaN();
    s.trust.observe(0, 1, true, 0.5, 1); // slot 1 is not tracked
    expect(s.calibration.error(2, s.factor)).toBeNaN();
    s.trust.observe(0, 4, true, 0.5, 2);
    expect(s.calibration.error(3, s.factor)).toBeCloseTo(direct(s, 3), 14);
  });

  it('matches the direct scan while entries are updated between samples and agents degrade', () => {
    const s = setUp(30);
    let now = 0;
    for (let step = 0; step < 400; step++) {
      now += 2 * s.rng();
      // A few observations between samples: the cached decay factor of an updated slot must be remade.
      for (let j = 0; j < 3; j++) s.trust.observe(0, Math.floor(s.rng() * SLOTS), s.rng() < 0.7, s.rng(), now);
      if (step % 50 === 0) s.factor[Math.floor(s.rng() * (SLOTS / 2))] = 0.5;
      const expected = direct(s, now);
      expect(Math.abs(s.calibration.error(now, s.factor) - expected)).toBeLessThan(1e-13 * expected);
    }
  });

  it('stays finite and exact when decay over the run exceeds what one double can scale (the base moves)', () => {
    // λ = ln 2 / 0.01 ≈ 69 per minute: by minute 100, e^(λ·now) would overflow ~10 times over.
    const s = setUp(0.01);
    let now = 0;
    for (let step = 0; step < 500; step++) {
      now += 0.2 * s.rng();
      if (step % 2 === 0) s.trust.observe(0, 2 * Math.floor(s.rng() * (SLOTS / 2)), s.rng() < 0.5, 0.5, now);
      const got = s.calibration.error(now, s.factor);
      expect(Number.isFinite(got)).toBe(true);
      expect(Math.abs(got - direct(s, now))).toBeLessThan(1e-12);
    }
    expect(now).toBeGreaterThan(40); // λ·now > 2,700: the base moved several times
  });
});
