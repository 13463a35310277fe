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
// Entries are indexed by (delegator, CSR skill slot of the agent) and
// decay is applied lazily from each entry's last update time. An entry's four
// numbers (successes, failures, last update, observation count) sit side by
// side, next to the slot's public reputation (slotEvidence.ts), because
// policies read the trust and reputation of a handful of random agents per
// task: one memory miss per candidate instead of one per column.

import type { Rng } from '../../engine/random.js';
import { tableNormal } from '../../engine/normalTable.js';
import { exp } from '../../engine/detMath.js';
import { REPUTATION_FIELDS, SlotEvidence, TRUST_FIELDS } from './slotEvidence.js';

export interface TrustParams {
  delegators: number;
  prior: { alpha: number; beta: number };
  halfLife: number;
  damping: number;
}

/** Layout of one entry (TRUST_FIELDS doubles). */
const SUCCESSES = 0;
const FAILURES = 1;
const UPDATED = 2;
const OBSERVATIONS = 3;

export class TrustStore {
  /** Per entry: evidence above the prior as of its last update, that time, and the observations ever made. */
  private readonly entries: Float64Array;
  /** Doubles per slot block in `entries`. */
  private readonly stride: number;
  private readonly alpha0: number;
  private readonly beta0: number;
  /** λ of the decay: evidence last updated at u holds the share e^(−λ(now − u)) at `now`. */
  readonly decayRate: number;
  private readonly damping: number;

  constructor(
    params: TrustParams,
    /** Number of CSR skill slots (agent × held skill) in the population. */
    readonly slots: number,
    /** The blocks to keep entries in (shared with the ReputationLedger in a world). */
    evidence = new SlotEvidence(params.delegators, slots),
  ) {
    if (evidence.delegators !== params.delegators || evidence.slots !== slots) {
      throw new RangeError(`TrustStore: evidence blocks are for ${evidence.delegators} delegators × ${evidence.slots} slots, not ${params.delegators} × ${slots}`);
    }
    this.entries = evidence.data;
    this.stride = evidence.stride;
    this.alpha0 = params.prior.alpha;
    this.beta0 = params.prior.beta;
    this.decayRate = Math.LN2 / params.halfLife;
    this.damping = params.damping;
  }

  /** Offset of delegator d's entry for slot k. */
  private offset(d: number, k: number): number {
    return k * this.stride + REPUTATION_FIELDS + d * TRUST_FIELDS;
  }

  /** Share of the evidence at offset `e` still held at `now`. */
  private keep(e: number, now: number): number {
    return exp(-this.decayRate * (now - (this.entries[e + UPDATED] as number)));
  }

  /**
   * Records an observed outcome of delegator d's task on skill slot k and
   * returns the trust (posterior mean) the delegator held just before it —
   * the forecast the outcome scores.
   */
  observe(d: number, k: number, success: boolean, criticality: number, now: number): number {
    const x = this.entries;
    const e = this.offset(d, k);
    const keep = this.keep(e, now);
    const s0 = (x[e + SUCCESSES] as number) * keep;
    const f0 = (x[e + FAILURES] as number) * keep;
    const a = this.alpha0 + s0;
    const forecast = a / (a + this.beta0 + f0);
    const weight = this.damping * (0.5 + criticality);
    x[e + SUCCESSES] = s0 + (success ? weight : 0);
    x[e + FAILURES] = f0 + (success ? 0 : weight);
    x[e + UPDATED] = now;
    x[e + OBSERVATIONS]!++;
    return forecast;
  }

  /** Observations delegator d ever made of slot k (not decayed): whether it has any experience. */
  observations(d: number, k: number): number {
    return this.entries[this.offset(d, k) + OBSERVATIONS] as number;
  }

  /** Forgets everything about slot k for delegator d (the agent took a fresh identity). */
  reset(d: number, k: number): void {
    const e = this.offset(d, k);
    this.entries[e + SUCCESSES] = 0;
    this.entries[e + FAILURES] = 0;
    this.entries[e + OBSERVATIONS] = 0;
  }

  /** Posterior mean of delegator d's trust in slot k at time `now`. */
  mean(d: number, k: number, now: number): number {
    const e = this.offset(d, k);
    return this.meanOf(e, this.keep(e, now));
  }

  /** When delegator d's entry for slot k was last updated: its decay runs from then. */
  updatedAt(d: number, k: number): number {
    return this.entries[this.offset(d, k) + UPDATED] as number;
  }

  /** Posterior mean of delegator d's trust in slot k when the share `keep` of its evidence is left (mean() at a time whose decay the caller computed). */
  meanKeeping(d: number, k: number, keep: number): number {
    return this.meanOf(this.offset(d, k), keep);
  }

  /** Posterior mean of the entry at offset `e` with the share `keep` of its evidence left. */
  private meanOf(e: number, keep: number): number {
    const x = this.entries;
    const a = this.alpha0 + (x[e + SUCCESSES] as number) * keep;
    const b = this.beta0 + (x[e + FAILURES] as number) * keep;
    return a / (a + b);
  }

  /**
   * Mean + 2 sd of delegator d's Beta posterior for slot k at `now`: the most
   * the delegator can still believe the agent's reliability to be. Below a bar,
   * the delegator is confident the agent is below it — the prior alone is not.
   */
  upperBound(d: number, k: number, now: number): number {
    // Beta(a, b) with mean m and a + b = n has variance m(1 − m) / (n + 1).
    const m = this.mean(d, k, now);
    const n = this.alpha0 + this.beta0 + this.evidence(d, k, now);
    return m + 2 * Math.sqrt((m * (1 - m)) / (n + 1));
  }

  /** Effective evidence count (α + β − prior) of the entry at `now`. */
  evidence(d: number, k: number, now: number): number {
    const x = this.entries;
    const e = this.offset(d, k);
    return ((x[e + SUCCESSES] as number) + (x[e + FAILURES] as number)) * this.keep(e, now);
  }

  /**
   * A Thompson sample from the posterior: optimism in proportion to
   * uncertainty. Gaussian approximation of the Beta — mean + sd·Z, clamped
   * to [0, 1] — with Z from a quantile table: one uniform per candidate
   * instead of two gamma draws, on the policy's hot path.
   */
  sample(d: number, k: number, now: number, rng: Rng): number {
    const x = this.entries;
    const e = this.offset(d, k);
    const keep = this.keep(e, now);
    const a = this.alpha0 + (x[e + SUCCESSES] as number) * keep;
    const b = this.beta0 + (x[e + FAILURES] as number) * keep;
    const n = a + b;
    const z = a / n + Math.sqrt((a * b) / (n * n * (n + 1))) * tableNormal(rng);
    return z < 0 ? 0 : z > 1 ? 1 : z;
  }
}
