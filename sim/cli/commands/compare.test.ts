// `delegsim compare` as a user runs it: the compiled CLI in a child process.

import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI as cli, differingResultFiles, runCli, runCliAsync } from '../cliTestKit.js';

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-compare-'));

const delegsim = (args: string[], env: Record<string, string> = {}) => runCli(tmp, args, env);
/** The CLI, asynchronously: bad-input cases run side by side. */
const delegsimAsync = (args: string[]) => runCliAsync(tmp, args);

// A rich comparison: the enterprise scenario cut to 200 goals, three policies
// that behave differently (so runs finish in varying order), 2 replications.
const enterprise = ['compare', 'enterprise', '--set', 'horizon.goals=200', '--set', 'horizon.warmupGoals=20'];
const rich = [...enterprise, '--policies', 'random,static-skill,fifo', '--replications', '2', '--seed', '11'];
// A cheap one for the crash and interrupt paths: M/M/c cut to 400 goals, 12 runs.
const small = ['--set', 'horizon.goals=400', '--set', 'horizon.warmupGoals=20'];
const plan = ['compare', 'mmc', ...small, '--policies', 'fifo,random,round-robin', '--replications', '4', '--seed', '11'];
const read = (dir: string, name: string) => readFileSync(join(tmp, dir, name));
const runLines = (dir: string) => {
  try {
    return readFileSync(join(tmp, dir, 'runs.log'), 'utf8').split('\n').filter((l) => l.startsWith('{"k":"run"')).length;
  } catch {
    return 0;
  }
};

describe('delegsim compare', () => {
  let one: ReturnType<typeof delegsim>;
  let reference: ReturnType<typeof delegsim>;
  beforeAll(() => {
    one = delegsim([...rich, '--workers', '1', '--out', 'e1']);
    reference = delegsim([...plan, '--workers', '2', '--out', 'w1']);
  });

  it('compare --workers 1 and --workers 2 write byte-identical results', () => {
    expect(one.code).toBe(0);
    const two = delegsim([...rich, '--workers', '2', '--out', 'e2']);
    expect(two.code).toBe(0);
    expect(differingResultFiles(tmp, 'e2', 'e1')).toEqual([]);
    expect(two.stdout.replace(/[\d.]+ s on \d workers?/, '')).toBe(one.stdout.replace(/[\d.]+ s on \d workers?/, ''));
  });

  it('compare writes one row per run with common random numbers and without wall time', () => {
    expect(reference.code).toBe(0);
    const lines = read('w1', 'runs.csv').toString().trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 12);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['index', 'scenario', 'horizon.goals', 'horizon.warmupGoals']);
    expect(header).toEqual(expect.arrayContaining(['policy', 'replication', 'seed', 'stopCause', 'accuracy', 'costPerGoal']));
    expect(header).not.toContain('wallSeconds');
    const col = (name: string) => lines.slice(1).map((l) => l.split(',')[header.indexOf(name)]);
    expect(col('index')).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(col('policy').slice(0, 3)).toEqual(['fifo', 'random', 'round-robin']);
    expect(col('seed')).toEqual(['11', '11', '11', '12', '12', '12', '13', '13', '13', '14', '14', '14']);
    // Same seed, same goals: every policy saw the same arrivals.
    expect(new Set(col('goalsArrived')).size).toBe(1);
    expect(readFileSync(join(tmp, 'w1', 'timings.csv'), 'utf8').split('\n')[0]).toBe('index,policy,seed,wallSeconds');
    const manifest = JSON.parse(read('w1', 'manifest.json').toString());
    expect(manifest.complete).toBe(true);
    expect(manifest.runs).toHaveLength(12);
    expect(manifest.scenario.ref).toBe('mmc');
    expect(manifest.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compare prints means, CIs and paired differences against the first policy', () => {
    expect(one.stdout).toMatch(/2 replications \(seeds 11–12, common random numbers\)/);
    expect(one.stdout).toMatch(/^accuracy \(share\)\s+mean\s+95% CI\s+Δ vs random\s+95% CI\s+p$/m);
    expect(one.stdout).toMatch(/^p95Makespan \(min\)\s+mean\s+95% CI \(bootstrap\)/m);
    expect(one.stdout).toMatch(/^ {2}static-skill\s+\S+\s+\S+ … \S+\s+\S+\s+\S+ … \S+\s+(<0\.001|[01]\.\d{3})$/m);
    const summary = JSON.parse(read('e1', 'summary.json').toString());
    expect(summary.baseline).toBe('random');
    expect(summary.points[0].differences.map((d: { policy: string }) => d.policy)).toEqual(['static-skill', 'fifo']);
  });

  it('compare --json prints exactly one JSON object: the summary', () => {
    const r = delegsim([...plan, '--replications', '2', '--workers', '1', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).format).toBe('delegsim-summary');
  });

  it('compare reports a run that fails in its worker with its seed, completes the rest, and --resume retries it', () => {
    const failed = delegsim([...plan, '--workers', '2', '--out', 'fault'], { DELEGSIM_FAULT_SEED: '13' });
    expect(failed.code).toBe(1);
    for (const [index, policy] of [[6, 'fifo'], [7, 'random'], [8, 'round-robin']]) {
      expect(failed.stderr).toContain(`run ${index} failed (policy ${policy}, seed 13): injected fault (DELEGSIM_FAULT_SEED=13)`);
    }
    expect(failed.stderr).toMatch(/3 of 12 runs failed/);
    expect(read('fault', 'runs.csv').toString().trimEnd().split('\n')).toHaveLength(1 + 9);
    expect(JSON.parse(read('fault', 'manifest.json').toString()).complete).toBe(false);
    const resumed = delegsim([...plan, '--workers', '1', '--out', 'fault', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/12 runs \(9 resumed\)/);
    expect(differingResultFiles(tmp, 'fault', 'w1')).toEqual([]);
  });

  it('compare stops cleanly on Ctrl-C (SIGINT), says how to resume, and the resumed results are identical', async () => {
    const child = spawn(process.execPath, [cli, ...plan, '--workers', '1', '--out', 'sigint'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (runLines('sigint') < 2) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted after \d+ of 12 runs; finished runs are saved in sigint\/runs\.log/);
    expect(stderr).toMatch(/Resume with:\n {2}delegsim compare mmc .*--out sigint --resume/);
    expect(runLines('sigint')).toBeLessThan(12);
    const resumed = delegsim([...plan, '--workers', '1', '--out', 'sigint', '--resume']);
    expect(resumed.code).toBe(0);
    expect(differingResultFiles(tmp, 'sigint', 'w1')).toEqual([]);
  });
});

describe('delegsim compare on bad input', () => {
  const cases: [label: string, args: string[], expected: RegExp][] = [
    ['an unknown policy', ['--policies', 'fifo,psychic'], /^policy: unknown policy 'psychic'/],
    ['a duplicate policy', ['--policies', 'fifo,fifo'], /^policies: 'fifo' is listed twice$/],
    ['an empty policy name', ['--policies', 'fifo,'], /^--policies: /],
    ['zero replications', ['--replications', '0'], /^--replications: must be a whole number from 1 to 100000, got "0"$/],
    ['zero workers', ['--workers', '0'], /^--workers: must be a whole number from 1 to 64, got "0"$/],
    ['65 workers', ['--workers', '65'], /^--workers: must be a whole number from 1 to 64, got "65"$/],
    ['non-numeric workers', ['--workers', 'many'], /^--workers: /],
    ['a bad --set', ['--set', 'arrivals.rate=-1'], /^arrivals\.rate: /],
    ['an unknown metric', ['--metrics', 'happiness'], /^--metrics: unknown metric "happiness"/],
    ['a seed range past 2^32', ['--seed', '4294967295', '--replications', '2'], /^--seed: /],
    ['an unknown option', ['--colour'], /unknown option/],
  ];

  it.concurrent.each(cases)('compare rejects %s with exit 2 and one line, creating nothing', async (_label, extra, expected) => {
    const r = await delegsimAsync(['compare', 'mmc', ...small, '--out', 'bad', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(existsSync(join(tmp, 'bad'))).toBe(false);
  });

  it('compare --resume without --out is a usage error', () => {
    const r = delegsim(['compare', 'mmc', ...small, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('--resume: needs --out DIR (the results directory to finish)');
  });

  it('compare refuses to overwrite results without --resume or --force, and changes nothing', () => {
    const before = readdirSync(join(tmp, 'w1')).map((f) => [f, read('w1', f).toString()]);
    const r = delegsim([...plan, '--out', 'w1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('--out w1: already holds results; pass --resume to finish them or --force to replace them');
    expect(readdirSync(join(tmp, 'w1')).map((f) => [f, read('w1', f).toString()])).toEqual(before);
  });

  it('compare --resume refuses a results directory of another experiment', () => {
    const r = delegsim([...plan, '--replications', '5', '--out', 'w1', '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--resume: w1\/runs\.log belongs to a different experiment/);
  });
});
