import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findPackageRoot } from '../scenario/load.js';
import { ExperimentError, identityMismatch, prepareExperiment, runExperiment } from './experiment.js';
import { parseSweepFile, sweepPlan } from './sweepFile.js';
import type { ExperimentPlan } from './plan.js';

const dir = join(findPackageRoot(), 'scenarios', 'experiments');
const sweeps = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('prepareExperiment', () => {
  it.each(sweeps)('prepareExperiment accepts the built-in sweep %s', (file) => {
    const sweep = parseSweepFile(readFileSync(join(dir, file), 'utf8'), { source: file });
    const prepared = prepareExperiment(sweepPlan(sweep, sweep.scenario));
    expect(prepared.total).toBe(prepared.plan.points.length * sweep.policies.length * sweep.replications);
    expect(prepared.planHash).toMatch(/^[0-9a-f]{64}$/);
  });

  const base: ExperimentPlan = {
    kind: 'compare',
    name: 'x',
    scenario: 'mmc',
    set: [],
    points: [{ params: [] }],
    policies: ['fifo'],
    replications: 2,
    seed: 1,
  };

  it('prepareExperiment gives a different plan hash for any change of plan', () => {
    const hash = prepareExperiment(base).planHash;
    expect(prepareExperiment({ ...base }).planHash).toBe(hash);
    expect(prepareExperiment({ ...base, seed: 2 }).planHash).not.toBe(hash);
    expect(prepareExperiment({ ...base, set: ['arrivals.rate=8'] }).planHash).not.toBe(hash);
  });

  it('prepareExperiment rejects bad plans before anything runs', () => {
    expect(() => prepareExperiment({ ...base, policies: ['fifo', 'fifo'] })).toThrow(ExperimentError);
    expect(() => prepareExperiment({ ...base, replications: 0 })).toThrow(/replications: must be a whole number/);
    expect(() => prepareExperiment({ ...base, seed: 0xffffffff })).toThrow(/seed \+ replications − 1/);
    expect(() => prepareExperiment({ ...base, policies: ['psychic'] })).toThrow(/unknown policy 'psychic'/);
    expect(() => prepareExperiment({ ...base, points: [{ params: [['arrivals.rate', -1]] }] })).toThrow(/^arrivals\.rate: /);
  });

  it('prepareExperiment names the scenario by its label, so the identity does not depend on how its path is spelled or the cwd', () => {
    const file = join(findPackageRoot(), 'scenarios', 'validation', 'mmc.json');
    const spellings = ['mmc', file, relative(process.cwd(), file), `./${relative(process.cwd(), file)}`, join(file, '..', '..', 'validation', 'mmc.json')];
    const prepared = spellings.map((scenario) => prepareExperiment({ ...base, scenario }));
    for (const p of prepared) {
      expect(p.plan.scenario).toBe('mmc');
      expect(p.scenario.ref).toBe('mmc');
      expect(p.planHash).toBe(prepared[0]!.planHash);
    }
  });

  it('prepareExperiment rejects a --set of a run column (seed, policy, …) like sweep files do', () => {
    expect(() => prepareExperiment({ ...base, set: ['seed=99'] })).toThrow(/^--set seed=99: sets a run column \(.*\), which the experiment itself sets/);
    expect(() => prepareExperiment({ ...base, set: ['policy = random'] })).toThrow(/^--set policy = random: sets a run column/);
    expect(() => prepareExperiment({ ...base, set: ['arrivals.rate=8'] })).not.toThrow();
  });

  it('identityMismatch names the part of two experiments that differs', () => {
    const a = { plan: base, scenarioSha256: 'a'.repeat(64), version: '1.0.0' };
    expect(identityMismatch(a, { ...a })).toBeUndefined();
    expect(identityMismatch(a, { ...a, plan: { ...base, seed: 2 } })).toBe('another seed (2, not 1)');
    expect(identityMismatch(a, { ...a, plan: { ...base, policies: ['fifo', 'random'] } })).toBe('another policies (fifo,random, not fifo)');
    expect(identityMismatch(a, { ...a, plan: { ...base, scenario: 'other' } })).toBe('another scenario ("other", not "mmc")');
    expect(identityMismatch(a, { ...a, version: '2.0.0' })).toBe('delegsim 2.0.0, not 1.0.0');
  });
});

describe('runExperiment', () => {
  const plan: ExperimentPlan = {
    kind: 'compare',
    name: 'x',
    scenario: 'mmc',
    set: ['horizon.goals=50', 'horizon.warmupGoals=0'],
    points: [{ params: [] }],
    policies: ['fifo'],
    replications: 1,
    seed: 1,
  };
  const tmp = mkdtempSync(join(tmpdir(), 'delegsim-experiment-'));

  // The library refuses it, not only the CLI: resuming rewrites runs.log and every result file.
  it.each([
    ['a directory that does not exist', () => {}, 'it does not exist; drop --resume to start'],
    ['an empty directory', (dir: string) => mkdirSync(dir), 'it is empty; drop --resume to start'],
    ['a directory of other files', (dir: string) => (mkdirSync(dir), writeFileSync(join(dir, 'keep.txt'), 'x\n')), 'it holds no runs.log'],
  ])('runExperiment with resume refuses %s and touches nothing', async (label, make, why) => {
    const out = join(tmp, label.replace(/\W+/g, '-'));
    make(out);
    const before = existsSync(out) ? readdirSync(out) : undefined;
    const run = runExperiment(prepareExperiment(plan), { out, workers: 1, resume: true });
    await expect(run).rejects.toThrow(ExperimentError);
    await expect(run).rejects.toThrow(`--resume: ${out} is not a delegsim results directory (${why})`);
    expect(existsSync(out) ? readdirSync(out) : undefined).toEqual(before);
  });
});
