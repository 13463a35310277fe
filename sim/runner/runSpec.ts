// RunSpec: one run of an experiment as plain data — what a worker needs to
// reproduce it anywhere (another thread, another machine, the browser).

/**
 * One run: a scenario (built-in name or path), `--set` overrides applied to
 * it, a policy name and a master seed, plus its position in the experiment.
 * Plain data: structured-cloneable, JSON-serialisable.
 *
 * @example
 * const spec: RunSpec = { index: 0, scenario: 'mmc', overrides: ['arrivals.rate=8'], policy: 'fifo', seed: 1 };
 */
export interface RunSpec {
  /** Position in the experiment; results are always ordered by it. */
  index: number;
  scenario: string;
  overrides: string[];
  policy: string;
  seed: number;
}

/** What a run produced, as it travels back from a worker (see workerApi.ts). */
export interface RunOutput {
  index: number;
  /** The scenario's `name` field. */
  scenarioName: string;
  policy: string;
  seed: number;
  stopCause: string;
  /** Metric names, in the order of `values` (wallSeconds excluded). */
  names: string[];
  /** Metric values, in the order of `names`. */
  values: Float64Array;
  /** Wall-clock seconds of the run: kept apart, it is not deterministic. */
  wallSeconds: number;
}

/** A run that did not finish: its spec and why. */
export interface RunFailure {
  spec: RunSpec;
  error: string;
}
