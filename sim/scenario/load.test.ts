import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { findPackageRoot, listBuiltinScenarios, loadScenario, parseTraceCsv, resolveScenarioRef } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'delegsim-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const scenario = (arrivals: unknown) => ({
  name: 'trace',
  horizon: { minutes: 100 },
  skills: ['work'],
  population: [{ name: 'server', kind: 'ai', count: 1, skills: { work: {} } }],
  arrivals,
  goals: [{ name: 'job', skill: 'work', characteristics: { duration: 1 } }],
});

const write = (name: string, content: unknown): string => {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('findPackageRoot', () => {
  it('findPackageRoot returns the repository root', () => {
    const root = findPackageRoot();
    expect(root).toBe(resolve(here, '../..'));
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('delegsim');
  });
});

describe('listBuiltinScenarios', () => {
  it('listBuiltinScenarios lists scenario files only, sorted by name', () => {
    const list = listBuiltinScenarios();
    for (const s of list) {
      expect(s.path.endsWith('.json') && !s.path.endsWith('.schema.json')).toBe(true);
      expect(s.path).not.toContain(join('scenarios', 'experiments'));
    }
    expect(list.map((s) => s.name)).toEqual([...list.map((s) => s.name)].sort());
  });
});

describe('resolveScenarioRef', () => {
  it('resolveScenarioRef returns an existing file as an absolute path', () => {
    const path = write('plain.json', {});
    expect(resolveScenarioRef(path)).toBe(path);
  });

  it('resolveScenarioRef lists the built-ins when nothing matches', () => {
    const names = listBuiltinScenarios().map((s) => s.name);
    let error: unknown;
    try {
      resolveScenarioRef('no-such-scenario');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe(
      `scenario: no file or built-in scenario named 'no-such-scenario' (built-ins: ${names.join(', ') || 'none'})`,
    );
  });
});

describe('loadScenario', () => {
  it('loadScenario reads a trace CSV relative to the scenario file, keeping file', () => {
    write('arrivals.csv', 'time\n0\n\n1.5\r\n1.5\n10\n');
    const path = write('trace.json', scenario({ process: 'trace', file: 'arrivals.csv' }));
    const loaded = loadScenario(path, { overrides: ['seed=7'] });
    expect(loaded.path).toBe(path);
    expect(loaded.scenario.seed).toBe(7);
    expect(loaded.scenario.arrivals).toEqual({ process: 'trace', file: 'arrivals.csv', times: [0, 1.5, 1.5, 10] });
    expect(JSON.parse(loaded.text).name).toBe('trace');
  });

  it('loadScenario names arrivals.file and the line of a bad trace value', () => {
    write('bad.csv', 'time\n1\n2\nabc\n');
    const path = write('bad.json', scenario({ process: 'trace', file: 'bad.csv' }));
    expect(() => loadScenario(path)).toThrow(ScenarioError);
    expect(() => loadScenario(path)).toThrow(/^arrivals\.file: bad\.csv line 4: must be a finite number of minutes, got "abc"$/);
  });

  it('loadScenario reports a missing trace file', () => {
    const path = write('missing.json', scenario({ process: 'trace', file: 'nowhere.csv' }));
    expect(() => loadScenario(path)).toThrow(/^arrivals\.file: cannot read .*nowhere\.csv/);
  });

  it('loadScenario puts the file name on root-level errors', () => {
    const path = write('broken.json', '{');
    expect(() => loadScenario(path)).toThrow(/broken\.json: invalid JSON: /);
  });
});

describe('parseTraceCsv', () => {
  it('parseTraceCsv rejects negative, decreasing, non-finite and empty traces', () => {
    expect(() => parseTraceCsv('1\n-2\n', 't.csv')).toThrow('arrivals.file: t.csv line 2: must be at least 0, got -2');
    expect(() => parseTraceCsv('5\n\n4\n', 't.csv')).toThrow('arrivals.file: t.csv line 3: must not be less than the time before it (5), got 4');
    expect(() => parseTraceCsv('1e400\n', 't.csv')).toThrow(/line 1: must be a finite number/);
    expect(() => parseTraceCsv('1,2\n', 't.csv')).toThrow(/line 1: must be a finite number/);
    expect(() => parseTraceCsv('time\n\n', 't.csv')).toThrow('arrivals.file: t.csv has no arrival times');
    expect(parseTraceCsv('0\n.5\n2e1\n', 't.csv')).toEqual([0, 0.5, 20]);
  });
});
