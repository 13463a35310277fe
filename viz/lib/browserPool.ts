// The browser's worker pool: sim/runner/pool.ts (the same pool the CLI runs
// on worker_threads) given a spawn function that starts Web Workers running
// viz/sim.worker.ts. A worker that fails to load or throws outside a run is
// reported as dead, and the pool reports its run as failed and carries on.

import * as Comlink from 'comlink';
import { WorkerPool, type SpawnWorker, type WorkerHandle } from '../../sim/runner/pool.js';
import type { WorkerConfig } from '../../sim/runner/workerApi.js';
import type { DashboardWorkerApi } from '../sim.worker.js';

/** Starts one dashboard worker. */
export function startWorker(): Worker {
  return new Worker(new URL('../sim.worker.ts', import.meta.url), { type: 'module', name: 'delegsim-sim' });
}

/** A Web Worker as the pool sees it. */
export function webWorkerHandle(worker: Worker): WorkerHandle {
  return {
    endpoint: worker as unknown as Comlink.Endpoint,
    onDeath(listener) {
      let reported = false;
      const report = (reason: string): void => {
        if (reported) return;
        reported = true;
        listener(reason);
      };
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        report(event.message || 'the worker script failed to load or threw outside a run');
      });
      worker.addEventListener('messageerror', () => report('a message from the worker could not be read'));
    },
    terminate: () => worker.terminate(),
  };
}

/** Workers to use: what the browser offers, at least 1, at most `cap`. */
export function defaultWorkerCount(cap = 16): number {
  const offered = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.min(cap, Number.isFinite(offered) && offered > 0 ? offered : 2));
}

/**
 * A pool of Web Workers.
 *
 * @example
 * const pool = createBrowserPool({ workers: 4, config: { sources: { enterprise: text } } });
 * await pool.run(specs, { onResult, onFailure, signal });
 */
export function createBrowserPool(options: { workers: number; config: WorkerConfig }): WorkerPool {
  const spawn: SpawnWorker = () => webWorkerHandle(startWorker());
  return new WorkerPool({ workers: options.workers, spawn, config: options.config });
}

/** A single worker for the run explorer, kept apart from the pool so exploring never waits for a comparison. */
export function createExplorerWorker(): { api: Comlink.Remote<DashboardWorkerApi>; terminate(): void } {
  const worker = startWorker();
  const api = Comlink.wrap<DashboardWorkerApi>(worker as unknown as Comlink.Endpoint);
  return { api, terminate: () => worker.terminate() };
}
