// The intelligent-delegation mechanisms (issue #4) checked against what they
// claim: trust learns hidden reliability and tracks drift, verification lets
// through (1 − p) of defects, cooldown removes oscillations, process
// monitoring finds stalls sooner than outcome monitoring.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.js';
import type { ScenarioInput } from '../scenario/schema.js';
import { simulate, simulateWorld } from '../runner/simulate.js';
import { World } from './world.js';

/** One skill, single-task goals with no penalties: success probability = hidden reliability. */
function plain(overrides: Record<string, unknown> = {}): ScenarioInput {
  return {
    name: 'mechanisms',
    horizon: { goals: 4000 },
    skills: ['work'],
    population: [
      {
        name: 'pool',
        kind: 'ai',
        count: 10,
        capacity: 2,
        skills: { work: { reliability: { dist: 'uniform', min: 0.5, max: 0.95 } } },
      },
    ],
    arrivals: { process: 'poisson', rate: 4 },
    goals: [{ name: 'g', skill: 'work', characteristics: { duration: { dist: 'exponential', mean: 2 }, criticality: 0.5 } }],
    assignment: { retryLimit: 20 },
    trust: { reputationWeight: 0, halfLife: 1e9 },
    verification: { policy: 'all', method: 'proof' },
    ...overrides,
  } as ScenarioInput;
}

describe('trust', () => {
  it('simulate makes trust converge to hidden reliability on a stationary population (MAE < 0.05)', () => {
    const { world, result } = simulateWorld(parseScenario(plain()), { policy: 'random', seed: 1 });
    expect(result.metrics.verifications).toBeGreaterThan(3000);
    expect(world.calibrationError()).toBeLessThan(0.05);
    // Before any observation the error is much larger: the prior Beta(2,1) says 2/3 for everyone.
    expect(world.recorder.series.trustError.data[2]).toBeGreaterThan(0.1);
  });

  it('World tracks at most 500 evenly spread slots for the calibration error (as the trustError glossary entry says)', () => {
    for (const [count, tracked] of [[400, 400], [790, 395], [1200, 400]] as const) {
      const world = new World(parseScenario(plain({ population: [{ name: 'pool', kind: 'ai', count, skills: { work: {} } }] })), { policy: 'random', seed: 1 });
      const slots = (world as unknown as { calibration: { slots: Int32Array } }).calibration.slots;
      expect(slots.length).toBe(tracked);
      expect(slots[1]! - slots[0]!).toBe(Math.ceil(count / 500));
    }
  });

  it('advance lets trust with a half-life track a drop in reliability that trust without decay misses', () => {
    // Half-way through, every agent's reliability drops to 40% of what it was.
    const drift = (halfLife: number) => {
      const world = new World(parseScenario(plain({ trust: { reputationWeight: 0, halfLife }, horizon: { goals: 8000 } })), {
        policy: 'random',
        seed: 2,
      });
      world.start();
      while (world.sim.now < 1000) world.advance(1000);
      world.agents.reliabilityFactor.fill(0.4);
      world.advance();
      world.finish();
      return world.calibrationError();
    };
    const tracking = drift(60);
    const frozen = drift(1e9);
    expect(tracking).toBeLessThan(0.06);
    expect(frozen).toBeGreaterThan(tracking + 0.05);
  });
});

describe('verification', () => {
  it('simulate with detection p lets through about (1 − p) of defects', () => {
    const p = 0.7;
    const m = simulate(
      parseScenario(
        plain({
          verification: { policy: 'all', method: 'inspection', inspection: { detection: p, falsePositive: 0 } },
          // Verifiability 1 and subjectivity 0: the inspection's true-positive rate is exactly p.
          goals: [{ name: 'g', skill: 'work', characteristics: { duration: 2, verifiability: 1, criticality: 0.5 } }],
          population: [{ name: 'pool', kind: 'ai', count: 10, capacity: 2, skills: { work: { reliability: 0.3 } } }],
        }),
      ),
      { policy: 'random', seed: 3 },
    ).metrics;
    const defects = m.defectsCaught! + m.defectsMissed!;
    const letThrough = m.defectsMissed! / defects;
    expect(defects).toBeGreaterThan(500);
    expect(Math.abs(letThrough - (1 - p))).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / defects));
    expect(m.falseRejections).toBe(0);
  });

  it('simulate contains cascades when intermediate outputs are verified', () => {
    const chain = (policy: 'none' | 'all') =>
      simulate(
        parseScenario({
          ...plain({ verification: { policy, method: 'inspection', inspection: { detection: 0.95 } } }),
          population: [{ name: 'pool', kind: 'ai', count: 20, capacity: 2, skills: { work: { reliability: 0.7 } } }],
          goals: [
            {
              name: 'chain',
              skill: 'work',
              characteristics: { duration: 1, verifiability: 1 },
              steps: [
                { name: 'a', skill: 'work' },
                { name: 'b', skill: 'work', dependsOn: ['a'] },
                { name: 'c', skill: 'work', dependsOn: ['b'] },
                { name: 'd', skill: 'work', dependsOn: ['c'] },
              ],
            },
          ],
          cascade: { contamination: 1 },
        } as ScenarioInput),
        { policy: 'random', seed: 4 },
      ).metrics;
    const unverified = chain('none');
    const verified = chain('all');
    expect(verified.meanCascadeSize).toBeLessThan(unverified.meanCascadeSize!);
    expect(verified.goalsDefective).toBeLessThan(unverified.goalsDefective! / 4);
  });
});

describe('adaptation and monitoring', () => {
  /** Two agents, a hair-trigger SLO and noisy durations: monitoring keeps pulling work. */
  const jittery = (cooldown: number) =>
    simulate(
      parseScenario(
        plain({
          population: [{ name: 'pair', kind: 'ai', count: 2, capacity: 1, skills: { work: { reliability: 1 } } }],
          arrivals: { process: 'poisson', rate: 0.3 },
          horizon: { goals: 1500 },
          goals: [{ name: 'g', skill: 'work', characteristics: { duration: 1, uncertainty: 1, criticality: 0.5 } }],
          execution: { noise: 1.5, timeoutFactor: 100 },
          monitoring: { target: 'process', access: 'direct', cadence: 'continuous', interval: 1, sloFactor: 1, delay: 0 },
          adaptation: { cooldown },
          verification: { policy: 'none' },
        }),
      ),
      { policy: 'random', seed: 5 },
    ).metrics;

  it('simulate without cooldown lets a sensitive trigger make tasks oscillate, and cooldown removes it', () => {
    const without = jittery(0);
    const withCooldown = jittery(1000);
    expect(without.oscillations).toBeGreaterThan(50);
    expect(withCooldown.oscillations).toBe(0);
    expect(without.wastedMinutes).toBeGreaterThan(withCooldown.wastedMinutes!);
  });

  it('simulate with process monitoring detects a stall earlier than outcome monitoring on the same seed', () => {
    const stalls = (target: 'outcome' | 'process') =>
      simulate(
        parseScenario(
          plain({
            execution: { stallProbability: 0.2, timeoutFactor: 4 },
            monitoring: { target, access: 'direct', cadence: 'periodic', interval: 1, delay: 0.2 },
            verification: { policy: 'none' },
          }),
        ),
        { policy: 'random', seed: 6 },
      ).metrics;
    const outcome = stalls('outcome');
    const process = stalls('process');
    expect(outcome.stallsCaughtByMonitoring).toBe(0);
    // Most stalls are caught; the rest are on tasks so short their timeout comes before the first check.
    expect(process.stallsCaughtByMonitoring).toBeGreaterThan(0.6 * process.stalls!);
    expect(process.meanStallDetectionDelay).toBeLessThan(outcome.meanStallDetectionDelay! / 2);
    expect(process.costMonitoring).toBeGreaterThan(outcome.costMonitoring!);
  });
});
