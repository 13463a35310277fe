import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { findForbiddenPath } from './forbiddenKeys.js';
import { applyOverrides } from './overrides.js';

const base = () => ({
  name: 'mmc',
  population: [{ name: 'server', count: 10 }],
  arrivals: { process: 'poisson', rate: 9 },
});

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
};

describe('applyOverrides', () => {
  it('applyOverrides follows dotted and bracket paths', () => {
    const out = applyOverrides(base(), ['population.0.count=5', 'population[0].name=edge', 'arrivals.rate=2.5']) as any;
    expect(out.population[0]).toEqual({ name: 'edge', count: 5 });
    expect(out.arrivals.rate).toBe(2.5);
  });

  it('applyOverrides parses JSON values and keeps anything else as a string', () => {
    const out = applyOverrides(base(), [
      'a=true', 'b=null', 'c=[1,2]', 'd={"x":1}', 'e="quoted"', 'f=plain text', 'g=NaN', 'h=', 'i=a=b', 'j=1e400',
    ]) as any;
    expect(out).toMatchObject({ a: true, b: null, c: [1, 2], d: { x: 1 }, e: 'quoted', f: 'plain text', g: 'NaN', h: '', i: 'a=b' });
    expect(out.j).toBe(Infinity);
  });

  it('applyOverrides creates missing parents, lists for index segments', () => {
    const out = applyOverrides(base(), ['execution.noise=0', 'failures.0.type=crash', 'population.1.name=extra']) as any;
    expect(out.execution).toEqual({ noise: 0 });
    expect(out.failures).toEqual([{ type: 'crash' }]);
    expect(out.population[1]).toEqual({ name: 'extra' });
  });

  it('applyOverrides never mutates its input', () => {
    const input = base();
    const before = structuredClone(input);
    const out = applyOverrides(input, ['population.0.count=1', 'new.deep.key=1']) as any;
    expect(input).toEqual(before);
    expect(out.population).not.toBe(input.population);
    expect(applyOverrides(input, [])).toEqual(input);
    expect(applyOverrides(input, [])).not.toBe(input);
  });

  it('applyOverrides refuses forbidden segments and values', () => {
    expect(message(() => applyOverrides(base(), ['__proto__.polluted=1']))).toBe("--set __proto__.polluted: forbidden path segment '__proto__'");
    expect(message(() => applyOverrides(base(), ['a.constructor.prototype=1']))).toMatch(/^--set a\.constructor\.prototype: forbidden path segment 'constructor'$/);
    expect(message(() => applyOverrides(base(), ['population[0].prototype=1']))).toMatch(/forbidden path segment 'prototype'/);
    expect(message(() => applyOverrides(base(), ['x={"__proto__":{"polluted":1}}']))).toBe('--set x: forbidden key in the value at __proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('applyOverrides refuses malformed entries', () => {
    expect(message(() => applyOverrides(base(), ['population.0.count']))).toBe('--set population.0.count: expected path=value');
    expect(message(() => applyOverrides(base(), ['=5']))).toBe('--set =5: expected path=value');
    expect(message(() => applyOverrides(base(), ['a..b=1']))).toMatch(/^--set a\.\.b: expected path=value/);
    expect(message(() => applyOverrides(base(), ['name.first=x']))).toMatch(/^--set name\.first: name is "mmc", not an object or list$/);
    expect(message(() => applyOverrides(base(), ['population.x=1']))).toMatch(/'x' is not an index/);
    expect(message(() => applyOverrides(base(), ['population.5.count=1']))).toMatch(/index 5 is past the end of a list of 1/);
  });
});

describe('findForbiddenPath', () => {
  it('findForbiddenPath walks data 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = { __proto__: null, constructor: 1 };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findForbiddenPath(deep)).toHaveLength(100_001);
    expect(findForbiddenPath(JSON.parse('{"a":{"b":{"__proto__":1}},"__proto__":2}'))).toEqual(['a', 'b', '__proto__']);
  });

  it('findForbiddenPath finds own __proto__ keys that JSON.parse creates', () => {
    expect(findForbiddenPath(JSON.parse('{"a":[{"b":1},{"__proto__":{}}]}'))).toEqual(['a', 1, '__proto__']);
    expect(findForbiddenPath({ a: { constructor: 1 } })).toEqual(['a', 'constructor']);
    expect(findForbiddenPath({ a: [1, 'x', null] })).toBeUndefined();
  });
});
