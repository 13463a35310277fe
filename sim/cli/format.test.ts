import { describe, expect, it } from 'vitest';
import { formatNumber, table } from './format.js';

describe('formatNumber', () => {
  it('groups thousands the same way for integers and fractions', () => {
    expect(formatNumber(6336)).toBe('6,336');
    expect(formatNumber(6555.24)).toBe('6,555.2');
    expect(formatNumber(-1300.66)).toBe('-1,300.7');
    expect(formatNumber(1_000_000)).toBe('1,000,000');
  });

  it('gives small fractions four significant digits', () => {
    expect(formatNumber(0.668712)).toBe('0.6687');
    expect(formatNumber(-0.0009094)).toBe('-0.0009094');
    expect(formatNumber(999.96)).toBe('1000');
  });

  it('prints non-finite values as JavaScript does', () => {
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('table', () => {
  it('pads every column to its widest cell and trims line ends', () => {
    expect(table([['a', 'bb', 'c'], ['ccc', 'd', '']])).toBe('a    bb  c\nccc  d');
  });
});
