import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScenarioError, formatIssue, formatPath, formatValue, scenarioErrorMap } from './errors.js';

describe('ScenarioError', () => {
  it('ScenarioError keeps its message on one line', () => {
    const e = new ScenarioError('a: bad\n  token\r\nhere');
    expect(e.message).toBe('a: bad token here');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ScenarioError');
  });
});

describe('formatPath', () => {
  it('formatPath writes indexes in brackets and odd keys quoted', () => {
    expect(formatPath(['population', 0, 'count'])).toBe('population[0].count');
    expect(formatPath(['policyParams', 'a b'])).toBe('policyParams["a b"]');
    expect(formatPath([], 'mmc.json')).toBe('mmc.json');
    expect(formatPath([])).toBe('scenario');
  });
});

describe('formatValue', () => {
  it('formatValue shows JSON, non-finite numbers by name, and cuts long values', () => {
    expect(formatValue('ten')).toBe('"ten"');
    expect(formatValue(-3)).toBe('-3');
    expect(formatValue(1e12)).toBe('1000000000000');
    expect(formatValue(Infinity)).toBe('Infinity');
    expect(formatValue(null)).toBe('null');
    expect(formatValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    const long = formatValue('y'.repeat(200));
    expect(long).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('formatIssue', () => {
  const schema = z.strictObject({ n: z.number().min(1), tags: z.array(z.string()).optional() });
  const line = (data: unknown, withMap = true): string => {
    const r = schema.safeParse(data, withMap ? { error: scenarioErrorMap } : {});
    return r.success ? 'ok' : formatIssue(r.error.issues[0]!, data, 'file.json');
  };

  it('formatIssue writes `<path>: <rule>, got <value>`', () => {
    expect(line({ n: 0 })).toBe('n: must be at least 1, got 0');
    expect(line({ n: 'x' })).toBe('n: must be a number, got "x"');
    expect(line({ n: 1, tags: [3] })).toBe('tags[0]: must be a string, got 3');
  });

  it('formatIssue says required for missing fields and lists allowed keys for unknown ones', () => {
    expect(line({})).toBe('n: required');
    expect(line({ n: 1, colour: 1 })).toBe('colour: unknown key (allowed: n, tags)');
  });

  it('formatIssue names the source for root problems', () => {
    expect(line([1])).toBe('file.json: must be an object, got [1]');
  });

  it('formatIssue rewords zod default messages when parsed without the error map', () => {
    expect(line({ n: 0 }, false)).toBe('n: must be at least 1, got 0');
    expect(line({ n: 'x' }, false)).toBe('n: must be a number, got "x"');
    expect(line({ n: 1, colour: 1 }, false)).toBe('colour: unknown key');
  });
});
