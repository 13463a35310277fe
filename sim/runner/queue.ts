// The Redis queue backend (DESIGN.md: "distributed: BullMQ queue on Redis"):
// what the coordinator (`delegsim sweep --queue URL`, queuePool.ts) and the
// workers (`delegsim worker --queue URL`, queueWorker.ts) agree on — the
// queue's name, what a job carries, how a result travels back, and how to
// reach Redis without hanging when it is not there.
//
// A job is one RunSpec of one experiment, with the id `<plan hash>-<index>`:
// adding it twice (a resumed sweep) is a no-op, so a run is never queued
// twice. The scenario text is stored once per experiment under
// `delegsim:scenario:<sha256>` and fetched by each worker once, so jobs stay
// small and a worker needs no copy of the scenario file. (Trace scenarios
// read their arrival CSV from disk: their workers resolve the scenario
// reference locally, as pool workers do.) Results travel back as the job's
// return value, NaN and ±Infinity spelled out like runs.log does.

import { Redis } from 'ioredis';
import type { RunOutput, RunSpec } from './runSpec.js';

export const QUEUE_NAME = 'delegsim-runs';

/** Redis connection settings from a `redis://HOST:PORT[/DB]` URL. */
export interface QueueConnection {
  host: string;
  port: number;
  db: number;
}

/** A `--queue` value that is not a usable Redis URL, or a Redis that cannot be reached. */
export class QueueError extends Error {
  override readonly name = 'QueueError';
}

/**
 * Parses `redis://HOST:PORT[/DB]` (port 6379 if omitted).
 *
 * @example
 * parseQueueUrl('redis://127.0.0.1:6380/2'); // { host: '127.0.0.1', port: 6380, db: 2 }
 */
export function parseQueueUrl(text: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueError(`--queue: must be a URL redis://HOST:PORT, got '${text}'`);
  }
  if (url.protocol !== 'redis:' || url.hostname === '') throw new QueueError(`--queue: must be a URL redis://HOST:PORT, got '${text}'`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15) throw new QueueError(`--queue: the database after the port must be 0 to 15, got '${path}'`);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, db };
}

/** What one job carries. */
export interface RunJob {
  /** Plan hash of the experiment (manifest/runs.log); part of the job id. */
  plan: string;
  /** The coordinator's delegsim version: a worker of another version refuses the job (its outputs could differ). */
  delegsim: string;
  spec: RunSpec;
  /** SHA-256 of the scenario text stored under {@link scenarioKey}; null: resolve spec.scenario on the worker. */
  scenario: string | null;
}

/** Where the scenario text of an experiment waits for workers. */
export const scenarioKey = (sha256: string): string => `delegsim:scenario:${sha256}`;

/** How long a stored scenario text is kept (refreshed by every sweep that uses it). */
export const SCENARIO_TTL_SECONDS = 30 * 24 * 3600;

/** The job id of run `index` of the experiment with plan hash `plan` (BullMQ ids may not contain ':'). */
export const jobIdOf = (plan: string, index: number): string => `${plan.slice(0, 24)}-${index}`;

/** A RunOutput as a job's JSON return value: numbers that JSON cannot hold (NaN, ±Infinity) as strings. */
export type WireResult = Omit<RunOutput, 'values' | 'wallSeconds'> & { values: (number | string)[]; wallSeconds: number | string };

const encode = (x: number): number | string => (Number.isFinite(x) ? x : String(x));
const decode = (x: number | string): number => (typeof x === 'number' ? x : Number(x));

export function encodeResult(output: RunOutput): WireResult {
  return { ...output, values: Array.from(output.values, encode), wallSeconds: encode(output.wallSeconds) };
}

export function decodeResult(wire: WireResult): RunOutput {
  return { ...wire, values: Float64Array.from(wire.values, decode), wallSeconds: decode(wire.wallSeconds) };
}

/**
 * BullMQ connection options. BullMQ requires commands to wait across
 * reconnects (maxRetriesPerRequest: null), so a worker outlives a Redis
 * restart; the coordinator notices a lost connection from its error events
 * instead (queuePool.ts).
 */
export function bullConnection(c: QueueConnection) {
  return { host: c.host, port: c.port, db: c.db, maxRetriesPerRequest: null };
}

/**
 * Connects a plain client, or throws a QueueError within a few seconds if
 * Redis does not answer (ioredis would otherwise retry forever, silently).
 */
export async function connectRedis(c: QueueConnection, url: string): Promise<Redis> {
  const client = new Redis({ host: c.host, port: c.port, db: c.db, lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let cause: string | undefined;
  client.on('error', (error: Error) => (cause ??= error.message)); // the socket's reason, better than connect()'s
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new QueueError(`--queue ${url}: cannot reach Redis (${cause ?? (error instanceof Error ? error.message : String(error))})`);
  }
  return client;
}
