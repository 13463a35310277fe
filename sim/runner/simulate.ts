// One simulation run: a validated scenario, a policy and a seed in, a
// RunResult out. The only place wall-clock time is read, so everything else
// in a RunResult is a deterministic function of its inputs.

import type { Scenario } from '../scenario/schema.js';
import { World, type StopCause } from '../model/world.js';
import { summarize, type Metrics } from '../metrics/summarize.js';
import type { Interval } from '../metrics/statistics.js';
import type { AuditLog } from '../model/audit/auditLog.js';

export interface SimulateOptions {
  /** Master seed; defaults to the scenario's seed. */
  seed?: number;
  /** Policy name; defaults to the scenario's policy. */
  policy?: string;
  /** Capture the task DAGs of this many goals (world.goalTraces), for the run explorer. */
  traceGoals?: number;
  /** Record every delegation decision here (hash-chained audit log). */
  audit?: AuditLog;
}

export interface RunResult {
  scenario: string;
  policy: string;
  seed: number;
  stopCause: StopCause;
  /** Every metric, plus wallSeconds (the one non-deterministic number). */
  metrics: Metrics;
  intervals: Record<string, Interval>;
}

/**
 * Runs `scenario` once.
 *
 * @example
 * const result = simulate(parseScenario(text), { seed: 7, policy: 'fifo' });
 * result.metrics.meanWait;
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  return simulateWorld(scenario, options).result;
}

/** Runs and also returns the world, for tests and the run explorer that need its tables. */
export function simulateWorld(scenario: Scenario, options: SimulateOptions = {}): { world: World; result: RunResult } {
  const started = performance.now();
  const seed = options.seed ?? scenario.seed;
  const world = new World(scenario, { seed, policy: options.policy, traceGoals: options.traceGoals, audit: options.audit });
  const stopCause = world.run();
  const { metrics, intervals } = summarize(world);
  metrics.wallSeconds = (performance.now() - started) / 1000;
  return { world, result: { scenario: scenario.name, policy: world.policy.name, seed, stopCause, metrics, intervals } };
}
