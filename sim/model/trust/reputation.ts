// Public reputation (MODEL.md §4; paper §4.6): a ledger of verified and
// accepted outcomes per (agent, skill) that every delegator reads and
// writes. Its known weaknesses are part of the model:
//  - it counts every task the same, so an agent can build it on a volume of
//    easy, low-stakes work (private trust weighs outcomes by criticality);
//  - it never forgets, so it reacts slowly to an agent that degrades;
//  - it trusts its reporters (colluders and false reports, issue #5).
// A latent defect discovered later turns one recorded success into a
// failure: reputation is lowered retroactively.

import { SlotEvidence } from './slotEvidence.js';

export class ReputationLedger {
  /**
   * Successes and failures on record at the head of each slot's evidence
   * block (k · stride, k · stride + 1), beside the delegators' trust in the
   * slot (slotEvidence.ts): policies read both, one cache line per lookup.
   */
  private readonly tally: Float64Array;
  private readonly stride: number;

  constructor(
    readonly slots: number,
    /** The blocks to keep the tallies in (shared with the TrustStore in a world). */
    evidence = new SlotEvidence(1, slots),
  ) {
    if (evidence.slots !== slots) throw new RangeError(`ReputationLedger: evidence blocks are for ${evidence.slots} slots, not ${slots}`);
    this.tally = evidence.data;
    this.stride = evidence.stride;
  }

  record(k: number, success: boolean): void {
    this.tally[k * this.stride + (success ? 0 : 1)]!++;
  }

  /** A success on record turns out to have been a defect. */
  revise(k: number): void {
    const e = k * this.stride;
    if (this.tally[e]! > 0) this.tally[e]!--;
    this.tally[e + 1]!++;
  }

  /** Laplace-smoothed success share of slot k. */
  mean(k: number): number {
    const e = k * this.stride;
    const s = this.tally[e] as number;
    return (s + 1) / (s + (this.tally[e + 1] as number) + 2);
  }

  count(k: number): number {
    const e = k * this.stride;
    return (this.tally[e] as number) + (this.tally[e + 1] as number);
  }

  /** Wipes an identity's history (whitewashing, issue #5). */
  reset(k: number): void {
    const e = k * this.stride;
    this.tally[e] = 0;
    this.tally[e + 1] = 0;
  }
}
