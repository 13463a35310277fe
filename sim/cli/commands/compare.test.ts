// `delegsim compare` as a user runs it: the compiled CLI in a child process.

import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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

  /** Starts the comparison into `dir` and resolves once `runs` runs are logged. */
  const startUntilLogged = async (dir: string, runs: number) => {
    const child = spawn(process.execPath, [cli, ...plan, '--workers', '1', '--out', dir], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    while (runLines(dir) < runs) await new Promise((r) => setTimeout(r, 10));
    return { child, exited, stderr: () => stderr };
  };

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('compare stops cleanly on %s like on Ctrl-C, exits %i, and the resumed results are identical', async (signal, code) => {
    const dir = signal.toLowerCase();
    const run = await startUntilLogged(dir, 2);
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.stderr()).toContain(`compare: stopping after ${signal}`);
    expect(run.stderr()).toMatch(new RegExp(`interrupted after \\d+ of 12 runs; finished runs are saved in ${dir}/runs\\.log. Resume with:\n {2}delegsim compare mmc .*--out ${dir} --resume`));
    expect(JSON.parse(read(dir, 'manifest.json').toString()).complete).toBe(false);
    expect(existsSync(join(tmp, dir, 'runs.lock'))).toBe(false);
    const resumed = delegsim([...plan, '--workers', '1', '--out', dir, '--resume']);
    expect(resumed.code).toBe(0);
    expect(differingResultFiles(tmp, dir, 'w1')).toEqual([]);
  });

  it('a second signal quits at once with the resume command on one line, and leaves no lock in the way', async () => {
    const run = await startUntilLogged('twice', 1);
    run.child.kill('SIGTERM');
    while (!run.stderr().includes('stopping after SIGTERM')) await new Promise((r) => setTimeout(r, 2));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toMatch(/^compare: quit at once; finished runs are saved in twice\/runs\.log\. Resume with: delegsim compare mmc .*--out twice --resume$/m);
    expect(existsSync(join(tmp, 'twice', 'runs.lock'))).toBe(false);
    const resumed = delegsim([...plan, '--workers', '1', '--out', 'twice', '--resume']);
    expect(resumed.code).toBe(0);
    expect(differingResultFiles(tmp, 'twice', 'w1')).toEqual([]);
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
    [
      'more runs than results files can hold',
      ['--policies', 'fifo,random,cheapest,fastest,round-robin,static-skill', '--replications', '100000'],
      /^runs: an experiment may have at most 500000 runs, got 600000 \(1 point × 6 policies × 100000 replications\)$/,
    ],
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

  // Directories --resume must refuse, untouched: it would overwrite what they hold.
  const notResults: [label: string, make: (dir: string) => void, expected: string][] = [
    ['a directory that does not exist', () => {}, 'it does not exist; drop --resume to start'],
    ['an empty directory', (dir) => mkdirSync(dir), 'it is empty; drop --resume to start'],
    ['a directory of other files', (dir) => (mkdirSync(dir), writeFileSync(join(dir, 'keep.txt'), 'x\n')), 'it holds no runs.log'],
    ['a garbage runs.log', (dir) => (mkdirSync(dir), writeFileSync(join(dir, 'runs.log'), 'not a log\n')), 'its runs.log is not a delegsim run log'],
    ['a runs.log without a line', (dir) => (mkdirSync(dir), writeFileSync(join(dir, 'runs.log'), '')), 'its runs.log is not a delegsim run log'],
    ['a garbage manifest.json', (dir) => (mkdirSync(dir), writeFileSync(join(dir, 'manifest.json'), '{"format":"other"}')), 'its manifest.json is not a delegsim manifest'],
  ];

  it.concurrent.each(notResults)('compare --resume refuses %s with exit 2 and touches nothing', async (label, make, why) => {
    const dir = `notres-${label.replace(/\W+/g, '-')}`;
    make(join(tmp, dir));
    const snapshot = () => (existsSync(join(tmp, dir)) ? readdirSync(join(tmp, dir)).map((f) => [f, read(dir, f).toString()]) : undefined);
    const before = snapshot();
    const r = await delegsimAsync([...plan, '--replications', '1', '--workers', '1', '--out', dir, '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`--resume: ${dir} is not a delegsim results directory (${why})\n`);
    expect(snapshot()).toEqual(before);
  });

  it.concurrent.each([
    ['below a file', 'afile/sub', '--out afile/sub: afile is not a directory'],
    ['an empty path', '', '--out: must be a directory path, not an empty string'],
    ['under /sys', '/sys/nope', /^--out \/sys\/nope: (cannot create the directory \(operation not permitted\)|cannot write in \/sys \(.*\))$/],
    // As root the access check passes /proc, and Node 20's recursive mkdirSync then never returned there.
    ['under /proc', '/proc/nope/sub', /^--out \/proc\/nope\/sub: (cannot create the directory \(no such file or directory\)|cannot write in \/proc.*)$/],
  ] as const)('compare --out %s is exit 2 naming --out, creating nothing', async (_label, out, expected) => {
    writeFileSync(join(tmp, 'afile'), 'hi\n');
    const r = await delegsimAsync([...plan, '--replications', '1', '--workers', '1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(expected);
    expect(existsSync(join(tmp, 'afile', 'sub'))).toBe(false);
    expect(existsSync('/sys/nope')).toBe(false);
  });

  it.each([
    ['below a file', 'afile/x', '--out afile/x: afile is not a directory'],
    ['an empty path', '', '--out: must be a directory path, not an empty string'],
  ])('merge --out %s is exit 2 naming --out in the words compare uses', (_label, out, expected) => {
    writeFileSync(join(tmp, 'afile'), 'hi\n');
    const before = readdirSync(tmp).sort();
    const r = delegsim(['merge', 'w1', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${expected}\n`);
    // Nothing written: the same entries, and the file in the way untouched.
    expect(readdirSync(tmp).sort()).toEqual(before);
    expect(readFileSync(join(tmp, 'afile'), 'utf8')).toBe('hi\n');
  });

  it('compare --resume refuses a results directory of another experiment', () => {
    const r = delegsim([...plan, '--replications', '5', '--out', 'w1', '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--resume: w1\/runs\.log belongs to a different experiment/);
  });
});
