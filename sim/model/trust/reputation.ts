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
  readonly successes: Float64Array;
  readonly failures: Float64Array;

  constructor(readonly slots: number) {
    this.successes = new Float64Array(slots);
    this.failures = new Float64Array(slots);
  }

  record(k: number, success: boolean): void {
    if (success) this.successes[k]!++;
    else this.failures[k]!++;
  }

  /** A success on record turns out to have been a defect. */
  revise(k: number): void {
    if (this.successes[k]! > 0) this.successes[k]!--;
    this.failures[k]!++;
  }

  /** Laplace-smoothed success share of slot k. */
  mean(k: number): number {
    return ((this.successes[k] as number) + 1) / ((this.successes[k] as number) + (this.failures[k] as number) + 2);
  }

  count(k: number): number {
    return (this.successes[k] as number) + (this.failures[k] as number);
  }

  /** Wipes an identity's history (whitewashing, issue #5). */
  reset(k: number): void {
    this.successes[k] = 0;
    this.failures[k] = 0;
  }
}
