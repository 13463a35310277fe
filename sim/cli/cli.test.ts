// The delegsim command as a user runs it: the compiled CLI in a child process.

import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPackageRoot } from '../scenario/load.js';
import { runCli } from './cliTestKit.js';

const root = findPackageRoot();

const delegsim = (args: string[], cwd = root) => runCli(cwd, args);

const small = ['--set', 'horizon.goals=20000', '--set', 'horizon.warmupGoals=1000'];
const tiny = ['--set', 'horizon.goals=50', '--set', 'horizon.warmupGoals=0'];
const mmc = JSON.parse(readFileSync(join(root, 'scenarios', 'validation', 'mmc.json'), 'utf8'));

describe('delegsim run', () => {
  it('run mmc --json prints exactly one JSON object with the required metrics', () => {
    const r = delegsim(['run', 'mmc', '--json', ...small]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    for (const key of ['goalsCompleted', 'meanWait', 'meanMakespan', 'p95Makespan', 'utilization', 'events', 'wallSeconds']) {
      expect(typeof result.metrics[key]).toBe('number');
    }
    expect(result.metrics.goalsCompleted).toBe(19000);
    expect(result.policy).toBe('fifo');
  });

  it('run gives byte-identical output for the same seed, apart from wallSeconds', () => {
    const strip = (s: string) => s.replace(/"wallSeconds":[0-9.e+-]+/, '');
    const a = delegsim(['run', 'mmc', '--json', '--seed', '7', ...small]);
    const b = delegsim(['run', 'mmc', '--json', '--seed', '7', ...small]);
    const c = delegsim(['run', 'mmc', '--json', '--seed', '8', ...small]);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(strip(a.stdout)).not.toBe(strip(c.stdout));
  });

  it('run without --json prints a metrics table with units', () => {
    const r = delegsim(['run', 'mmc', ...small]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/meanWait\s+[0-9.]+\s+min/);
  });
});

describe('delegsim without a command', () => {
  it.each([
    [[], /^delegsim: missing command \(run, validate, compare, sweep, worker, merge, reproduce, schema, list, audit\); see delegsim --help$/],
    [['audit'], /^delegsim audit: missing command \(verify\); see delegsim audit --help$/],
  ])('delegsim %j says in one line that the command is missing (exit 2)', (args, expected) => {
    const r = delegsim(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(expected);
  });

  it('delegsim --help still prints the whole help on stdout (exit 0)', () => {
    const r = delegsim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: delegsim /);
    expect(r.stdout).toMatch(/^ {2}compare /m);
    expect(r.stderr).toBe('');
  });
});

describe('delegsim validate, schema, list', () => {
  it('validate mmc accepts the built-in scenario', () => {
    const r = delegsim(['validate', 'mmc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: .*mmc\.json/);
  });

  it('schema prints a JSON Schema object', () => {
    const r = delegsim(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).properties.population).toBeDefined();
  });

  it('list names the built-in scenarios and policies', () => {
    const r = delegsim(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mmc/);
    expect(r.stdout).toMatch(/fifo/);
  });
});

describe('delegsim on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'delegsim-cli-'));
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const withChange = (change: (s: any) => void) => {
    const s = structuredClone(mmc);
    change(s);
    return s;
  };

  const cases: [label: string, args: () => string[], expected: RegExp][] = [
    ['bad JSON', () => ['run', write('bad.json', '{"name": "x",')], /invalid JSON/],
    ['a negative rate', () => ['run', write('neg.json', withChange((s) => (s.arrivals.rate = -1)))], /^arrivals\.rate: /],
    ['a probability above 1', () => ['run', write('p.json', withChange((s) => (s.population[0].skills.work.reliability = 1.2)))], /reliability: must be in \[0, 1\]/],
    ['an unknown key', () => ['run', write('k.json', withChange((s) => (s.population[0].colour = 'red')))], /^population\[0\]\.colour: unknown key/],
    ['a __proto__ key', () => ['run', write('proto.json', '{"__proto__": {"x": 1}, "name": "x"}')], /__proto__: forbidden key/],
    ['a population of 10^12', () => ['run', write('big.json', withChange((s) => (s.population[0].count = 1e12)))], /^population\[0\]\.count: must be at most/],
    ['a missing section', () => ['run', write('miss.json', withChange((s) => delete s.arrivals))], /^arrivals: required/],
    ['a wrong type', () => ['run', write('type.json', withChange((s) => (s.horizon.goals = 'ten')))], /^horizon\.goals: must be an integer/],
    ['NaN through --set', () => ['run', 'mmc', '--set', 'arrivals.rate=NaN'], /^arrivals\.rate: /],
    ['a malformed --set', () => ['run', 'mmc', '--set', 'arrivals.rate'], /--set/],
    ['an unknown policy', () => ['run', 'mmc', '--policy', 'psychic'], /unknown policy 'psychic'/],
    // policyParams are checked against the policy that runs, not against every policy.
    ['a policy parameter --policy does not take', () => ['run', 'mmc', '--policy', 'trust-aware', '--set', 'policyParams.bogus=1'],
      /^policyParams\.bogus: unknown parameter of trust-aware \(parameters: exploration, ucbC, priceWeight, loadWeight, valueBase\), got 1$/],
    ['a parameter of another policy than the one that runs', () => ['run', 'mmc', '--set', 'policyParams.diversityCap=2'],
      /^policyParams\.diversityCap: unknown parameter of fifo \(it takes none\), got 2$/],
    ['a bad seed', () => ['run', 'mmc', '--seed', '-3'], /^--seed: /],
    ['an unknown scenario', () => ['run', 'no-such-scenario'], /no file or built-in scenario named 'no-such-scenario'/],
    ['an unknown command', () => ['frobnicate'], /unknown command/],
    ['an unknown option', () => ['run', 'mmc', '--colour'], /unknown option/],
    ['--audit in a missing directory', () => ['run', 'mmc', ...tiny, '--audit', join(dir, 'nodir', 'x', 'a.log')], /^--audit .*a\.log: directory .*nodir\/x does not exist$/],
    ['--audit naming a directory', () => ['run', 'mmc', ...tiny, '--audit', dir], /^--audit .*: is a directory$/],
    ['--audit below a file', () => ['run', 'mmc', ...tiny, '--audit', join(write('afile', 'hi\n'), 'a.log')], /^--audit .*afile\/a\.log: .*afile is not a directory$/],
    ['an empty --audit', () => ['run', 'mmc', ...tiny, '--audit', ''], /^--audit: must be a file path/],
    ['--audit naming the scenario file', () => {
      const file = write('self.json', withChange((s) => (s.horizon = { goals: 50, warmupGoals: 0 })));
      return ['run', file, '--audit', file];
    }, /^--audit .*self\.json: exists and is not a delegsim audit log; refusing to overwrite it/],
  ];

  /** Every file in `dir` with its contents: a rejected run must neither add one nor change one (the scenario given as --audit, say). */
  const files = () => readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]);

  it.each(cases)('run rejects %s with exit 2 and one line, writing nothing', (_label, args, expected) => {
    const argv = args(); // writes the input file first
    const before = files();
    const r = delegsim(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    expect(files()).toEqual(before);
  });

  it('run --audit leaves nothing behind when the run fails, and replaces an earlier audit log when it succeeds', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'delegsim-audit-'));
    const failed = runCli(cwd, ['run', 'mmc', ...tiny, '--seed', '5', '--audit', 'a.log'], { DELEGSIM_FAULT_SEED: '5' });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe('injected fault (DELEGSIM_FAULT_SEED=5)');
    expect(readdirSync(cwd)).toEqual([]);
    for (const seed of ['5', '6']) {
      const ok = runCli(cwd, ['run', 'mmc', ...tiny, '--seed', seed, '--json', '--audit', 'a.log']);
      expect(ok.code).toBe(0);
      expect(readdirSync(cwd)).toEqual(['a.log']);
      expect(runCli(cwd, ['audit', 'verify', 'a.log']).stdout).toMatch(/^ok: [1-9]\d* records, chain intact/);
    }
  });
});
