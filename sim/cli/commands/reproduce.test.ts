// `delegsim reproduce` through the compiled CLI: a clean results directory
// reproduces; an edited stored metric or a manifest whose hash no longer
// matches a re-run is flagged with its run, policy and seed.

import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, runCli } from '../cliTestKit.js';
import { logLine, parseLogLine } from '../../runner/runLog.js';

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-reproduce-'));

const delegsim = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(tmp, args, env);

describe('delegsim reproduce', () => {
  beforeAll(() => {
    const r = delegsim([
      'compare', 'mmc', '--set', 'horizon.goals=800', '--set', 'horizon.warmupGoals=40',
      '--policies', 'fifo,random', '--replications', '3', '--seed', '5', '--workers', '1', '--out', 'clean',
    ]);
    expect(r.code).toBe(0);
  });

  it('reproduce re-runs every run of a clean results directory and finds them identical', () => {
    const r = delegsim(['reproduce', 'clean/manifest.json', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/re-ran 6 of 6 runs, 6 matched their output hash/);
    expect(r.stdout).toMatch(/^ok: every file and every re-run run matches the manifest$/m);
  });

  it('reproduce stopped by SIGTERM says so, reports what it checked and exits 143', async () => {
    // The re-run of seed 5 hangs (test hook), so the signal always finds reproduce mid-way.
    const child = spawn(process.execPath, [CLI, 'reproduce', 'clean', '--workers', '1'], {
      cwd: tmp,
      env: { ...process.env, DELEGSIM_FAULT_SEED: '5', DELEGSIM_FAULT_MODE: 'hang' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toContain('reproduce: stopping after SIGTERM (send a second signal to quit at once)…');
    expect(stdout).toMatch(/^interrupted: not every chosen run was re-run$/m);
  });

  it('reproduce flags a run whose stored metric was edited, naming run, policy, seed and metric', () => {
    cpSync(join(tmp, 'clean'), join(tmp, 'edited'), { recursive: true });
    const csv = readFileSync(join(tmp, 'edited', 'runs.csv'), 'utf8').split('\n');
    const header = csv[0]!.split(',');
    const col = header.indexOf('meanWait');
    const row = csv[4]!.split(','); // run 3: random, seed 6
    const original = row[col]!;
    row[col] = String(Number(original) * 0.9);
    csv[4] = row.join(',');
    writeFileSync(join(tmp, 'edited', 'runs.csv'), csv.join('\n'));
    for (const args of [[], ['--sample', '1']]) {
      const r = delegsim(['reproduce', 'edited', '--workers', '1', ...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^DIFFERS runs\.csv: contents differ from the manifest's SHA-256/m);
      expect(r.stdout).toContain(`DIFFERS run 3 (policy random, seed 6): runs.csv row was edited (the re-run matches the manifest): meanWait stored ${row[col]}, re-run ${original}`);
      expect(r.stdout.match(/^DIFFERS run /gm)).toHaveLength(1);
    }
  });

  it('reproduce flags a run whose re-run output differs from the manifest', () => {
    cpSync(join(tmp, 'clean'), join(tmp, 'drift'), { recursive: true });
    const path = join(tmp, 'drift', 'manifest.json');
    const manifest = readFileSync(path, 'utf8');
    const hash = /"index":2,.*"hash":"([0-9a-f]+)"/.exec(manifest)![1]!;
    writeFileSync(path, manifest.replace(hash, '0123456789abcdef'));
    const r = delegsim(['reproduce', 'drift/manifest.json', '--workers', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DIFFERS run 2 \(policy fifo, seed 6\): re-run output differs from the manifest \(hash [0-9a-f]{16}, manifest 0123456789abcdef\)$/m);
  });

  it('reproduce rejects a file that is not a manifest with exit 2 and one line', () => {
    writeFileSync(join(tmp, 'not.json'), '{"hello": 1}');
    const r = delegsim(['reproduce', 'not.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^not\.json: not a delegsim manifest/);
  });

  it('reproduce names the row and column of an edited parameter or replication cell', () => {
    cpSync(join(tmp, 'clean'), join(tmp, 'params'), { recursive: true });
    const csv = readFileSync(join(tmp, 'params', 'runs.csv'), 'utf8').split('\n');
    const header = csv[0]!.split(',');
    const edit = (line: number, column: string, value: string) => {
      const row = csv[line]!.split(',');
      row[header.indexOf(column)] = value;
      csv[line] = row.join(',');
    };
    edit(2, 'horizon.goals', '900'); // run 1: random, seed 5
    edit(3, 'replication', '0'); // run 2: fifo, seed 6, replication 1
    writeFileSync(join(tmp, 'params', 'runs.csv'), csv.join('\n'));
    const r = delegsim(['reproduce', 'params', '--workers', '1', '--sample', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DIFFERS run 1 (policy random, seed 5): runs.csv row was edited: horizon.goals stored 900, plan 800\n');
    expect(r.stdout).toContain('DIFFERS run 2 (policy fifo, seed 6): runs.csv row was edited: replication stored 0, plan 1\n');
  });

  it('reproduce checks runs.log, which merge and --resume read: a damaged line or a record that disagrees with the manifest is reported', () => {
    cpSync(join(tmp, 'clean'), join(tmp, 'badlog'), { recursive: true });
    const path = join(tmp, 'badlog', 'runs.log');
    const lines = readFileSync(path, 'utf8').split('\n');
    const runs = lines.flatMap((l, i) => (l.startsWith('{"k":"run"') ? [i] : []));
    lines[runs[0]!] = lines[runs[0]!]!.replace(/"v":\[/, '"v":[1'); // one value edited: its checksum fails
    const entry = parseLogLine(lines[runs[1]!]!)!; // another edited with its checksum recomputed
    entry.v = (entry.v as number[]).map((v, k) => (k === 0 ? v + 1 : v));
    lines[runs[1]!] = logLine(entry).trimEnd();
    writeFileSync(path, lines.join('\n'));
    const r = delegsim(['reproduce', 'badlog', '--workers', '1', '--sample', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DIFFERS runs.log: 1 torn or damaged line(s)');
    expect(r.stdout).toMatch(/^DIFFERS run 0 \(policy fifo, seed 5\): missing from runs\.log/m);
    expect(r.stdout).toMatch(/^DIFFERS run 1 \(policy random, seed 5\): runs\.log record differs from the manifest \(its values hash to [0-9a-f]{16}, manifest [0-9a-f]{16}\)$/m);
    expect(r.stdout).not.toMatch(/^ok/m);
  });

  it('reproduce says incomplete results are incomplete, naming the failed runs (exit 1)', () => {
    const r0 = delegsim(
      ['compare', 'mmc', '--set', 'horizon.goals=800', '--set', 'horizon.warmupGoals=40', '--policies', 'fifo,random', '--replications', '2', '--seed', '5', '--workers', '1', '--out', 'failed'],
      { DELEGSIM_FAULT_SEED: '6' },
    );
    expect(r0.code).toBe(1);
    const r = delegsim(['reproduce', 'failed', '--workers', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INCOMPLETE 2 of 4 planned runs are in the results (2 failed)');
    expect(r.stdout).toContain('INCOMPLETE run 2 (policy fifo, seed 6): failed: injected fault (DELEGSIM_FAULT_SEED=6)');
    expect(r.stdout).toContain('INCOMPLETE run 3 (policy random, seed 6): failed: injected fault');
    expect(r.stdout).toMatch(/^incomplete: the stored runs match the manifest, but the results are not the whole experiment/m);
    expect(r.stdout).not.toMatch(/^(ok|DIFFERS)/m);
  });
});
