// Private trust (MODEL.md §4; paper §4.6, Table 3): each delegator's belief
// that an agent will deliver on a skill, a Beta(α, β) posterior over the
// agent's success probability.
//  - Updated only from what the delegator observed: verification results,
//    visible failures, defects discovered later, and outputs accepted
//    without verification (which a silent defect fools).
//  - Evidence decays toward the prior with a half-life, so trust tracks an
//    agent whose reliability drifts.
//  - Damping: each observation adds `damping · (0.5 + criticality)` — lower
//    damping makes trust steadier (a stability control against oscillation),
//    and high-stakes outcomes weigh more for the delegator who bears them.
// Entries are indexed by (delegator, CSR skill slot of the agent) in flat
// typed arrays; decay is applied lazily from each entry's last update time.

import type { Rng } from '../../engine/random.js';
import { tableNormal } from '../../engine/normalTable.js';
import { exp } from '../../engine/detMath.js';

export interface TrustParams {
  delegators: number;
  prior: { alpha: number; beta: number };
  halfLife: number;
  damping: number;
}

export class TrustStore {
  /** Evidence above the prior, as of `updated`. */
  private readonly successes: Float64Array;
  private readonly failures: Float64Array;
  private readonly updated: Float64Array;
  /** Observations ever made (not decayed): whether a delegator has any experience. */
  readonly observations: Float32Array;
  private readonly alpha0: number;
  private readonly beta0: number;
  private readonly decayRate: number;
  private readonly damping: number;

  constructor(
    params: TrustParams,
    /** Number of CSR skill slots (agent × held skill) in the population. */
    readonly slots: number,
  ) {
    const n = params.delegators * slots;
    this.successes = new Float64Array(n);
    this.failures = new Float64Array(n);
    this.updated = new Float64Array(n);
    this.observations = new Float32Array(n);
    this.alpha0 = params.prior.alpha;
    this.beta0 = params.prior.beta;
    this.decayRate = Math.LN2 / params.halfLife;
    this.damping = params.damping;
  }

  private decay(i: number, now: number): number {
    return exp(-this.decayRate * (now - (this.updated[i] as number)));
  }

  /**
   * Records an observed outcome of delegator d's task on skill slot k and
   * returns the trust (posterior mean) the delegator held just before it —
   * the forecast the outcome scores.
   */
  observe(d: number, k: number, success: boolean, criticality: number, now: number): number {
    const i = d * this.slots + k;
    const keep = this.decay(i, now);
    const s0 = (this.successes[i] as number) * keep;
    const a = this.alpha0 + s0;
    const forecast = a / (a + this.beta0 + (this.failures[i] as number) * keep);
    const weight = this.damping * (0.5 + criticality);
    this.successes[i] = s0 + (success ? weight : 0);
    this.failures[i] = (this.failures[i] as number) * keep + (success ? 0 : weight);
    this.updated[i] = now;
    this.observations[i]!++;
    return forecast;
  }

  /** Forgets everything about slot k for delegator d (the agent took a fresh identity). */
  reset(d: number, k: number): void {
    const i = d * this.slots + k;
    this.successes[i] = 0;
    this.failures[i] = 0;
    this.observations[i] = 0;
  }

  /** Posterior mean of delegator d's trust in slot k at time `now`. */
  mean(d: number, k: number, now: number): number {
    const i = d * this.slots + k;
    const keep = this.decay(i, now);
    const a = this.alpha0 + (this.successes[i] as number) * keep;
    const b = this.beta0 + (this.failures[i] as number) * keep;
    return a / (a + b);
  }

  /** Effective evidence count (α + β − prior) of the entry at `now`. */
  evidence(d: number, k: number, now: number): number {
    const i = d * this.slots + k;
    return ((this.successes[i] as number) + (this.failures[i] as number)) * this.decay(i, now);
  }

  /**
   * A Thompson sample from the posterior: optimism in proportion to
   * uncertainty. Gaussian approximation of the Beta — mean + sd·Z, clamped
   * to [0, 1] — with Z from a quantile table: one uniform per candidate
   * instead of two gamma draws, on the policy's hot path.
   */
  sample(d: number, k: number, now: number, rng: Rng): number {
    const i = d * this.slots + k;
    const keep = this.decay(i, now);
    const a = this.alpha0 + (this.successes[i] as number) * keep;
    const b = this.beta0 + (this.failures[i] as number) * keep;
    const n = a + b;
    const x = a / n + Math.sqrt((a * b) / (n * n * (n + 1))) * tableNormal(rng);
    return x < 0 ? 0 : x > 1 ? 1 : x;
  }
}
