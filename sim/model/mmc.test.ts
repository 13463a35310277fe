// The engine and model validated against queueing theory: the built-in M/M/c
// scenario, run through the full delegation code path, must reproduce Erlang C
// and satisfy Little's law.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/load.js';
import { simulate } from '../runner/simulate.js';
import { mmcMeanWait } from '../metrics/queueing.js';

describe('simulate(mmc)', () => {
  const { scenario } = loadScenario('mmc');
  const result = simulate(scenario, { seed: 1 });
  const m = result.metrics;

  it('mmcMeanWait gives the Erlang C value 0.6687 at λ=9, μ=1, c=10', () => {
    expect(mmcMeanWait(9, 1, 10)).toBeCloseTo(0.6687, 4);
  });

  it('simulate runs all 1,000,000 goals to completion', () => {
    expect(m.goalsArrived).toBe(1_000_000);
    expect(m.goalsCompleted).toBe(1_000_000 - scenario.horizon.warmupGoals);
    expect(m.goalsCorrect).toBe(m.goalsCompleted);
    expect(m.goalsInFlight).toBe(0);
    expect(result.stopCause).toBe('drained');
  });

  it('simulate matches Erlang C within the batch-means 95% confidence interval', () => {
    const ci = result.intervals.meanWait!;
    const expected = mmcMeanWait(9, 1, 10);
    expect(ci.halfWidth).toBeGreaterThan(0);
    expect(ci.halfWidth).toBeLessThan(0.05); // the interval is tight enough to mean something
    expect(expected).toBeGreaterThanOrEqual(ci.lo);
    expect(expected).toBeLessThanOrEqual(ci.hi);
    expect(Math.abs(m.meanWait! - expected) / expected).toBeLessThan(0.03);
  });

  it("simulate satisfies Little's law on the recorded backlog: Lq = λ·Wq", () => {
    const startRate = m.taskStarts! / m.windowMinutes!;
    expect(m.meanBacklog! / (startRate * m.meanWait!)).toBeCloseTo(1, 2);
  });

  it('simulate reports utilization ρ = λ/(cμ) = 0.9 and mean makespan Wq + 1/μ', () => {
    expect(m.utilization).toBeGreaterThan(0.89);
    expect(m.utilization).toBeLessThan(0.91);
    expect(m.meanMakespan! - m.meanWait!).toBeCloseTo(1, 1);
    expect(m.p95Makespan).toBeGreaterThan(m.meanMakespan!);
  });
});
