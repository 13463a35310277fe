// The dashboard's data model: what a worker sends back, and an experiment as
// the views see it — whether it ran in this page or was loaded from a
// results directory written by the CLI.

import type { RunOutput } from '../../sim/runner/runSpec.js';
import type { ExperimentPlan } from '../../sim/runner/plan.js';
import type { ExperimentSummary } from '../../sim/runner/summary.js';
import type { SeriesField } from '../../sim/metrics/recorder.js';
import type { GoalTrace } from '../../sim/metrics/goalTrace.js';

/** A worker's RunOutput plus the run's makespan quantile function (levels 0, 0.01, …, 1). */
export interface DashboardRunOutput extends RunOutput {
  makespanQuantiles: Float64Array;
}

/** One run re-simulated with its world kept, for the run explorer. */
export interface ExploreOutput {
  run: DashboardRunOutput;
  series: Record<SeriesField, Float64Array>;
  families: string[];
  /** Sample-major: busyByFamily[sample · families + family]. */
  busyByFamily: Float64Array;
  /** Total base capacity (slots) of each family. */
  familyCapacity: number[];
  traces: GoalTrace[];
  sampleInterval: number;
}

/** One finished run of an experiment. */
export interface RunRow {
  index: number;
  policy: string;
  seed: number;
  replication: number;
  point: number;
  scenarioName: string;
  stopCause: string;
  /** Metric values aligned with {@link Experiment.names}. */
  values: Float64Array;
  /** Output hash, as runRecord.runHash computes it (absent until computed, or when unknown). */
  hash?: string;
  /** Makespan quantile function (only for runs made in this page). */
  makespanQuantiles?: Float64Array;
  wallSeconds?: number;
}

/** A run that failed: its place in the plan, its seed and the error. */
export interface RunFailureRow {
  index: number;
  policy: string;
  seed: number;
  error: string;
}

/** Where an experiment came from. */
export type ExperimentSource = { kind: 'browser' } | { kind: 'files'; label: string };

/** An experiment as the views see it. */
export interface Experiment {
  plan: ExperimentPlan;
  /** Scenario text by reference: what a worker needs to re-run any of its specs (absent for loaded results without a manifest). */
  sources?: Record<string, string>;
  names: string[];
  rows: RunRow[];
  failures: RunFailureRow[];
  /** A summary read from summary.json, used when there are no per-run rows. */
  fileSummary?: ExperimentSummary;
  source: ExperimentSource;
  /** Runs planned; rows + failures once it is done. */
  total: number;
  /** Wall seconds of the whole experiment (browser runs). */
  seconds?: number;
  workers?: number;
}
