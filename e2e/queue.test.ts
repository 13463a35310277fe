// The Redis queue backend end to end: a real redis-server (Debian's package)
// on a loopback port, real `delegsim worker` processes and a real
// `delegsim sweep --queue` coordinator. Checks that the results equal a
// local sweep's byte for byte, that a worker killed with SIGKILL mid-run
// loses nothing (its job goes back to the queue), that a coordinator killed
// with SIGKILL resumes without redoing or losing runs, and that a failing
// run is reported and retried by --resume, and that a lost Redis stops the
// coordinator and a stopped worker at once. Missing redis-server: skipped
// locally, a failure under CI=true (npm test's pretest installs it as root).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import { ROOT } from './dashboardServer.js';
import { IN_CI } from './chromium.js';
import { QueueLostError, QueuePool } from '../sim/runner/queuePool.js';
import { CLI, differingResultFiles, killCliWhen, mmcSweep, runCli, runLogRecords, startCli } from '../sim/cli/cliTestKit.js';

const REDIS = '/usr/bin/redis-server';
const missing = existsSync(REDIS) ? undefined : `${REDIS} not found: install it with \`apt-get install -y redis-server\``;
if (missing !== undefined && !IN_CI) console.warn(`[e2e] skipping the queue tests: ${missing}`);

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-queue-'));
const read = (dir: string, name: string) => readFileSync(join(tmp, dir, name));
const runLines = (dir: string): string[] => runLogRecords(join(tmp, dir));
/** Resolves once `dir`/runs.log holds at least `n` runs. */
async function runsLogged(dir: string, n: number): Promise<void> {
  while (runLines(dir).length < n) await new Promise((r) => setTimeout(r, 5));
}

// 2 points × 2 policies × 6 replications = 24 runs, each long enough (~0.1 s) to be killed mid-run.
const sweep = mmcSweep('queued', { goals: 20000, warmupGoals: 100, replications: 6, seed: 5 });
const RUNS = 24;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const delegsim = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(tmp, args, env);

/** Starts a throw-away redis-server on loopback (no persistence) and waits until it answers. */
async function startRedis(port: number): Promise<void> {
  const started = spawnSync(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes'], {
    encoding: 'utf8',
  });
  expect(started.status, started.stderr).toBe(0);
  for (let i = 0; i < 100 && spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG'; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Shuts down the redis-server on `port` without saving. */
const shutdownRedis = (port: number) => spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);

/** A throw-away redis-server of the test's own, so shutting it down leaves the shared one alone. */
async function ownRedis(): Promise<{ port: number; url: string }> {
  const port = await freePort();
  await startRedis(port);
  return { port, url: `redis://127.0.0.1:${port}` };
}

/** What `promise` resolves to, or `late` if that takes longer than `ms`. */
const within = <T>(promise: Promise<T>, ms: number, late: string): Promise<T | string> =>
  Promise.race([promise, new Promise<string>((r) => setTimeout(() => r(late), ms))]);

const workers: ChildProcess[] = [];
/** Starts a `delegsim worker` and resolves once it serves (its first stderr line). */
async function startWorker(url: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', url, '--workers', '1'], {
    cwd: tmp,
    env: { ...process.env, DELEGSIM_QUEUE_LOCK_MS: '1500', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stderr!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}
/** Starts `sweep queued.json --queue url --out out` and resolves once `logged` of its runs are in runs.log. */
async function queuedSweepUnderway(url: string, out: string, logged: number) {
  const coordinator = startCli(tmp, ['sweep', 'queued.json', '--queue', url, '--out', out]);
  await runsLogged(out, logged);
  return coordinator;
}
const stopWorker = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });

describe.skipIf(missing !== undefined && !IN_CI)('sweep --queue on Redis with delegsim worker processes', () => {
  let port = 0;
  let url = '';
  beforeAll(async () => {
    if (missing !== undefined) throw new Error(missing);
    port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    await startRedis(port);
    writeFileSync(join(tmp, 'queued.json'), JSON.stringify(sweep));
    expect(delegsim(['sweep', 'queued.json', '--workers', '2', '--out', 'local']).code).toBe(0);
  }, 60_000);

  // A test that fails half-way must not leave its workers serving the next test's sweep.
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => stopWorker(w, 'SIGKILL')));
  });

  afterAll(async () => {
    if (port > 0) shutdownRedis(port);
  });

  it('two worker processes give the local sweep results byte for byte, and stop cleanly on SIGTERM', async () => {
    const a = await startWorker(url);
    const b = await startWorker(url);
    const r = delegsim(['sweep', 'queued.json', '--queue', url, '--out', 'queued']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${RUNS} runs, [\\d.]+ s on the workers of redis://127\\.0\\.0\\.1:${port}`));
    expect(differingResultFiles(tmp, 'queued', 'local')).toEqual([]);
    expect(await stopWorker(a)).toBe(0);
    expect(await stopWorker(b)).toBe(0);
    // Finished jobs are removed once logged: the queue does not grow with every sweep.
    const keys = spawnSync('redis-cli', ['-p', String(port), 'keys', 'bull:delegsim-runs:[0-9a-f]*-[0-9]*'], { encoding: 'utf8' }).stdout.trim();
    expect(keys).toBe('');
  }, 60_000);

  it('a worker killed with SIGKILL mid-run loses nothing: its job returns to the queue and another worker runs it', async () => {
    const victim = await startWorker(url);
    const survivor = await startWorker(url);
    const coordinator = await queuedSweepUnderway(url, 'killed-worker', 4);
    await stopWorker(victim, 'SIGKILL');
    expect(await coordinator.exited).toBe(0);
    expect(differingResultFiles(tmp, 'killed-worker', 'local')).toEqual([]);
    expect(runLines('killed-worker')).toHaveLength(RUNS);
    await stopWorker(survivor);
  }, 90_000);

  it('a coordinator killed with SIGKILL resumes from runs.log and the queue: no run lost, none logged twice', async () => {
    const worker = await startWorker(url);
    await killCliWhen(tmp, ['sweep', 'queued.json', '--queue', url, '--out', 'killed-coordinator'], () => runLines('killed-coordinator').length >= 6);
    const logged = runLines('killed-coordinator').length;
    expect(logged).toBeLessThan(RUNS);
    // The worker keeps running queued jobs meanwhile; their results wait in Redis for the resumed coordinator.
    await new Promise((r) => setTimeout(r, 500));
    const r = delegsim(['sweep', 'queued.json', '--queue', url, '--out', 'killed-coordinator', '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${RUNS} runs \\(${logged} resumed\\)`));
    expect(differingResultFiles(tmp, 'killed-coordinator', 'local')).toEqual([]);
    const indices = runLines('killed-coordinator').map((l) => Number(/"i":(\d+)/.exec(l)![1]));
    expect(new Set(indices).size).toBe(RUNS);
    expect(indices).toHaveLength(RUNS);
    await stopWorker(worker);
  }, 90_000);

  it('Ctrl-C stops the coordinator cleanly (exit 130, the resume command printed); --resume finishes the sweep', async () => {
    const worker = await startWorker(url);
    const coordinator = await queuedSweepUnderway(url, 'interrupted', 3);
    coordinator.child.kill('SIGINT');
    expect(await coordinator.exited).toBe(130);
    expect(coordinator.stderr()).toMatch(/sweep: interrupted after \d+ of 24 runs; finished runs are saved in interrupted\/runs\.log\. Resume with:\n {2}delegsim sweep queued\.json --queue redis:\/\/127\.0\.0\.1:\d+ --out interrupted --resume/);
    const r = delegsim(['sweep', 'queued.json', '--queue', url, '--out', 'interrupted', '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(differingResultFiles(tmp, 'interrupted', 'local')).toEqual([]);
    await stopWorker(worker);
  }, 60_000);

  it('a run that fails on a worker is reported with its seed (exit 1) and --resume retries it', async () => {
    const faulty = await startWorker(url, { DELEGSIM_FAULT_SEED: '7' });
    const r = delegsim(['sweep', 'queued.json', '--queue', url, '--out', 'faulty']);
    expect(r.code).toBe(1);
    // Seed 7 is replication 3: 2 points × 2 policies = 4 runs fail.
    expect(r.stderr.match(/run \d+ failed \(policy \w+, seed 7\): injected fault/g)).toHaveLength(4);
    expect(JSON.parse(read('faulty', 'manifest.json').toString()).complete).toBe(false);
    await stopWorker(faulty);
    const healthy = await startWorker(url);
    const resumed = delegsim(['sweep', 'queued.json', '--queue', url, '--out', 'faulty', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${RUNS} runs \\(${RUNS - 4} resumed\\)`));
    expect(differingResultFiles(tmp, 'faulty', 'local')).toEqual([]);
    await stopWorker(healthy);
  }, 90_000);

  it('a worker refuses a job queued by another delegsim version (its outputs could differ)', async () => {
    const worker = await startWorker(url);
    const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
    const queue = new Queue('delegsim-runs', { connection });
    const events = new QueueEvents('delegsim-runs', { connection });
    await events.waitUntilReady();
    const failed = new Promise<string>((resolve) => events.on('failed', ({ jobId, failedReason }) => jobId === 'other-version-0' && resolve(failedReason)));
    const spec = { index: 0, scenario: 'mmc', overrides: ['horizon.goals=200', 'horizon.warmupGoals=10'], policy: 'fifo', seed: 1 };
    await queue.add('run', { plan: 'other', delegsim: '0.0.0-other', spec, scenario: null }, { jobId: 'other-version-0' });
    expect(await failed).toMatch(/^this worker runs delegsim \S+, the sweep was started with delegsim 0\.0\.0-other: its outputs could differ$/);
    await queue.remove('other-version-0');
    await events.close();
    await queue.close();
    await stopWorker(worker);
  }, 60_000);

  it('Redis dying mid-sweep stops the coordinator with one line (exit 1); workers reconnect when it is back, and --resume finishes the sweep', async () => {
    const worker = await startWorker(url);
    const coordinator = await queuedSweepUnderway(url, 'redis-died', 3);
    shutdownRedis(port);
    expect(await coordinator.exited).toBe(1);
    const stderr = coordinator.stderr();
    const last = stderr.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^--queue redis:\/\/127\.0\.0\.1:\d+: lost the connection to Redis \(.+\); the runs finished so far are kept: run the same command with --resume once Redis is back$/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    await startRedis(port); // empty: every unlogged run is queued again
    const r = delegsim(['sweep', 'queued.json', '--queue', url, '--out', 'redis-died', '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(differingResultFiles(tmp, 'redis-died', 'local')).toEqual([]);
    expect(worker.exitCode).toBeNull(); // the same worker served the resumed sweep
    // …and a new sweep, whose scenario text it must fetch from the restarted Redis.
    const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios/validation/mmc.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(tmp, 'mmc-copy.json'), JSON.stringify({ ...scenario, $schema: undefined, description: 'a copy, other text' }));
    writeFileSync(join(tmp, 'after-restart.json'), JSON.stringify({ ...mmcSweep('after-restart', { goals: 300, warmupGoals: 10, replications: 1, seed: 1 }), scenario: 'mmc-copy.json' }));
    const fresh = delegsim(['sweep', 'after-restart.json', '--queue', url, '--out', 'after-restart']);
    expect(fresh.code, fresh.stderr).toBe(0);
    await stopWorker(worker);
  }, 90_000);

  it('a coordinator that lost Redis closes at once, though its clients wait between reconnect attempts', async () => {
    // BullMQ's own close() waits for an 'end' that such a client never emits: the coordinator hung instead of exiting 1.
    const own = await ownRedis();
    const pool = await QueuePool.open({ url: own.url, plan: 'lost', scenario: null, version: 'test' });
    const running = pool.run([{ index: 0, scenario: 'mmc', overrides: [], policy: 'fifo', seed: 1 }], { onResult() {}, onFailure() {} });
    const queued = () => spawnSync('redis-cli', ['-p', String(own.port), 'exists', 'bull:delegsim-runs:lost-0'], { encoding: 'utf8' }).stdout.trim() === '1';
    while (!queued()) await new Promise((r) => setTimeout(r, 10)); // no worker listens: the job stays queued
    shutdownRedis(own.port);
    await expect(running).rejects.toThrow(QueueLostError);
    await new Promise((r) => setTimeout(r, 300)); // the clients are now parked until their next attempt
    expect(await within(pool.close().then(() => 'closed'), 5000, 'still waiting after 5 s')).toBe('closed');
  }, 30_000);

  it('a coordinator whose Redis dies after the sweep finished still closes at once', async () => {
    const own = await ownRedis();
    const pool = await QueuePool.open({ url: own.url, plan: 'finished', scenario: null, version: 'test' });
    await pool.run([], { onResult() {}, onFailure() {} });
    shutdownRedis(own.port);
    await new Promise((r) => setTimeout(r, 300)); // the clients are now parked until their next attempt
    expect(await within(pool.close().then(() => 'closed'), 8000, 'still waiting after 8 s')).toBe('closed');
  }, 30_000);

  it('a worker stopped while Redis is down exits at once (0) instead of waiting for Redis', async () => {
    const own = await ownRedis();
    const worker = await startWorker(own.url);
    shutdownRedis(own.port);
    await new Promise((r) => setTimeout(r, 1500)); // past its first failed reconnect
    expect(await within(stopWorker(worker), 10_000, 'still running after 10 s')).toBe(0);
  }, 30_000);

  it('an unreachable Redis or a malformed --queue: exit 2, one line, nothing written', async () => {
    const closed = await freePort();
    const cases: [string[], RegExp][] = [
      [['sweep', 'queued.json', '--queue', `redis://127.0.0.1:${closed}`, '--out', 'nowhere'], /^--queue redis:\/\/127\.0\.0\.1:\d+: cannot reach Redis \(.*ECONNREFUSED.*\)$/],
      [['sweep', 'queued.json', '--queue', 'http://127.0.0.1:1', '--out', 'nowhere'], /^--queue: must be a URL redis:\/\/HOST:PORT, got 'http:\/\/127\.0\.0\.1:1'$/],
      [['sweep', 'queued.json', '--queue', url, '--workers', '2', '--out', 'nowhere'], /^--workers: not used with --queue/],
      [['worker', '--queue', `redis://127.0.0.1:${closed}`], /^--queue redis:\/\/127\.0\.0\.1:\d+: cannot reach Redis/],
    ];
    for (const [args, expected] of cases) {
      const r = delegsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(expected);
    }
    expect(existsSync(join(tmp, 'nowhere'))).toBe(false);
  }, 60_000);
});
