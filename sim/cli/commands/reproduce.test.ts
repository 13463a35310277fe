// `delegsim reproduce` through the compiled CLI: a clean results directory
// reproduces; an edited stored metric or a manifest whose hash no longer
// matches a re-run is flagged with its run, policy and seed.

import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cliTestKit.js';

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-reproduce-'));

const delegsim = (args: string[]) => runCli(tmp, args);

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
});
