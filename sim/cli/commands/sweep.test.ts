// `delegsim sweep`: crash safety with real child processes and real SIGKILLs,
// and sweep-file validation, through the compiled CLI.

import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStream } from '../../engine/random.js';
import { CLI as cli, differingResultFiles, killCliWhen, mmcSweep, runCli, runLogRecords } from '../cliTestKit.js';

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-sweep-'));
const delegsim = (args: string[]) => runCli(tmp, args);

const write = (name: string, content: unknown): string => {
  writeFileSync(join(tmp, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
};

// 2 points × 2 policies × 5 replications = 20 runs of a small M/M/c.
const sweep = mmcSweep('crash', { goals: 500, warmupGoals: 20, replications: 5, seed: 3 });
const RUNS = 20;
const read = (dir: string, name: string) => readFileSync(join(tmp, dir, name));
const runRecords = (dir: string): string[] => runLogRecords(join(tmp, dir));

/** Starts a sweep and SIGKILLs it once `when` says so (or it ends by itself). */
const killWhen = (args: string[], when: (elapsedMs: number) => boolean, env?: NodeJS.ProcessEnv) => killCliWhen(tmp, args, when, env);

describe('delegsim sweep', () => {
  let reference: ReturnType<typeof delegsim>;
  beforeAll(() => {
    write('crash.json', sweep);
    reference = delegsim(['sweep', 'crash.json', '--workers', '2', '--out', 'ref']);
  });

  it('sweep runs the grid and prints a table labelled by the varying parameter', () => {
    expect(reference.code).toBe(0);
    expect(reference.stdout).toMatch(/^crash: 2 points · mmc · 2 policies × 5 replications/);
    expect(reference.stdout).toMatch(/^arrivals\.rate=8\s+fifo\s/m);
    expect(reference.stdout).not.toMatch(/horizon\.goals=500 arrivals/);
    expect(read('ref', 'runs.csv').toString().trimEnd().split('\n')).toHaveLength(1 + RUNS);
  });

  it("sweep prints the metrics its file names, unless --metrics says otherwise", () => {
    write('shown.json', { ...mmcSweep('shown', { goals: 200, warmupGoals: 0, replications: 1, seed: 1 }), metrics: ['meanWait', 'utilization'] });
    const header = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('point')) ?? '';
    const own = delegsim(['sweep', 'shown.json', '--workers', '1', '--out', 'shown']);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^shown: 2 points · mmc · 2 policies × 1 replication \(seed 1, common random numbers\) · 4 runs, /);
    expect(header(own.stdout).split(/\s+/)).toEqual(['point', 'policy', 'meanWait', 'utilization']);
    const overridden = delegsim(['sweep', 'shown.json', '--workers', '1', '--out', 'shown', '--force', '--metrics', 'accuracy']);
    expect(header(overridden.stdout).split(/\s+/)).toEqual(['point', 'policy', 'accuracy']);
  });

  it('sweep killed with SIGKILL at random points and resumed gives the same results as an uninterrupted sweep', async () => {
    const seed = Date.now() % 100_000;
    const rng = createStream(seed, 'kill-points');
    const at = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
    const where = `kill points from seed ${seed}`;
    // First attempts use 2 workers (concurrent appends); resumes use 1 (cheaper to start).
    const args = (dir: string, ...more: string[]) =>
      ['sweep', 'crash.json', '--workers', more.includes('--resume') ? '1' : '2', '--out', dir, ...more];

    // A: killed after k1 runs, resumed and killed again after k2, then a torn
    // half-written record is appended (as a power cut mid-write leaves), then resumed to the end.
    const k1 = at(1, 6);
    const k2 = at(k1 + 2, 14);
    await killWhen(args('a'), () => runRecords('a').length >= k1);
    const afterFirst = runRecords('a').length;
    expect(afterFirst, where).toBeGreaterThanOrEqual(k1);
    await killWhen(args('a', '--resume'), () => runRecords('a').length >= k2);
    const records = runRecords('a');
    expect(records.length, where).toBeLessThan(RUNS);
    const last = records[records.length - 1]!;
    appendFileSync(join(tmp, 'a', 'runs.log'), last.slice(0, Math.floor(last.length / 2)).replace(/"i":\d+/, '"i":19'));
    const resumed = delegsim(args('a', '--resume'));
    expect(resumed.code, where + resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/dropped [1-9]\d* torn or damaged line/);
    expect(resumed.stderr).toMatch(new RegExp(`${RUNS} runs \\(${records.length} resumed\\)`));
    expect(differingResultFiles(tmp, 'a', 'ref'), where).toEqual([]);
    // No run twice, none lost.
    const indices = runRecords('a').map((l) => Number(/"i":(\d+)/.exec(l)![1]));
    expect(new Set(indices).size).toBe(RUNS);
    expect(indices).toHaveLength(RUNS);

    // B: killed at a random moment of start-up, once it holds its directory
    // (the lock is the first thing it writes there): with the lock alone, the
    // log's temporary file, a header-only log or the first runs, it resumes.
    // The runs of the last replication (seed 7) hang (the fault hook), so the
    // kill always comes before the sweep could finish.
    const delay = at(0, 500);
    let lockedAt: number | undefined;
    const afterLock = (ms: number): boolean => {
      lockedAt ??= existsSync(join(tmp, 'b', 'runs.lock')) ? ms : undefined;
      return lockedAt !== undefined && ms >= lockedAt + delay;
    };
    await killWhen(args('b'), afterLock, { DELEGSIM_FAULT_SEED: '7', DELEGSIM_FAULT_MODE: 'hang' });
    expect(lockedAt, 'the sweep ended without taking its lock').toBeDefined();
    expect(existsSync(join(tmp, 'b', 'manifest.json')), `killed ${delay} ms after its lock`).toBe(false);
    const b = delegsim(args('b', '--resume'));
    expect(b.code, `killed ${delay} ms after its lock; ${b.stderr}`).toBe(0);
    expect(differingResultFiles(tmp, 'b', 'ref'), `killed ${delay} ms after its lock`).toEqual([]);
    // Killed before that, just after it made the directory, it leaves an empty
    // one (before it, nothing: the --resume test below): there is nothing to
    // resume, --resume says so (exit 2) and the sweep starts afresh there.
    mkdirSync(join(tmp, 'b1'));
    const refused = delegsim(args('b1', '--resume'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('--resume: b1 is not a delegsim results directory (it is empty; drop --resume to start)\n');
    expect(delegsim(args('b1')).code).toBe(0);
    expect(differingResultFiles(tmp, 'b1', 'ref')).toEqual([]);

    // C: killed once every run is logged, while the result files are being written.
    await killWhen(args('c'), () => runRecords('c').length >= RUNS);
    const c = delegsim(args('c', '--resume'));
    expect(c.code).toBe(0);
    expect(differingResultFiles(tmp, 'c', 'ref')).toEqual([]);
  });
});

describe('delegsim sweep on bad input', () => {
  const cases: [label: string, content: unknown, expected: RegExp][] = [
    ['an unknown key', { ...sweep, replicates: 2 }, /^bad\.json: replicates: unknown key/],
    ['zero replications', { ...sweep, replications: 0 }, /^bad\.json: replications: must be at least 1, got 0$/],
    ['an unknown policy', { ...sweep, policies: ['fifo', 'psychic'] }, /^policy: unknown policy 'psychic'/],
    ['a grid value the scenario rejects', { ...sweep, grid: { 'arrivals.rate': [8, -1] } }, /^arrivals\.rate: /],
    ['an unknown scenario', { ...sweep, scenario: 'nope' }, /no file or built-in scenario named 'nope'/],
    ['invalid JSON', '{"name": "x", ', /^bad\.json: invalid JSON/],
    [
      'more points × policies than summary.json can hold',
      { ...sweep, grid: { 'arrivals.rate': Array.from({ length: 200 }, (_, i) => 5 + i / 100), 'population.0.count': Array.from({ length: 76 }, (_, i) => 10 + i) }, replications: 1 },
      /^points: an experiment may have at most 30000 points × policies, got 30400 \(15200 points × 2 policies\)$/,
    ],
    ['more runs than results files can hold', { ...sweep, grid: { 'arrivals.rate': [6, 7, 8, 9, 10, 11] }, replications: 50000 }, /^bad\.json: sweep: must declare at most 500000 runs, got 600000 \(6 points × 2 policies × 50000 replications\)$/],
  ];

  it.concurrent.each(cases)('sweep rejects a file with %s: exit 2, one line, nothing written', async (_label, content, expected) => {
    const cwd = mkdtempSync(join(tmp, 'bad-'));
    writeFileSync(join(cwd, 'bad.json'), typeof content === 'string' ? content : JSON.stringify(content));
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [cli, 'sweep', 'bad.json'], { cwd, encoding: 'utf8' }, (_e, stdout, stderr) =>
        resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(existsSync(join(cwd, 'results'))).toBe(false);
  });

  it('sweep --resume refuses a directory that does not exist, and --out below a file, with exit 2, creating nothing', () => {
    write('ok.json', sweep);
    const brandnew = delegsim(['sweep', 'ok.json', '--workers', '1', '--out', 'brandnew', '--resume']);
    expect(brandnew.code).toBe(2);
    expect(brandnew.stderr).toBe('--resume: brandnew is not a delegsim results directory (it does not exist; drop --resume to start)\n');
    expect(existsSync(join(tmp, 'brandnew'))).toBe(false);
    write('afile', 'hi\n');
    const below = delegsim(['sweep', 'ok.json', '--workers', '1', '--out', 'afile/x']);
    expect(below.code).toBe(2);
    expect(below.stderr).toBe('--out afile/x: afile is not a directory\n');
  });

  it('sweep names a missing sweep file', () => {
    const r = delegsim(['sweep', 'no-such-sweep.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sweep: no file or built-in sweep named 'no-such-sweep\.json'/);
  });
});
