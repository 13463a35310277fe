// Runs an experiment plan in the page: its RunSpecs (expanded exactly as the
// CLI expands them, sim/runner/plan.ts) go to the Web Worker pool; finished
// runs, failures (with their seeds) and progress come back through callbacks;
// cancel stops the pool and keeps what finished.

import { placeOf, planSpecs, runCount, type ExperimentPlan } from '../../sim/runner/plan.js';
import type { WorkerPool } from '../../sim/runner/pool.js';
import { createBrowserPool } from './browserPool.js';
import { runHash } from './runHash.js';
import type { DashboardRunOutput, Experiment, RunRow } from './types.js';

export interface RunCallbacks {
  /** After each finished or failed run. */
  onProgress(experiment: Experiment, done: number): void;
}

/** A running experiment: its live state, a promise of the end, and cancel. */
export interface RunningExperiment {
  experiment: Experiment;
  done: Promise<{ cancelled: boolean; error?: string }>;
  cancel(): void;
}

let shared: { key: string; pool: WorkerPool } | undefined;

/** A pool for these sources and worker count, reused between experiments (warm workers run faster). */
function poolFor(sources: Record<string, string>, workers: number): WorkerPool {
  const key = JSON.stringify([sources, workers]);
  if (shared?.key === key) return shared.pool;
  void shared?.pool.close();
  const pool = createBrowserPool({ workers, config: { sources } });
  shared = { key, pool };
  return pool;
}

/** Stops the shared pool's workers (cancel, page hide). */
export async function closePool(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.pool.close();
}

/**
 * Starts running `plan` on `workers` Web Workers.
 *
 * @example
 * const running = runInBrowser(plan, { enterprise: text }, 2, { onProgress: redraw });
 * await running.done;
 */
export function runInBrowser(plan: ExperimentPlan, sources: Record<string, string>, workers: number, callbacks: RunCallbacks): RunningExperiment {
  const total = runCount(plan);
  const experiment: Experiment = {
    plan,
    sources,
    names: [],
    rows: [],
    failures: [],
    source: { kind: 'browser' },
    total,
    workers: Math.min(workers, total),
  };
  const controller = new AbortController();
  const started = performance.now();
  let doneCount = 0;
  const pool = poolFor(sources, Math.min(workers, total));
  const hashes: Promise<unknown>[] = [];

  const done = (async () => {
    try {
      const report = await pool.run(planSpecs(plan), {
        onResult(raw, spec) {
          const output = raw as DashboardRunOutput;
          if (experiment.names.length === 0) experiment.names = output.names;
          const place = placeOf(plan, spec.index);
          const row: RunRow = {
            index: spec.index,
            policy: spec.policy,
            seed: spec.seed,
            replication: place.replication,
            point: place.point,
            scenarioName: output.scenarioName,
            stopCause: output.stopCause,
            values: alignValues(experiment.names, output.names, output.values),
            makespanQuantiles: output.makespanQuantiles,
            wallSeconds: output.wallSeconds,
          };
          experiment.rows.push(row);
          hashes.push(runHash(spec, output).then((hash) => (row.hash = hash)));
          doneCount++;
          experiment.seconds = (performance.now() - started) / 1000;
          callbacks.onProgress(experiment, doneCount);
        },
        onFailure(failure) {
          experiment.failures.push({ index: failure.spec.index, policy: failure.spec.policy, seed: failure.spec.seed, error: failure.error });
          doneCount++;
          experiment.seconds = (performance.now() - started) / 1000;
          callbacks.onProgress(experiment, doneCount);
        },
        signal: controller.signal,
      });
      await Promise.all(hashes);
      experiment.rows.sort((a, b) => a.index - b.index);
      experiment.failures.sort((a, b) => a.index - b.index);
      experiment.seconds = (performance.now() - started) / 1000;
      return { cancelled: report.aborted };
    } catch (error) {
      // Only a WorkerStartError rejects: the workers could not start at all.
      await closePool();
      return { cancelled: false, error: error instanceof Error ? error.message : String(error) };
    }
  })();

  return {
    experiment,
    done,
    cancel() {
      controller.abort();
      // Runs in flight cannot be interrupted inside a worker: stop the workers.
      void closePool();
    },
  };
}

/** A run's values in the experiment's metric order (NaN where the run lacks one). */
export function alignValues(names: readonly string[], own: readonly string[], values: Float64Array): Float64Array {
  if (names === own || (names.length === own.length && names.every((n, i) => n === own[i]))) return values;
  const at = new Map(own.map((n, i) => [n, i]));
  return Float64Array.from(names, (n) => {
    const i = at.get(n);
    return i === undefined ? NaN : values[i]!;
  });
}
