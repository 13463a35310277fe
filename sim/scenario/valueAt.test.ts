import { describe, expect, it } from 'vitest';
import { pathSegments, valueAt } from './valueAt.js';

describe('valueAt', () => {
  it('pathSegments splits dotted and bracketed paths alike', () => {
    expect(pathSegments('population[0].count')).toEqual(['population', '0', 'count']);
    expect(pathSegments('population.0.count')).toEqual(['population', '0', 'count']);
    expect(pathSegments('a..b')).toEqual(['a', '', 'b']); // unchecked: applyOverrides refuses it
  });

  it('valueAt follows own properties into objects and lists, by string or number segments', () => {
    const data = { population: [{ count: 3, skills: { work: null } }] };
    expect(valueAt(data, pathSegments('population[0].count'))).toEqual({ found: true, value: 3 });
    expect(valueAt(data, ['population', 0, 'skills', 'work'])).toEqual({ found: true, value: null });
    expect(valueAt(data, [])).toEqual({ found: true, value: data });
  });

  it('valueAt finds nothing past a missing key, a leaf, or on the prototype', () => {
    const data = { a: { b: 1 } };
    expect(valueAt(data, ['a', 'c'])).toEqual({ found: false });
    expect(valueAt(data, ['a', 'b', 'c'])).toEqual({ found: false });
    expect(valueAt(data, ['a', 'toString'])).toEqual({ found: false });
    expect(valueAt(data, ['__proto__'])).toEqual({ found: false });
    expect(valueAt(undefined, ['a'])).toEqual({ found: false });
  });
});
