// Tests of the scope-mask set operations against a reference built on
// Set<number>, at the word boundaries and on random masks; and of ScopeSpace
// name parsing.

import { describe, expect, it } from 'vitest';
import { createStream, type Rng } from '../../engine/random.js';
import {
  MAX_SCOPES,
  Operation,
  cloneMask,
  createMask,
  delegableWord,
  maskAdd,
  maskBits,
  maskCount,
  maskDifference,
  maskEquals,
  maskHas,
  maskIntersect,
  maskIsEmpty,
  maskIsSubset,
  maskRemove,
  maskUnion,
  popcount32,
  scopeBit,
} from './scopeMask.js';
import { ScopeSpace } from './scopeSpace.js';

function randomBits(rng: Rng): Set<number> {
  const density = rng();
  const bits = new Set<number>();
  for (let b = 0; b < MAX_SCOPES; b++) if (rng() < density) bits.add(b);
  return bits;
}

const sorted = (s: Iterable<number>) => [...s].sort((a, b) => a - b);

describe('scope masks', () => {
  it('scopeBit is resource-major with four operations per resource', () => {
    expect(scopeBit(0, Operation.Read)).toBe(0);
    expect(scopeBit(0, Operation.Delegate)).toBe(3);
    expect(scopeBit(2, Operation.Write)).toBe(9);
    expect(scopeBit(31, Operation.Delegate)).toBe(127);
    expect(() => scopeBit(32, 0)).toThrow(RangeError);
    expect(() => scopeBit(0, 4)).toThrow(RangeError);
  });

  it('maskAdd, maskHas and maskRemove work at every word boundary', () => {
    for (const bit of [0, 1, 30, 31, 32, 33, 63, 64, 95, 96, 126, 127]) {
      const m = createMask();
      maskAdd(m, bit);
      expect(maskHas(m, bit)).toBe(true);
      expect(maskCount(m)).toBe(1);
      expect(maskBits(m)).toEqual([bit]);
      maskRemove(m, bit);
      expect(maskIsEmpty(m)).toBe(true);
    }
    expect(maskHas(createMask([127]), 128)).toBe(false);
    expect(() => maskAdd(createMask(), 128)).toThrow(RangeError);
    expect(() => maskAdd(createMask(), -1)).toThrow(RangeError);
    expect(() => createMask([1.5])).toThrow(RangeError);
  });

  it('popcount32 counts the bits of any 32-bit word', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000000)).toBe(1);
    expect(popcount32(0x88888888)).toBe(8);
    const rng = createStream(1, 'popcount');
    const words = Array.from({ length: 1000 }, () => Math.floor(rng() * 2 ** 32));
    expect(words.map(popcount32)).toEqual(words.map((x) => [...x.toString(2)].filter((c) => c === '1').length));
  });

  it('maskUnion, maskIntersect, maskDifference, maskIsSubset, maskEquals and maskCount agree with a Set reference', () => {
    const rng = createStream(2, 'masks');
    const wrong: string[] = [];
    const same = (label: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${label}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    };
    let subsets = 0;
    for (let i = 0; i < 2000; i++) {
      const sa = randomBits(rng);
      // Every third pair makes b a superset of a, so subset tests see both answers.
      const sb = i % 3 === 0 ? new Set([...sa, ...randomBits(rng)]) : randomBits(rng);
      const a = createMask(sa);
      const b = createMask(sb);
      same('count', maskCount(a), sa.size);
      same('bits', maskBits(a), sorted(sa));
      same('union', maskBits(maskUnion(createMask(), a, b)), sorted(new Set([...sa, ...sb])));
      same('intersect', maskBits(maskIntersect(createMask(), a, b)), sorted([...sa].filter((x) => sb.has(x))));
      same('difference', maskBits(maskDifference(createMask(), a, b)), sorted([...sa].filter((x) => !sb.has(x))));
      const isSubset = [...sa].every((x) => sb.has(x));
      same('subset', maskIsSubset(a, b), isSubset);
      if (isSubset) subsets++;
      same('equals', maskEquals(a, b), sa.size === sb.size && isSubset);
      same('clone', maskEquals(a, cloneMask(a)), true);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(subsets).toBeGreaterThan(600);
  });

  it('maskUnion and maskIntersect may write into an operand', () => {
    const a = createMask([1, 40]);
    const b = createMask([40, 100]);
    maskUnion(a, a, b);
    expect(maskBits(a)).toEqual([1, 40, 100]);
    maskIntersect(b, a, b);
    expect(maskBits(b)).toEqual([40, 100]);
    maskDifference(a, a, b);
    expect(maskBits(a)).toEqual([1]);
  });

  it('delegableWord widens each delegate bit to its whole resource', () => {
    expect(delegableWord(0)).toBe(0);
    expect(delegableWord(0x8)).toBe(0xf);
    expect(delegableWord(0x7)).toBe(0);
    expect(delegableWord(0x80000001)).toBe(0xf0000000);
    expect(delegableWord(0x88888888)).toBe(0xffffffff);
  });
});

describe('ScopeSpace', () => {
  const space = new ScopeSpace(['crm', 'payments', 'email', 'repo']);

  it('mask parses resource:operation names and wildcards', () => {
    expect(space.names(space.mask(['crm:read', 'payments:write']))).toEqual(['crm:read', 'payments:write']);
    expect(space.names(space.mask(['email:*']))).toEqual(['email:read', 'email:write', 'email:execute', 'email:delegate']);
    expect(space.names(space.mask(['*:delegate']))).toEqual(['crm:delegate', 'payments:delegate', 'email:delegate', 'repo:delegate']);
    expect(maskCount(space.full())).toBe(16);
    expect(space.bit('repo', 'execute')).toBe(scopeBit(3, Operation.Execute));
  });

  it('mask rejects unknown resources, operations and malformed names', () => {
    expect(() => space.mask(['hr:read'])).toThrow(/unknown resource "hr"/);
    expect(() => space.mask(['crm:fly'])).toThrow(/unknown operation "fly"/);
    expect(() => space.mask(['crm'])).toThrow(/must be 'resource:operation'/);
  });

  it('new ScopeSpace rejects more than 32 resources, duplicates and bad names', () => {
    expect(() => new ScopeSpace(Array.from({ length: 33 }, (_, i) => `r${i}`))).toThrow(/at most 32/);
    expect(() => new ScopeSpace(['crm', 'crm'])).toThrow(/duplicate/);
    expect(() => new ScopeSpace(['crm:x'])).toThrow(/must start with a letter/);
    expect(new ScopeSpace(Array.from({ length: 32 }, (_, i) => `r${i}`)).names(createMask([127]))).toEqual(['r31:delegate']);
  });
});
