// The coordinator side of the Redis queue (queue.ts): runs an experiment's
// specs on whatever `delegsim worker --queue URL` processes are attached,
// with the same run()/close() contract as the local WorkerPool, so
// runExperiment — runs.log, --resume, the result files — is unchanged.
//
// Jobs outlive the coordinator: after a Ctrl-C or a crash, the runs queued
// or running stay in Redis and workers finish them; `--resume` re-attaches,
// collects the finished ones (a completed job keeps its result until the
// coordinator has logged it) and queues only what is missing. A failed job
// is reported like a failed pool run and removed, so a later --resume
// retries it (one left behind by a coordinator that died is retried too).
// Results arrive through BullMQ's event stream; a poll of the pending jobs
// every few idle seconds covers events missed while (re)connecting.
// If Redis goes away, run() stops at once with a QueueLostError (exit 1 in
// the CLI, one line): the runs already logged are safe, and --resume
// finishes the experiment once Redis is back.

import { Job, Queue, QueueEvents } from 'bullmq';
import type { PoolHandlers, PoolReport } from './pool.js';
import type { RunSpec } from './runSpec.js';
import {
  QUEUE_NAME,
  SCENARIO_TTL_SECONDS,
  bullConnection,
  connectRedis,
  decodeResult,
  jobIdOf,
  parseQueueUrl,
  scenarioKey,
  type RunJob,
  type WireResult,
} from './queue.js';

export interface QueuePoolOptions {
  url: string;
  /** Plan hash of the experiment. */
  plan: string;
  /** The scenario text to hand to workers (null: they resolve the reference themselves). */
  scenario: { sha256: string; text: string } | null;
  /** delegsim version of the experiment; workers of another version refuse its jobs. */
  version: string;
}

const BATCH = 200;
const POLL_IDLE_MS = 3000;

/** Redis went away in the middle of an experiment. */
export class QueueLostError extends Error {
  override readonly name = 'QueueLostError';
}

/** How long an orderly close may wait for Redis before the connections are dropped. */
const CLOSE_GRACE_MS = 3000;
/** How long close() waits to learn whether both clients are connected, and for the forced close. */
const CONNECTED_CHECK_MS = 1000;
const FORCED_CLOSE_MS = 2000;

/**
 * `promise`, or `fallback` if it has not settled within `ms`. The timer is
 * referenced (and cleared after): the wait must keep the process alive, or it
 * could exit mid-close, before the results are written.
 */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(resolve, ms, fallback)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class QueuePool {
  private queue: Queue | undefined;
  private events: QueueEvents | undefined;
  private lost: Error | undefined;

  private constructor(private readonly options: QueuePoolOptions) {}

  /**
   * Checks that Redis answers (a QueueError within seconds if not) and stores
   * the scenario text for the workers. Holds no connection until run().
   */
  static async open(options: QueuePoolOptions): Promise<QueuePool> {
    const client = await connectRedis(parseQueueUrl(options.url), options.url);
    try {
      const { scenario } = options;
      if (scenario !== null) await client.set(scenarioKey(scenario.sha256), scenario.text, 'EX', SCENARIO_TTL_SECONDS);
    } finally {
      client.disconnect();
    }
    return new QueuePool(options);
  }

  async run(specs: Iterable<RunSpec>, handlers: PoolHandlers): Promise<PoolReport> {
    const { url, plan, scenario, version } = this.options;
    const { onResult, onFailure, signal } = handlers;
    const report: PoolReport = { finished: 0, failed: 0, aborted: false };
    const connection = parseQueueUrl(url);
    let wake: () => void = () => {};
    const queue = (this.queue = new Queue(QUEUE_NAME, { connection: bullConnection(connection) }));
    const events = (this.events = new QueueEvents(QUEUE_NAME, { connection: bullConnection(connection) }));
    // A connection error ends the run (BullMQ would otherwise retry forever and print each attempt).
    let onLost: () => void = () => {};
    const lostSignal = new Promise<'lost'>((resolve) => (onLost = () => resolve('lost')));
    const lose = (error: Error): void => {
      if (this.lost !== undefined) return;
      this.lost = error;
      onLost();
      wake();
    };
    queue.on('error', lose);
    events.on('error', lose);
    /** Awaits a Redis call, unless the connection is lost first. */
    const redis = async <T>(call: Promise<T>): Promise<T> => {
      call.catch(lose);
      const outcome = await Promise.race([call, lostSignal]);
      if (outcome === 'lost' || this.lost !== undefined) throw this.lostError();
      return outcome as T;
    };
    await redis(events.waitUntilReady());

    const pending = new Map<string, RunSpec>();
    let lastNews = Date.now();
    const removals: Promise<unknown>[] = [];
    const settle = (id: string, outcome: { result: WireResult } | { error: string }): void => {
      const spec = pending.get(id);
      if (spec === undefined) return;
      pending.delete(id);
      lastNews = Date.now();
      if ('result' in outcome) {
        report.finished++;
        onResult(decodeResult(outcome.result), spec);
      } else {
        report.failed++;
        onFailure({ spec, error: outcome.error });
      }
      removals.push(queue.remove(id).catch(() => 0)); // a job not removed is harmless: the next --resume collects it again
      if (pending.size === 0) wake();
    };
    const parse = (value: unknown): WireResult => (typeof value === 'string' ? JSON.parse(value) : value) as WireResult;
    events.on('completed', ({ jobId, returnvalue }) => settle(jobId, { result: parse(returnvalue) }));
    events.on('failed', ({ jobId, failedReason }) => settle(jobId, { error: failedReason }));

    /**
     * Settles jobs that already ended; returns the ids to (re)queue: those not
     * in Redis and, with `retryFailed` (when queuing), those that failed in an
     * earlier invocation whose coordinator died before removing them.
     */
    const check = async (ids: string[], retryFailed: boolean): Promise<string[]> => {
      const requeue: string[] = [];
      const jobs = await redis(Promise.all(ids.map((id) => Job.fromId<RunJob, WireResult>(queue, id))));
      const states = await redis(Promise.all(jobs.map((job) => job?.getState())));
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const job = jobs[i];
        if (job === undefined) requeue.push(id);
        // A job read while still running and completed before its state was read
        // has no return value in hand: its 'completed' event or the next poll settles it.
        else if (states[i] === 'completed' && job.returnvalue == null) continue;
        else if (states[i] === 'completed') settle(id, { result: parse(job.returnvalue) });
        else if (states[i] === 'failed' && retryFailed) {
          await redis(queue.remove(id));
          requeue.push(id);
        } else if (states[i] === 'failed') settle(id, { error: job.failedReason });
      }
      return requeue;
    };

    // Queue what is not there yet, in batches (a sweep can hold millions of runs).
    let batch: RunSpec[] = [];
    const flush = async (): Promise<void> => {
      const ids = batch.map((spec) => jobIdOf(plan, spec.index));
      batch.forEach((spec, i) => pending.set(ids[i]!, spec));
      const missing = new Set(await check(ids, true));
      const jobs = batch
        .filter((_, i) => missing.has(ids[i]!))
        .map((spec) => ({
          name: 'run',
          data: { plan, delegsim: version, spec, scenario: scenario?.sha256 ?? null } satisfies RunJob,
          opts: { jobId: jobIdOf(plan, spec.index), attempts: 1, removeOnComplete: false, removeOnFail: false },
        }));
      if (jobs.length > 0) await redis(queue.addBulk(jobs));
      batch = [];
    };
    for (const spec of specs) {
      if (signal?.aborted) break;
      batch.push(spec);
      if (batch.length >= BATCH) await flush();
    }
    if (!signal?.aborted) await flush();

    // Wait for the rest, polling when the event stream has been quiet a while.
    while (pending.size > 0 && !signal?.aborted && this.lost === undefined) {
      // Woken by the last result, a lost connection, an abort or the poll timer; each way removes the others.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          wake = () => {};
          resolve();
        };
        const timer = setTimeout(done, POLL_IDLE_MS);
        signal?.addEventListener('abort', done);
        wake = done;
      });
      if (pending.size > 0 && !signal?.aborted && this.lost === undefined && Date.now() - lastNews >= POLL_IDLE_MS) {
        const ids = [...pending.keys()];
        for (let i = 0; i < ids.length; i += BATCH) await check(ids.slice(i, i + BATCH), false);
        lastNews = Date.now();
      }
    }
    if (this.lost !== undefined) throw this.lostError();
    await redis(Promise.all(removals));
    report.aborted = signal?.aborted ?? false;
    return report;
  }

  private lostError(): QueueLostError {
    return new QueueLostError(
      `--queue ${this.options.url}: lost the connection to Redis (${this.lost?.message ?? 'closed'}); the runs finished so far are kept: ` +
        `run the same command with --resume once Redis is back`,
    );
  }

  async close(): Promise<void> {
    const { events, queue } = this;
    this.events = undefined;
    this.queue = undefined;
    if (events === undefined || queue === undefined) return;
    // BullMQ's close() and disconnect() wait for each socket's 'end', which a
    // client parked between two reconnect attempts never emits (BullMQ #4585):
    // under load the coordinator hung here instead of reporting a lost Redis,
    // and it hung the same way when Redis died after the last result. So an
    // orderly close is tried only while both clients are connected, and given
    // CLOSE_GRACE_MS in case Redis dies meanwhile.
    if (this.lost === undefined && (await within(connected(queue, events), CONNECTED_CHECK_MS, false))) {
      const orderly = (async () => {
        await events.close();
        await queue.close();
      })().then(
        () => true,
        () => true,
      );
      if (await within(orderly, CLOSE_GRACE_MS, false)) return;
    }
    // A forced backend close drops every client at once and clears their
    // reconnect timers; closing the QueueEvents first only stops its read loop
    // (the wait for 'end' it starts holds nothing open). It is bounded too: a
    // close that still waits on a dead socket must not hold the results back.
    events.close().catch(() => {});
    await within(Promise.allSettled([events.getBackend().close(true), queue.getBackend().close(true)]), FORCED_CLOSE_MS, undefined);
  }
}

/** Whether the queue's and the event stream's Redis clients are both connected now. */
async function connected(queue: Queue, events: QueueEvents): Promise<boolean> {
  const clients = await Promise.all([queue.getBackend().client, events.getBackend().client]).catch(() => []);
  return clients.length === 2 && clients.every((client) => client.status === 'ready');
}
