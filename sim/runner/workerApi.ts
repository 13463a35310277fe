// The worker side of the pool: RunSpec in, RunOutput out, as the handful of
// functions comlink exposes. Browser-safe (no node: imports): Node's
// worker_threads entry (nodeWorker.ts) exposes what createWorkerApi returns;
// the dashboard's Web Worker (viz/sim.worker.ts) keeps each run's world for
// its charts, so it builds its own API from the same pieces (ScenarioCache,
// metricValues) under the same contract.

import { parseScenario } from '../scenario/parse.js';
import { ScenarioError } from '../scenario/errors.js';
import type { Scenario } from '../scenario/schema.js';
import { simulate } from './simulate.js';
import type { RunOutput, RunSpec } from './runSpec.js';

/** Turns a scenario reference and its overrides into a validated Scenario. */
export type ScenarioResolver = (ref: string, overrides: readonly string[]) => Scenario;

/** Options of {@link createWorkerApi}. */
export interface WorkerApiOptions {
  /**
   * Resolves references that no configured source text covers (Node: files
   * and built-in names). Without it, only configured sources resolve.
   */
  resolve?: ScenarioResolver;
  /** Called before each run; a test hook for fault injection (see nodeWorker.ts). */
  beforeRun?: (spec: RunSpec) => void;
}

/** Options a pool sends to each worker before its first run. */
export interface WorkerConfig {
  /** Scenario texts by reference: runs use these instead of reading files. */
  sources?: Record<string, string>;
}

/**
 * A RunOutput as it crosses the worker boundary: `names` only when they
 * differ from the previous run this worker returned (a run has ~100 metrics;
 * their names would otherwise be cloned with every result). The pool fills
 * them back in.
 */
export type WireOutput = Omit<RunOutput, 'names'> & { names?: string[] };

/** The functions a worker exposes. */
export interface WorkerApi {
  configure(config: WorkerConfig): void;
  run(spec: RunSpec): WireOutput;
}

// Parsed scenarios are reused across runs of the same point of a sweep; a
// small bound keeps a long sweep over many points from growing the cache.
const CACHE_LIMIT = 32;

/** The validated scenarios a worker runs, by reference and overrides, parsed once each. */
export class ScenarioCache {
  private sources = new Map<string, string>();
  private readonly parsed = new Map<string, Scenario>();

  /** `resolve` covers references without a configured source text (see WorkerApiOptions). */
  constructor(private readonly resolve?: ScenarioResolver) {}

  /** Replaces the source texts (and forgets what was parsed from the old ones). */
  configure(config: WorkerConfig): void {
    this.sources = new Map(Object.entries(config.sources ?? {}));
    this.parsed.clear();
  }

  get(ref: string, overrides: readonly string[]): Scenario {
    const key = JSON.stringify([ref, overrides]);
    let scenario = this.parsed.get(key);
    if (scenario !== undefined) return scenario;
    const text = this.sources.get(ref);
    if (text !== undefined) scenario = parseScenario(text, { overrides, source: ref });
    else if (this.resolve !== undefined) scenario = this.resolve(ref, overrides);
    else throw new ScenarioError(`scenario: no source configured for '${ref}'`);
    if (this.parsed.size >= CACHE_LIMIT) this.parsed.delete(this.parsed.keys().next().value as string);
    this.parsed.set(key, scenario);
    return scenario;
  }
}

/** A run's metrics as they travel: every metric but wallSeconds, in the record's order. */
export function metricValues(metrics: Record<string, number>): { names: string[]; values: Float64Array } {
  const names = Object.keys(metrics).filter((name) => name !== 'wallSeconds');
  const values = new Float64Array(names.length);
  names.forEach((name, i) => (values[i] = metrics[name]!));
  return { names, values };
}

/**
 * Creates the worker API. `run` returns the metric values as a Float64Array,
 * copied, not transferred (see the comment at its return).
 *
 * @example
 * // In a Web Worker:
 * Comlink.expose(createWorkerApi(), self);
 */
export function createWorkerApi(options: WorkerApiOptions = {}): WorkerApi {
  const { resolve, beforeRun } = options;
  const scenarios = new ScenarioCache(resolve);
  let lastNames: string[] | undefined;

  return {
    configure(config: WorkerConfig): void {
      scenarios.configure(config);
    },

    run(spec: RunSpec): WireOutput {
      beforeRun?.(spec);
      const result = simulate(scenarios.get(spec.scenario, spec.overrides), { seed: spec.seed, policy: spec.policy });
      const { names, values } = metricValues(result.metrics);
      const same = lastNames !== undefined && lastNames.length === names.length && lastNames.every((n, i) => n === names[i]);
      lastNames = names;
      const output: WireOutput = {
        index: spec.index,
        scenarioName: result.scenario,
        policy: result.policy,
        seed: result.seed,
        stopCause: result.stopCause,
        values,
        wallSeconds: result.metrics.wallSeconds ?? NaN,
      };
      if (!same) output.names = names;
      // Copied by the structured clone, not transferred: transferring detaches
      // the sender's buffer, and the first buffer an isolate ever detaches
      // invalidates V8's "no array buffer is ever detached" assumption for the
      // whole isolate — its optimized code then re-checks every typed-array
      // access, and the simulation is made of them. A worker that had
      // transferred one result ran every later run ~10% slower (pinned A/B,
      // bench/README.md, "Parallel workers"); copying ~100 doubles costs nothing by comparison.
      return output;
    },
  };
}
