// Parsing and checking of command-line option values.

import { UsageError } from './errors.js';

/** A seed: a whole number from 0 to 2^32 − 1. */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new UsageError(`--seed: must be a whole number from 0 to 4294967295, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** Appends repeated option values (commander's collector). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
