// `delegsim worker --queue redis://HOST:PORT [--workers N] [--run-timeout S]`:
// serves runs from the Redis queue (runner/queueWorker.ts) to any
// `delegsim sweep --queue` coordinator, until Ctrl-C or SIGTERM — then it
// finishes the runs in hand and exits 0 (a second Ctrl-C exits at once; the
// runs it held go back to the queue when their locks expire). While Redis is
// unreachable there is no finishing: it stops at once, also with exit 0.

import { startQueueWorker } from '../../runner/queueWorker.js';
import { asUsageError, parseRunTimeout, parseWorkers } from './compare.js';

export interface WorkerCliOptions {
  /** Required: commander rejects a missing --queue (exit 2) before this runs. */
  queue: string;
  workers?: string;
  runTimeout?: string;
}

/** DELEGSIM_QUEUE_LOCK_MS shortens the job lock (tests of a killed worker); never needed in normal use. */
function lockMs(): number | undefined {
  const text = process.env.DELEGSIM_QUEUE_LOCK_MS;
  const n = Number(text);
  return text === undefined || text === '' || !(n >= 500) ? undefined : n;
}

export async function workerCommand(options: WorkerCliOptions): Promise<void> {
  const threads = parseWorkers(options.workers);
  const runTimeout = parseRunTimeout(options.runTimeout);
  let done = 0;
  let failed = 0;
  let worker;
  try {
    worker = await startQueueWorker({
      url: options.queue,
      threads,
      timeoutMs: runTimeout === undefined ? undefined : runTimeout * 1000,
      lockMs: lockMs(),
      onRedisError: (error) => process.stderr.write(`worker: Redis: ${error.message} (reconnecting)\n`),
      onJob: (spec, error) => {
        done++;
        if (error !== undefined) {
          failed++;
          process.stderr.write(`worker: run ${spec.index} failed (policy ${spec.policy}, seed ${spec.seed}): ${error}\n`);
        } else if (done % 100 === 0) {
          process.stderr.write(`worker: ${done} runs done\n`);
        }
      },
    });
  } catch (error) {
    throw asUsageError(error);
  }
  process.stderr.write(`worker: serving runs from ${options.queue} on ${threads} thread${threads === 1 ? '' : 's'}; Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = (): void => {
      if (++signals > 1) process.exit(130);
      process.stderr.write('worker: finishing the runs in hand (Ctrl-C again to quit at once)…\n');
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const { abandoned } = await worker.close();
  const stopped = abandoned > 0 ? `; Redis is unreachable: ${abandoned} run${abandoned === 1 ? '' : 's'} in hand stopped, their jobs go back to the queue` : '';
  process.stderr.write(`worker: stopped after ${done} runs (${failed} failed)${stopped}\n`);
}
