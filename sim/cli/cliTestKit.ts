// Shared by the tests that drive the compiled CLI (dist/cli/main.js) as real
// child processes, as users and CI run it: spawning it, reading a results
// directory's runs.log as it grows, and the small M/M/c sweep files the
// experiment tests use. Test support only: excluded from the build.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../scenario/load.js';

export const CLI = join(findPackageRoot(), 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `delegsim ...args` in `cwd` to its end. */
export function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const out = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** Runs `delegsim ...args` in `cwd` without blocking the test process, so several can run side by side. */
export function runCliAsync(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `delegsim` running in the background. */
export interface BackgroundCli {
  child: ChildProcess;
  /** Its exit code (null if a signal ended it). */
  exited: Promise<number | null>;
  /** Its stderr so far. */
  stderr(): string;
}

/** Starts `delegsim ...args` in `cwd` without waiting for it. */
export function startCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): BackgroundCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, stderr: () => stderr };
}

/** The run records in `dir`/runs.log, in file order (none while it does not exist). */
export function runLogRecords(dir: string): string[] {
  try {
    return readFileSync(join(dir, 'runs.log'), 'utf8').split('\n').filter((l) => l.startsWith('{"k":"run"'));
  } catch {
    return [];
  }
}

/** The result files that are deterministic (runs.log and timings.csv also hold wall-clock times). */
export const DETERMINISTIC_RESULT_FILES = ['runs.csv', 'runs.arrow', 'summary.json', 'manifest.json'] as const;

/** The deterministic result files whose bytes differ between results directories `dir` and `reference` (both under `cwd`). */
export function differingResultFiles(cwd: string, dir: string, reference: string): string[] {
  return DETERMINISTIC_RESULT_FILES.filter((name) => !readFileSync(join(cwd, dir, name)).equals(readFileSync(join(cwd, reference, name))));
}

/** A sweep file of the M/M/c validation scenario: arrival rates 8 and 9 × fifo and random (4 runs per replication). */
export function mmcSweep(name: string, o: { goals: number; warmupGoals: number; replications: number; seed: number }) {
  return {
    name,
    scenario: 'mmc',
    set: [`horizon.goals=${o.goals}`, `horizon.warmupGoals=${o.warmupGoals}`],
    grid: { 'arrivals.rate': [8, 9] },
    policies: ['fifo', 'random'],
    replications: o.replications,
    seed: o.seed,
  };
}

/** Starts `delegsim ...args` in `cwd` and SIGKILLs it once `when(elapsed ms)` holds, unless it ends first; resolves with its exit code. */
export async function killCliWhen(
  cwd: string,
  args: string[],
  when: (elapsedMs: number) => boolean,
  env: NodeJS.ProcessEnv = {},
): Promise<number | null> {
  const { child, exited } = startCli(cwd, args, env);
  let done = false;
  void exited.then(() => (done = true));
  const t0 = performance.now();
  while (!done && !when(performance.now() - t0)) await new Promise((r) => setTimeout(r, 3));
  child.kill('SIGKILL');
  return exited;
}
