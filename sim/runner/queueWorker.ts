// The worker side of the Redis queue (queue.ts): `delegsim worker --queue
// URL` takes runs of any experiment from the queue and runs them on local
// worker threads — one single-thread WorkerPool per concurrent job, so the
// simulation never blocks this thread, which keeps renewing the jobs' locks.
//
// A worker that dies mid-run (kill -9, a lost machine) stops renewing its
// job's lock; after the lock expires, BullMQ's stalled-job check (run by the
// other workers) puts the job back in the queue and another worker runs it.
// A run that throws, dies or exceeds --run-timeout fails its job with the
// error, which the coordinator reports.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { WorkerPool } from './pool.js';
import { delegsimVersion } from './experiment.js';
import { spawnNodeWorker } from './nodePool.js';
import type { RunOutput, RunSpec } from './runSpec.js';
import { QUEUE_NAME, bullConnection, connectRedis, encodeResult, parseQueueUrl, scenarioKey, type RunJob, type WireResult } from './queue.js';

export interface QueueWorkerOptions {
  url: string;
  /** Runs at once (worker threads). */
  threads: number;
  /** Longest one run may take, in ms (its thread is stopped and the job fails). */
  timeoutMs?: number;
  /** How long a job stays locked without renewal before another worker may take it (ms). */
  lockMs?: number;
  /** Called after each job, for progress lines. */
  onJob?: (spec: RunSpec, error: string | undefined) => void;
  /** Called on a Redis error (at most every 30 s): the worker keeps reconnecting, a service outlives a Redis restart. */
  onRedisError?: (error: Error) => void;
}

export interface QueueWorker {
  /**
   * Stops taking jobs. With Redis reachable it finishes the jobs in hand
   * first; without, their results could not be reported, so it stops them at
   * once (their jobs return to the queue when their locks expire) and
   * resolves to how many it stopped.
   */
  close(): Promise<{ abandoned: number }>;
}

const DEFAULT_LOCK_MS = 30_000;

/** Connects to Redis (a QueueError if it cannot) and starts taking jobs. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { url, threads, timeoutMs, lockMs = DEFAULT_LOCK_MS, onJob, onRedisError } = options;
  const connection = parseQueueUrl(url);
  (await connectRedis(connection, url)).disconnect(); // fail fast if Redis is not there
  // Scenario texts are read on a client that reconnects like BullMQ's own, so a
  // worker still serves new sweeps after a Redis restart.
  const client = new Redis(bullConnection(connection));
  client.on('error', () => {}); // the same outage reaches onRedisError through the Worker
  const dir = mkdtempSync(join(tmpdir(), 'delegsim-worker-'));
  // Scenario texts by SHA-256, written to files once: the threads resolve them as paths.
  const scenarioFiles = new Map<string, Promise<string>>();
  const scenarioFile = (sha: string): Promise<string> => {
    let file = scenarioFiles.get(sha);
    if (file === undefined) {
      file = client.get(scenarioKey(sha)).then((text) => {
        if (text === null) throw new Error(`scenario ${sha.slice(0, 12)}… is not in Redis (expired?): re-run the sweep with --resume`);
        const path = join(dir, `${sha}.json`);
        writeFileSync(path, text);
        return path;
      });
      scenarioFiles.set(sha, file);
      file.catch(() => scenarioFiles.delete(sha));
    }
    return file;
  };

  const lanes = Array.from({ length: threads }, () => new WorkerPool({ workers: 1, spawn: spawnNodeWorker, timeoutMs }));
  const free = [...lanes];

  const version = delegsimVersion();
  async function processRun(job: Job<RunJob, WireResult>): Promise<WireResult> {
    const { spec, scenario } = job.data;
    if (job.data.delegsim !== version) {
      const error = `this worker runs delegsim ${version}, the sweep was started with delegsim ${job.data.delegsim}: its outputs could differ`;
      onJob?.(spec, error);
      throw new Error(error);
    }
    const local: RunSpec = scenario === null ? spec : { ...spec, scenario: await scenarioFile(scenario) };
    const lane = free.pop();
    if (lane === undefined) throw new Error('worker: more jobs than threads (BullMQ concurrency mismatch)');
    let output: RunOutput | undefined;
    let error: string | undefined;
    try {
      await lane.run([local], {
        onResult: (o) => (output = o),
        onFailure: (f) => (error = f.error),
      });
    } finally {
      free.push(lane);
    }
    onJob?.(spec, error);
    if (output === undefined) throw new Error(error ?? 'the run produced no result');
    return encodeResult({ ...output, index: spec.index });
  }

  const worker = new Worker<RunJob, WireResult>(QUEUE_NAME, processRun, {
    connection: bullConnection(connection),
    concurrency: threads,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
    maxStalledCount: 3,
  });
  let lastReported = -Infinity;
  worker.on('error', (error) => {
    // BullMQ reconnects by itself; say so now and then, not on every attempt.
    if (Date.now() - lastReported < 30_000) return;
    lastReported = Date.now();
    onRedisError?.(error);
  });
  await worker.waitUntilReady();

  return {
    async close() {
      // BullMQ's orderly close ends with a QUIT that waits for Redis to come
      // back, however long that takes; a forced close drops the connections.
      // Whether Redis answers is read off the scenario client, which
      // reconnects like the Worker's own connections.
      const reachable = client.status === 'ready';
      const inHand = lanes.length - free.length;
      await worker.close(!reachable);
      await Promise.all(lanes.map((lane) => lane.close()));
      client.disconnect();
      rmSync(dir, { recursive: true, force: true });
      return { abandoned: reachable ? 0 : inHand };
    },
  };
}
