// `delegsim sweep --shard i/N` and `delegsim merge`, through the compiled
// CLI: shards run separately (as on several machines) and merged give the
// results of the unsharded sweep byte for byte; bad merges stop with exit 2
// and write nothing.

import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logLine, parseLogLine } from '../../runner/runLog.js';
import { formatMetric, runHash } from '../../runner/runRecord.js';
import { specAt, type ExperimentPlan } from '../../runner/plan.js';
import { differingResultFiles, mmcSweep, runCli, runLogRecords } from '../cliTestKit.js';
import { findPackageRoot } from '../../scenario/load.js';

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-merge-'));
const delegsim = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(tmp, args, env);

// 2 points × 2 policies × 5 replications = 20 runs of a small M/M/c.
const sweep = mmcSweep('split', { goals: 400, warmupGoals: 20, replications: 5, seed: 11 });
const RUNS = 20;
const read = (dir: string, name: string) => readFileSync(join(tmp, dir, name));
const manifest = (dir: string) => JSON.parse(read(dir, 'manifest.json').toString()) as Record<string, unknown>;
const runLines = (dir: string) => runLogRecords(join(tmp, dir));
const shardDir = (i: number, n: number) => join('results', `split.shard-${i}-of-${n}`);

describe('delegsim sweep --shard and delegsim merge', () => {
  beforeAll(() => {
    writeFileSync(join(tmp, 'split.json'), JSON.stringify(sweep));
    writeFileSync(join(tmp, 'other.json'), JSON.stringify({ ...sweep, seed: 12 }));
    expect(delegsim(['sweep', 'split.json', '--workers', '2', '--out', 'full']).code).toBe(0);
    // Three shards with different worker counts, as different machines would run them.
    for (const [i, workers] of [[1, '1'], [2, '2'], [3, '1']] as const) {
      const r = delegsim(['sweep', 'split.json', '--shard', `${i}/3`, '--workers', workers]);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('shard i/N runs the replications r with r mod N = i − 1, every point and policy of them, and says so in its manifest', () => {
    // Replications 0..4 over 3 shards: {0, 3}, {1, 4}, {2}; 4 runs (2 points × 2 policies) each.
    const expectedSeeds = [[11, 14], [12, 15], [13]];
    for (let i = 1; i <= 3; i++) {
      const m = manifest(shardDir(i, 3));
      expect(m.shard).toBe(`${i}/3`);
      expect(m.complete).toBe(true);
      expect(m.runsPlanned).toBe(expectedSeeds[i - 1]!.length * 4);
      const seeds = new Set((m.runs as { seed: number }[]).map((r) => r.seed));
      expect([...seeds].sort()).toEqual(expectedSeeds[i - 1]);
    }
    // A shard is an experiment of its own: paired comparisons over its seeds.
    const summary = JSON.parse(read(shardDir(1, 3), 'summary.json').toString()) as { points: { policies: { metrics: Record<string, { n: number }> }[] }[] };
    expect(summary.points[0]!.policies[1]!.metrics.meanMakespan!.n).toBe(2);
    expect(manifest('full').shard).toBeUndefined();
  });

  it('merging the shards gives the unsharded results byte for byte', () => {
    const r = delegsim(['merge', shardDir(3, 3), shardDir(1, 3), shardDir(2, 3), '--out', 'merged']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^split: merged 3 directories into merged · 20 of 20 runs/);
    expect(r.stdout).toMatch(/^arrivals\.rate=8\s+fifo\s/m);
    expect(differingResultFiles(tmp, 'merged', 'full')).toEqual([]);
    expect(runLines('merged')).toHaveLength(RUNS);
    // The merged directory is an ordinary results directory: reproduce checks it.
    expect(delegsim(['reproduce', 'merged', '--sample', '3', '--workers', '1']).code).toBe(0);
  });

  it('a partial merge says what is missing (exit 1) and sweep --resume finishes it to the same results', () => {
    const r = delegsim(['merge', shardDir(1, 3), shardDir(2, 3), '--out', 'partial']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/merge: 4 of 20 runs are missing; finish them with:\n {2}delegsim sweep <the sweep file> --resume --out partial/);
    expect(manifest('partial').complete).toBe(false);
    const resumed = delegsim(['sweep', 'split.json', '--resume', '--out', 'partial', '--workers', '1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/20 runs \(16 resumed\)/);
    expect(differingResultFiles(tmp, 'partial', 'full')).toEqual([]);
  });

  it('merge skips a damaged runs.log line, reports it, and leaves that run to --resume', () => {
    const damaged = join(tmp, 'damaged');
    delegsim(['sweep', 'split.json', '--shard', '1/3', '--workers', '1', '--out', 'damaged']);
    const lines = read('damaged', 'runs.log').toString().split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"k":"run"'));
    lines[at] = lines[at]!.replace(/"seed":\d+/, '"seed":99'); // checksum no longer matches
    writeFileSync(join(damaged, 'runs.log'), lines.join('\n'));
    const r = delegsim(['merge', 'damaged', shardDir(2, 3), shardDir(3, 3), '--out', 'patched']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/merge: damaged: 7 runs, 1 torn, damaged or foreign line\(s\) of runs\.log skipped/);
    expect(r.stderr).toMatch(/1 of 20 runs are missing/);
    expect(delegsim(['sweep', 'split.json', '--resume', '--out', 'patched', '--workers', '1']).code).toBe(0);
    expect(differingResultFiles(tmp, 'patched', 'full')).toEqual([]);
  });

  it('merge refuses results of another experiment, an output that is an input, and a non-results directory: exit 2, one line, nothing written', () => {
    expect(delegsim(['sweep', 'other.json', '--workers', '1', '--out', 'other']).code).toBe(0);
    const cases: [string[], RegExp][] = [
      [['merge', 'full', 'other', '--out', 'x1'], /^merge: other is from a different experiment than full: another seed \(12, not 11\)$/],
      [['merge', 'full', shardDir(1, 3), '--out', 'full'], /^--out full: is one of the inputs; merge into a new directory$/],
      [['merge', 'full', 'split.json', '--out', 'x2'], /^merge: split\.json is not a directory$/],
      [['merge', 'full', 'nowhere', '--out', 'x3'], /^merge: nowhere is not a directory$/],
      [['merge', 'full', '--out', 'merged'], /^--out merged: already holds results; pass --force to replace them$/],
    ];
    for (const [args, expected] of cases) {
      const r = delegsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(expected);
      expect(r.stdout).toBe('');
    }
    for (const dir of ['x1', 'x2', 'x3']) expect(existsSync(join(tmp, dir))).toBe(false);
  });

  it('merge stops (exit 2, nothing written) when a run has different outputs in two inputs, even with valid checksums and hashes', () => {
    // Forge what another machine computing differently would leave: one run
    // with another value, its output hash and line checksum recomputed.
    expect(delegsim(['sweep', 'split.json', '--shard', '2/3', '--workers', '1', '--out', 'forged']).code).toBe(0);
    const plan = manifest('forged').experiment as ExperimentPlan;
    const lines = read('forged', 'runs.log').toString().split('\n');
    const names = parseLogLine(lines.find((l) => l.startsWith('{"k":"names"'))!)!.names as string[];
    const at = lines.findIndex((l) => l.startsWith('{"k":"run"'));
    const entry = parseLogLine(lines[at]!)!;
    const values = (entry.v as number[]).slice();
    const k = names.indexOf('meanMakespan');
    values[k] = values[k]! * 1.000001;
    const spec = specAt(plan, entry.i as number);
    entry.v = values;
    entry.h = runHash(spec, { scenarioName: String(entry.scenario), stopCause: String(entry.stop), names, values: values.map(formatMetric) });
    lines[at] = logLine(entry).trimEnd();
    writeFileSync(join(tmp, 'forged', 'runs.log'), lines.join('\n'));
    const r = delegsim(['merge', 'full', 'forged', '--out', 'conflict']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(
      new RegExp(`^merge: run ${spec.index} \\(policy ${spec.policy}, seed ${spec.seed}\\) has different outputs in full and forged; `),
    );
    expect(existsSync(join(tmp, 'conflict'))).toBe(false);
  });

  it('sweep rejects a malformed or impossible --shard and resuming a shard as another: exit 2, one line', () => {
    const cases: [string[], RegExp][] = [
      [['sweep', 'split.json', '--shard', '0/3'], /^--shard: must be i\/N with 1 ≤ i ≤ N, got '0\/3'$/],
      [['sweep', 'split.json', '--shard', '4/3'], /^--shard: must be i\/N with 1 ≤ i ≤ N, got '4\/3'$/],
      [['sweep', 'split.json', '--shard', 'half'], /^--shard: must be i\/N with 1 ≤ i ≤ N, got 'half'$/],
      [['sweep', 'split.json', '--shard', '1/6'], /^--shard: N must be at most the sweep's replications \(5\), got 6$/],
      [['sweep', 'split.json', '--shard', '1/3', '--resume', '--out', shardDir(2, 3)], /holds shard 2\/3; resume it with --shard 2\/3$/],
      [['sweep', 'split.json', '--resume', '--out', shardDir(2, 3)], /holds shard 2\/3; resume it with --shard 2\/3$/],
    ];
    for (const [args, expected] of cases) {
      const r = delegsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(expected);
    }
  });

  it('the experiment does not depend on how the scenario path is spelled or the cwd: shards started from different directories merge', () => {
    const proj = join(tmp, 'proj');
    mkdirSync(join(proj, 'scen'), { recursive: true });
    mkdirSync(join(proj, 'exps'), { recursive: true });
    cpSync(join(findPackageRoot(), 'scenarios', 'validation', 'mmc.json'), join(proj, 'scen', 'my.json'));
    writeFileSync(join(proj, 'exps', 'ps.json'), JSON.stringify({ ...sweep, name: 'ps', scenario: '../scen/my.json', replications: 2 }));
    expect(runCli(proj, ['sweep', 'exps/ps.json', '--shard', '1/2', '--out', 's1', '--workers', '1']).code).toBe(0);
    expect(runCli(join(proj, 'exps'), ['sweep', 'ps.json', '--shard', '2/2', '--out', '../s2', '--workers', '1']).code).toBe(0);
    expect(runCli(join(proj, 'exps'), ['sweep', 'ps.json', '--out', '../whole', '--workers', '1']).code).toBe(0);
    const r = runCli(proj, ['merge', 's1', 's2', '--out', 'merged']);
    expect(r.code, r.stderr).toBe(0);
    expect(differingResultFiles(proj, 'merged', 'whole')).toEqual([]);
    expect((JSON.parse(readFileSync(join(proj, 'whole', 'summary.json'), 'utf8')) as { scenario: string }).scenario).toBe('my');
    // compare: the same scenario file however it is typed gives the same results, byte for byte.
    const compare = (cwd: string, path: string, out: string) =>
      runCli(cwd, ['compare', path, '--policies', 'fifo,random', '--replications', '2', '--set', 'horizon.goals=300', '--set', 'horizon.warmupGoals=0', '--workers', '1', '--out', out]);
    expect(compare(proj, 'scen/my.json', 'c1').code).toBe(0);
    expect(compare(join(proj, 'exps'), '../scen/my.json', '../c2').code).toBe(0);
    expect(differingResultFiles(proj, 'c1', 'c2')).toEqual([]);
    // … and resumes from another directory.
    const resumed = runCli(join(proj, 'scen'), ['compare', './my.json', '--policies', 'fifo,random', '--replications', '2', '--set', 'horizon.goals=300', '--set', 'horizon.warmupGoals=0', '--workers', '1', '--resume', '--out', '../c1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/4 runs \(4 resumed\)/);
  });

  it('a partial merge of compare results prints the compare command that finishes them, which does', () => {
    const args = ['compare', 'mmc', '--policies', 'fifo,random', '--replications', '2', '--set', 'horizon.goals=300', '--set', 'horizon.warmupGoals=0', '--workers', '1'];
    expect(delegsim([...args, '--out', 'cfull']).code).toBe(0);
    expect(delegsim([...args, '--out', 'cfail'], { DELEGSIM_FAULT_SEED: '2' }).code).toBe(1);
    const r = delegsim(['merge', 'cfail', '--out', 'cmerged']);
    expect(r.code).toBe(1);
    const hint = 'delegsim compare mmc --policies fifo,random --replications 2 --seed 1 --set horizon.goals=300 --set horizon.warmupGoals=0 --resume --out cmerged';
    expect(r.stderr).toContain(`2 of 4 runs are missing (2 failed); finish them with:\n  ${hint}\n`);
    const resumed = delegsim(hint.split(' ').slice(1));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(differingResultFiles(tmp, 'cmerged', 'cfull')).toEqual([]);
  });

  it('when no run finished, merge says so instead of printing an empty table', () => {
    const args = ['compare', 'mmc', '--policies', 'fifo', '--replications', '1', '--set', 'horizon.goals=300', '--set', 'horizon.warmupGoals=0', '--workers', '1'];
    expect(delegsim([...args, '--out', 'allfail'], { DELEGSIM_FAULT_SEED: '1' }).code).toBe(1);
    const r = delegsim(['merge', 'allfail', '--out', 'allfail-merged']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no run finished, so there are no statistics to show$/m);
  });
});
