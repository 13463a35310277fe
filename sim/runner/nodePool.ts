// The Node edge of the worker pool: workers are worker_threads running
// nodeWorker.js (compiled, or bundled with the CLI), spoken to through
// comlink's node adapter.

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { findPackageRoot } from '../scenario/load.js';
import { WorkerPool, type WorkerHandle } from './pool.js';
import type { WorkerConfig } from './workerApi.js';

/**
 * The worker entry: beside this module when it is the compiled
 * dist/sim/runner/nodePool.js, or the bundled CLI's chunk in dist/cli/ (which
 * has its own bundled nodeWorker.js, scripts/bundleCli.mjs); otherwise (tests
 * running the TypeScript sources) the compiled copy in dist/sim/.
 */
export function nodeWorkerUrl(): URL {
  if (import.meta.url.endsWith('/runner/nodePool.js') || /\/dist\/cli\/[^/]+\.js$/.test(import.meta.url)) {
    return new URL('./nodeWorker.js', import.meta.url);
  }
  return pathToFileURL(join(findPackageRoot(), 'dist', 'sim', 'runner', 'nodeWorker.js'));
}

/** Starts one worker thread running the worker API. */
export function spawnNodeWorker(): WorkerHandle {
  const worker = new Worker(nodeWorkerUrl());
  let stopping = false;
  let died = false;
  const listeners: ((reason: string) => void)[] = [];
  const die = (reason: string): void => {
    if (stopping || died) return;
    died = true;
    for (const listener of listeners) listener(reason);
  };
  worker.on('error', (error) => die(error instanceof Error ? error.message : String(error)));
  worker.on('exit', (code) => die(`exited with code ${code}`));
  return {
    endpoint: nodeEndpoint(worker),
    onDeath: (listener) => void listeners.push(listener),
    terminate: () => {
      stopping = true;
      return worker.terminate();
    },
  };
}

/** The default worker count: the cores this process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** Options of {@link createNodePool}. */
export interface NodePoolOptions {
  workers?: number;
  config?: WorkerConfig;
  /** Longest a run may take, in ms (default: no limit). */
  timeoutMs?: number;
}

/**
 * A worker pool of Node worker threads.
 *
 * @example
 * const pool = createNodePool({ workers: 2 });
 */
export function createNodePool(options: NodePoolOptions = {}): WorkerPool {
  const { workers = defaultWorkerCount(), config, timeoutMs } = options;
  return new WorkerPool({ workers, spawn: spawnNodeWorker, config, timeoutMs });
}
