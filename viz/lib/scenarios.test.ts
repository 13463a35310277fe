import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../sim/scenario/parse.js';
import { builtinScenarios, droppedScenario } from './scenarios.js';
import { crashFailures, NEUTRAL_PARAMETERS, parameterOverrides } from './parameters.js';

const enterpriseText = readFileSync(new URL('../../scenarios/enterprise.json', import.meta.url), 'utf8');
const enterprise = parseScenario(enterpriseText);

describe('builtinScenarios', () => {
  it('builtinScenarios offers the CLI’s built-in names with the same file text', () => {
    const all = builtinScenarios();
    expect(all.map((s) => s.ref)).toEqual(expect.arrayContaining(['enterprise', 'mmc']));
    expect(all.find((s) => s.ref === 'enterprise')!.text).toBe(enterpriseText);
    expect(all.some((s) => s.ref === 'mmc-load' || s.ref.endsWith('.schema'))).toBe(false);
  });
});

describe('droppedScenario', () => {
  it('droppedScenario validates a dropped file and reports the first bad field in one line', () => {
    expect(droppedScenario('mine.json', enterpriseText).scenario.name).toBe('enterprise');
    expect(() => droppedScenario('bad.json', '{"name": "x"')).toThrow(/bad\.json: invalid JSON/);
    const bad = JSON.stringify({ ...JSON.parse(enterpriseText), horizon: { goals: -3 } });
    expect(() => droppedScenario('bad.json', bad)).toThrow(/horizon\.goals/);
  });

  it('droppedScenario never evaluates code: a __proto__ key is refused', () => {
    expect(() => droppedScenario('evil.json', '{"__proto__": {"polluted": true}}')).toThrow(/forbidden key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parameterOverrides', () => {
  it('parameterOverrides adds nothing for neutral parameters', () => {
    expect(parameterOverrides(enterprise, NEUTRAL_PARAMETERS)).toEqual([]);
  });

  it('parameterOverrides scales population counts and crash rates, sets a verification budget and the horizon', () => {
    const overrides = parameterOverrides(enterprise, { populationScale: 0.5, failureRate: 2, verificationRate: 0.3, goals: 1000, extra: [' assignment.retryLimit=2 ', ''] });
    expect(overrides).toEqual([
      'population.0.count=20',
      'population.1.count=20',
      'population.2.count=30',
      'population.3.count=15',
      'population.4.count=13',
      'population.5.count=6',
      'failures.0.mtbf=450',
      'verification.policy="sample"',
      'verification.sampleRate=0.3',
      'horizon.goals=1000',
      'assignment.retryLimit=2',
    ]);
    const scenario = parseScenario(enterpriseText, { overrides });
    expect(scenario.verification.policy).toBe('sample');
    expect(scenario.failures[0]).toMatchObject({ type: 'crash', mtbf: 450 });
    expect(crashFailures(scenario)).toEqual([{ index: 0, mtbf: 450 }]);
  });

  it('parameterOverrides lowers the warm-up when fewer goals than it are asked for', () => {
    expect(parameterOverrides(enterprise, { ...NEUTRAL_PARAMETERS, goals: 200 })).toEqual(['horizon.goals=200', 'horizon.warmupGoals=20']);
  });
});
