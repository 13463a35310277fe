// The dashboard's Web Worker: runs RunSpecs for the pool (the same contract
// as sim/runner/workerApi.ts, so sim/runner/pool.ts drives it unchanged) and
// re-runs one spec with its world kept, for the run explorer. Each run also
// returns its makespan distribution, computed here from every completed
// goal's arrival and end, so the compare view can draw CDFs without
// shipping thousands of makespans per run to the page.

import * as Comlink from 'comlink';
import { ScenarioError } from '../sim/scenario/errors.js';
import { simulateWorld } from '../sim/runner/simulate.js';
import type { RunSpec } from '../sim/runner/runSpec.js';
import { ScenarioCache, metricValues, type WorkerConfig } from '../sim/runner/workerApi.js';
import { SERIES_FIELDS } from '../sim/metrics/recorder.js';
import { GoalState } from '../sim/model/goals.js';
import { sortedQuantile } from '../sim/metrics/statistics.js';
import type { DashboardRunOutput, ExploreOutput } from './lib/types.js';

/** Probability levels of the makespan quantile function returned with each run. */
export const CDF_LEVELS = 101;

// Only configured texts: a browser has no files to resolve references against.
const scenarios = new ScenarioCache();

function simulateSpec(spec: RunSpec, traceGoals = 0) {
  const scenario = scenarios.get(spec.scenario, spec.overrides);
  if (scenario.arrivals.process === 'trace' && scenario.arrivals.file !== undefined && scenario.arrivals.times === undefined) {
    throw new ScenarioError(`arrivals.file: trace files cannot be read in the browser; run this scenario with the CLI`);
  }
  const { world, result } = simulateWorld(scenario, { seed: spec.seed, policy: spec.policy, traceGoals });
  const { names, values } = metricValues(result.metrics); // as createWorkerApi().run sends them
  const log = world.recorder.goals;
  let completed = 0;
  for (let i = 0; i < log.length; i++) {
    const s = log.state[i];
    if (s === GoalState.CompletedCorrect || s === GoalState.CompletedDefective) completed++;
  }
  const makespans = new Float64Array(completed);
  for (let i = 0, k = 0; i < log.length; i++) {
    const s = log.state[i];
    if (s === GoalState.CompletedCorrect || s === GoalState.CompletedDefective) makespans[k++] = log.end[i]! - log.arrival[i]!;
  }
  makespans.sort();
  const makespanQuantiles = new Float64Array(CDF_LEVELS);
  for (let j = 0; j < CDF_LEVELS; j++) makespanQuantiles[j] = sortedQuantile(makespans, j / (CDF_LEVELS - 1));
  const output: DashboardRunOutput = {
    index: spec.index,
    scenarioName: result.scenario,
    policy: result.policy,
    seed: result.seed,
    stopCause: result.stopCause,
    names,
    values,
    wallSeconds: result.metrics.wallSeconds ?? NaN,
    makespanQuantiles,
  };
  return { world, output };
}

/** The functions the dashboard's workers expose. */
export const api = {
  configure(config: WorkerConfig): void {
    scenarios.configure(config);
  },

  run(spec: RunSpec): DashboardRunOutput {
    // Copied, not transferred, like the Node workers' results (sim/runner/workerApi.ts
    // says why: a detached buffer slows every later run of this worker).
    return simulateSpec(spec).output;
  },

  /** One run with its recorder and the task DAGs of its first `traceGoals` counted goals. */
  explore(spec: RunSpec, traceGoals: number): ExploreOutput {
    const { world, output } = simulateSpec(spec, traceGoals);
    const recorder = world.recorder;
    const series = {} as ExploreOutput['series'];
    for (const field of SERIES_FIELDS) series[field] = recorder.series[field].toArray();
    const busyByFamily = recorder.busyByFamily.toArray();
    const agents = world.agents;
    const familyCapacity = new Array<number>(agents.familyNames.length).fill(0);
    for (let a = 0; a < agents.count; a++) familyCapacity[agents.family[a]!]! += agents.baseCapacity[a]!;
    const explored: ExploreOutput = {
      run: output,
      series,
      families: [...world.agents.familyNames],
      busyByFamily,
      familyCapacity,
      traces: world.goalTraces,
      sampleInterval: world.sampleInterval,
    };
    return explored; // copied, as run()'s output
  },
};

export type DashboardWorkerApi = typeof api;

Comlink.expose(api, self as unknown as Comlink.Endpoint);
