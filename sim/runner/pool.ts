// A pool of workers running RunSpecs through comlink. Environment-neutral:
// how a worker is started (worker_threads in Node, Web Workers in the
// browser) is a `spawn` function given at the edge (nodePool.ts for Node).
//
// Failure handling, so that nothing hangs: each run races the worker's death.
// A run that throws is reported and its worker carries on; a worker that dies
// is reported with the run it held, replaced, and the pool carries on; a run
// past its time limit (if one is set) is reported and its worker replaced.

import * as Comlink from 'comlink';
import type { RunFailure, RunOutput, RunSpec } from './runSpec.js';
import type { WireOutput, WorkerApi, WorkerConfig } from './workerApi.js';

/** A started worker, as the pool sees it. */
export interface WorkerHandle {
  endpoint: Comlink.Endpoint;
  /** Registers the listener called (once) if the worker dies on its own. */
  onDeath(listener: (reason: string) => void): void;
  /** Stops the worker; no death is reported for it. */
  terminate(): void | Promise<unknown>;
}

/** Starts one worker running the worker API (workerApi.ts). */
export type SpawnWorker = () => WorkerHandle;

/** Options of {@link WorkerPool}. */
export interface PoolOptions {
  /** Number of workers (at least 1). */
  workers: number;
  spawn: SpawnWorker;
  /** Sent to every worker before its first run. */
  config?: WorkerConfig;
  /** Longest a run may take, in ms; a run past it fails and its worker is replaced. Default: no limit. */
  timeoutMs?: number;
}

/** Callbacks of {@link WorkerPool.run}; called on the pool's thread, one at a time. */
export interface PoolHandlers {
  onResult(output: RunOutput, spec: RunSpec): void;
  onFailure(failure: RunFailure): void;
  /** Stops taking new runs and abandons those in flight. */
  signal?: AbortSignal;
}

/** What {@link WorkerPool.run} did. */
export interface PoolReport {
  finished: number;
  failed: number;
  aborted: boolean;
}

/** A worker that died before it could take its first run: the pool cannot work. */
export class WorkerStartError extends Error {
  override readonly name = 'WorkerStartError';
}

interface Slot {
  handle: WorkerHandle;
  api: Comlink.Remote<WorkerApi>;
  death: Promise<string>;
  /** Metric names of this worker's last result (it sends them only when they change). */
  names: string[];
}

type Outcome =
  | { kind: 'ok'; output: WireOutput }
  | { kind: 'error'; error: string }
  | { kind: 'dead'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');

/**
 * A fixed-size worker pool. Workers start on first use and stay up between
 * calls of `run` until `close`.
 *
 * @example
 * // Node: createNodePool (nodePool.ts). In the browser, with a worker module
 * // doing `Comlink.expose(createWorkerApi(), self)`:
 * const pool = new WorkerPool({
 *   workers: navigator.hardwareConcurrency,
 *   config: { sources: { enterprise: scenarioText } },
 *   spawn: () => {
 *     const w = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
 *     return { endpoint: w, onDeath: (l) => w.addEventListener('error', (e) => l(e.message)), terminate: () => w.terminate() };
 *   },
 * });
 * await pool.run(specs, { onResult: (out) => rows.push(out), onFailure: (f) => console.error(f.error) });
 * await pool.close();
 */
export class WorkerPool {
  readonly size: number;
  private readonly spawn: SpawnWorker;
  private readonly config: WorkerConfig;
  private readonly timeoutMs: number | undefined;
  private readonly slots: (Slot | undefined)[];

  constructor(options: PoolOptions) {
    const { workers, spawn, config = {}, timeoutMs } = options;
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.size = workers;
    this.spawn = spawn;
    this.config = config;
    this.timeoutMs = timeoutMs;
    this.slots = new Array<Slot | undefined>(workers).fill(undefined);
  }

  /**
   * Runs every spec on the pool; results and failures arrive through the
   * handlers in completion order (any order). Resolves when all are done or
   * the signal aborts. Rejects only with a WorkerStartError.
   */
  async run(specs: Iterable<RunSpec>, handlers: PoolHandlers): Promise<PoolReport> {
    const { onResult, onFailure, signal } = handlers;
    const iterator = specs[Symbol.iterator]();
    const report: PoolReport = { finished: 0, failed: 0, aborted: false };
    let abortListener: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal === undefined) return;
      if (signal.aborted) resolve('aborted');
      abortListener = () => resolve('aborted');
      signal.addEventListener('abort', abortListener, { once: true });
    });

    const lane = async (index: number): Promise<void> => {
      for (;;) {
        if (signal?.aborted) return;
        const step = iterator.next();
        if (step.done === true) return;
        const spec = step.value;
        const slot = await this.slot(index, aborted);
        if (slot === undefined) return; // aborted while starting
        let timer: ReturnType<typeof setTimeout> | undefined;
        const racers: Promise<Outcome>[] = [
          slot.api.run(spec).then(
            (output): Outcome => ({ kind: 'ok', output }),
            (error: unknown): Outcome => ({ kind: 'error', error: messageOf(error) }),
          ),
          slot.death.then((reason): Outcome => ({ kind: 'dead', reason })),
          aborted.then((): Outcome => ({ kind: 'aborted' })),
        ];
        const limit = this.timeoutMs;
        if (limit !== undefined) racers.push(new Promise((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), limit))));
        const outcome = await Promise.race(racers);
        if (timer !== undefined) clearTimeout(timer);
        if (outcome.kind === 'aborted') return;
        if (outcome.kind === 'ok') {
          report.finished++;
          const { names = slot.names, ...rest } = outcome.output;
          slot.names = names;
          onResult({ ...rest, names }, spec);
        } else if (outcome.kind === 'error') {
          report.failed++;
          onFailure({ spec, error: outcome.error });
        } else if (outcome.kind === 'timeout') {
          report.failed++;
          await this.discard(index);
          onFailure({ spec, error: `timed out after ${Number((limit! / 1000).toFixed(1))} s (its worker was stopped)` });
        } else {
          report.failed++;
          await this.discard(index);
          onFailure({ spec, error: `worker died: ${outcome.reason}` });
        }
      }
    };

    try {
      await Promise.all(Array.from({ length: this.size }, (_, i) => lane(i)));
    } finally {
      if (abortListener !== undefined) signal?.removeEventListener('abort', abortListener);
    }
    report.aborted = signal?.aborted ?? false;
    return report;
  }

  /** Stops every worker. The pool can be used again (workers restart). */
  async close(): Promise<void> {
    const stopping = this.slots.map((_, i) => this.discard(i));
    await Promise.all(stopping);
  }

  private async slot(index: number, aborted: Promise<'aborted'>): Promise<Slot | undefined> {
    const existing = this.slots[index];
    if (existing !== undefined) return existing;
    const handle = this.spawn();
    const death = new Promise<string>((resolve) => handle.onDeath(resolve));
    const api = Comlink.wrap<WorkerApi>(handle.endpoint);
    const slot: Slot = { handle, api, death, names: [] };
    this.slots[index] = slot;
    const started = await Promise.race([
      api.configure(this.config).then(() => 'ok' as const),
      death.then((reason) => ({ reason })),
      aborted,
    ]);
    if (started === 'ok') return slot;
    await this.discard(index);
    if (started === 'aborted') return undefined;
    throw new WorkerStartError(`worker failed to start: ${started.reason}`);
  }

  private async discard(index: number): Promise<void> {
    const slot = this.slots[index];
    if (slot === undefined) return;
    this.slots[index] = undefined;
    slot.api[Comlink.releaseProxy]();
    await slot.handle.terminate();
  }
}
