// The evidence about one skill slot (an agent holding a skill, MODEL.md §4):
// its public reputation and every delegator's private trust, side by side in
// one block of a single Float64Array.
//
// Why one block: trust-aware policies score each candidate on its
// delegator's trust *and* its public reputation (paper §4.6 blends both),
// for a handful of random slots per task. With 10^4 agents those reads miss
// every cache; kept in separate arrays they cost two misses per candidate,
// in one block (48 bytes with one delegator) usually one.
//
// Block of slot k, at k · stride:
//   [0] reputation successes  [1] reputation failures
//   then per delegator d, at 2 + 4d: trust successes, failures, last update,
//   observation count (see trustStore.ts).

/** Doubles of reputation at the head of each block. */
export const REPUTATION_FIELDS = 2;
/** Doubles of one delegator's trust entry. */
export const TRUST_FIELDS = 4;

export class SlotEvidence {
  /** Doubles per slot. */
  readonly stride: number;
  readonly data: Float64Array;

  constructor(
    readonly delegators: number,
    readonly slots: number,
  ) {
    this.stride = REPUTATION_FIELDS + TRUST_FIELDS * delegators;
    this.data = new Float64Array(slots * this.stride);
  }
}
