// Random streams: a run's master seed forked into independent, named,
// reproducible uniform generators.
//
// Why named streams: each source of randomness (arrivals, population,
// durations, outcomes, failures, policy, …) draws from its own stream, so a
// change in how much one consumer draws never shifts what another sees. Two
// policies run with the same seed therefore face the same goals, population and
// failures (common random numbers), which is what makes paired comparisons
// tight.
//
// Why xor4096: a 4096-bit state with a period near 2^4128 makes overlap between
// the many streams of a sweep a non-issue, it has no systematic BigCrush
// failures, and it is pure JS, so Node and the browser produce the same bits.
// Nothing here touches Math.random, and there is no global seed.

import seedrandom from 'seedrandom';

/**
 * A source of uniform numbers in [0, 1). Every stochastic function takes one
 * as its first argument instead of reaching for a global.
 *
 * Streams made by {@link createStream} have 32 bits of resolution: values are
 * multiples of 2^-32, so `1 - rng()` is never 0 and is at least 2^-32.
 *
 * @example
 * ```ts
 * const coin = (rng: Rng) => (rng() < 0.5 ? 'heads' : 'tails');
 * ```
 */
export type Rng = () => number;

/**
 * Throws a RangeError unless `seed` is a non-negative safe integer.
 *
 * Why so strict: seeds end up in manifests and on command lines; a fractional
 * or huge seed would print differently from how it seeds (1e21, 0.1 + 0.2),
 * breaking `delegsim reproduce`.
 */
function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  }
}

/**
 * Creates the uniform stream called `name` under master seed `seed`. The same
 * (seed, name) always gives the same sequence, on every machine; different
 * names give unrelated sequences.
 *
 * @example
 * ```ts
 * const arrivals = createStream(42, 'arrivals');
 * const u = arrivals(); // in [0, 1), the same on every run with seed 42
 * ```
 */
export function createStream(seed: number, name: string): Rng {
  checkSeed(seed);
  // The seed prints as plain digits (checkSeed), so the first ':' always ends
  // it and distinct (seed, name) pairs give distinct seed strings. xor4096 mixes
  // every character of the string into its whole state.
  // The generator is returned as is, not wrapped: a wrapper would cost a call
  // on every draw of the hot path.
  return seedrandom.xor4096(`${seed}:${name}`);
}

/**
 * The named streams of one run, created on first use from the master seed.
 *
 * @example
 * ```ts
 * const streams = new RandomStreams(42);
 * const arrivals = streams.get('arrivals');
 * streams.get('arrivals') === arrivals; // true: one stream per name
 * ```
 */
export class RandomStreams {
  /** The master seed every stream of this run derives from. */
  readonly seed: number;

  // Looked up by name only, never iterated, so insertion order cannot leak
  // into results.
  private readonly streams = new Map<string, Rng>();

  constructor(seed: number) {
    checkSeed(seed);
    this.seed = seed;
  }

  /**
   * Returns the stream called `name`, creating it the first time. Caching
   * matters: a second `createStream` with the same name would replay the same
   * numbers instead of continuing the sequence.
   */
  get(name: string): Rng {
    let rng = this.streams.get(name);
    if (rng === undefined) {
      rng = createStream(this.seed, name);
      this.streams.set(name, rng);
    }
    return rng;
  }
}
