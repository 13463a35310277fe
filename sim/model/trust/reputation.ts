// Public reputation (MODEL.md §4; paper §4.6): a ledger of verified and
// accepted outcomes per (agent, skill) that every delegator reads and
// writes. Its known weaknesses are part of the model:
//  - it counts every task the same, so an agent can build it on a volume of
//    easy, low-stakes work (private trust weighs outcomes by criticality);
//  - it never forgets, so it reacts slowly to an agent that degrades;
//  - it trusts its reporters (colluders and false reports, issue #5).
// A latent defect discovered later turns one recorded success into a
// failure: reputation is lowered retroactively.

export class ReputationLedger {
  /** Successes and failures on record, interleaved per slot (2k, 2k + 1): one cache line per lookup. */
  private readonly tally: Float64Array;

  constructor(readonly slots: number) {
    this.tally = new Float64Array(2 * slots);
  }

  record(k: number, success: boolean): void {
    this.tally[2 * k + (success ? 0 : 1)]!++;
  }

  /** A success on record turns out to have been a defect. */
  revise(k: number): void {
    if (this.tally[2 * k]! > 0) this.tally[2 * k]!--;
    this.tally[2 * k + 1]!++;
  }

  /** Laplace-smoothed success share of slot k. */
  mean(k: number): number {
    const s = this.tally[2 * k] as number;
    return (s + 1) / (s + (this.tally[2 * k + 1] as number) + 2);
  }

  count(k: number): number {
    return (this.tally[2 * k] as number) + (this.tally[2 * k + 1] as number);
  }

  /** Wipes an identity's history (whitewashing, issue #5). */
  reset(k: number): void {
    this.tally[2 * k] = 0;
    this.tally[2 * k + 1] = 0;
  }
}
