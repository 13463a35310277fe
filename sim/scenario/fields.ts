// Field builders for the scenario schema: numbers in a domain, integers,
// names. Each check carries the rule as its message ("must be in [0, 1]"), so
// an error line reads as something the author of a scenario can act on.
import { z } from 'zod';

/**
 * The set of values a number may take: an interval whose ends are open or
 * closed. `max: Infinity` leaves it unbounded above.
 *
 * @example
 * const probability: Domain = { min: 0, max: 1 };
 * const duration: Domain = { min: 0, max: Infinity, minExclusive: true };
 */
export interface Domain {
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** [0, 1]: probabilities and task characteristics. */
export const UNIT: Domain = { min: 0, max: 1 };
/** (0, ∞): durations, speeds, rates. */
export const POSITIVE: Domain = { min: 0, max: Infinity, minExclusive: true };
/** [0, ∞): costs and prices. */
export const NON_NEGATIVE: Domain = { min: 0, max: Infinity };

/**
 * The rule a value of `domain` obeys, worded to follow "must be".
 *
 * @example
 * describeDomain(UNIT);     // 'in [0, 1]'
 * describeDomain(POSITIVE); // 'greater than 0'
 */
export function describeDomain(domain: Domain): string {
  const { min, max, minExclusive = false, maxExclusive = false } = domain;
  const lowerOpen = min === -Infinity;
  const upperOpen = max === Infinity;
  if (lowerOpen && upperOpen) return 'a finite number';
  if (upperOpen) return `${minExclusive ? 'greater than' : 'at least'} ${min}`;
  if (lowerOpen) return `${maxExclusive ? 'less than' : 'at most'} ${max}`;
  return `in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
}

/** Whether `x` lies in `domain`. */
export function inDomain(x: number, domain: Domain): boolean {
  const { min, max, minExclusive = false, maxExclusive = false } = domain;
  return (minExclusive ? x > min : x >= min) && (maxExclusive ? x < max : x <= max);
}

/**
 * A finite number in `domain` (zod 4 numbers already refuse ±Infinity and NaN).
 *
 * @example
 * numberIn(UNIT).parse(0.3); // 0.3
 */
export function numberIn(domain: Domain) {
  const { min, max, minExclusive = false, maxExclusive = false } = domain;
  const error = `must be ${describeDomain(domain)}`;
  let schema = z.number();
  if (min !== -Infinity) schema = minExclusive ? schema.gt(min, { error }) : schema.gte(min, { error });
  if (max !== Infinity) schema = maxExclusive ? schema.lt(max, { error }) : schema.lte(max, { error });
  return schema;
}

/** A finite number greater than 0. */
export const positive = () => numberIn(POSITIVE);
/** A finite number at least 0. */
export const nonNegative = () => numberIn(NON_NEGATIVE);
/** A finite number in [0, 1]. */
export const unit = () => numberIn(UNIT);

/**
 * An integer in [min, max], with the rule worded for the common bounds.
 *
 * @example
 * integer(1, 1000).parse(16); // 16
 */
export function integer(min: number, max?: number) {
  const low =
    min === 1 ? 'must be a positive integer'
    : min === 0 ? 'must be a non-negative integer'
    : `must be an integer of at least ${min}`;
  // A custom type error too, so `"ten"` reads "must be an integer"; a missing
  // field falls through to the error map's "required".
  const schema = z
    .number({ error: (issue) => (issue.input === undefined ? undefined : 'must be an integer') })
    .int({ error: 'must be an integer' })
    .gte(min, { error: low });
  return max === undefined ? schema : schema.lte(max, { error: `must be at most ${max}` });
}

/** A non-empty name of at most `max` characters. */
export function label(max = 80) {
  return z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters long` });
}

/** Identifiers for skills: a letter, then letters, digits, `_` or `-`. */
export const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_-]*$/; // no `i` flag: JSON Schema patterns have none

/** A skill-like identifier (`legal`, `code-review`, `ocr_2`). */
export function identifier() {
  return z.string().regex(IDENTIFIER, {
    error: 'must start with a letter and contain only letters, digits, _ or -',
  });
}
