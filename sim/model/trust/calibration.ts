// Trust calibration (MODEL.md §4: "measure trust calibration against hidden
// reliability"; paper §4.6): the mean absolute difference between delegator
// 0's trust and the hidden reliability of the agents it has observed, over
// a fixed, evenly spread subset of (agent, skill) slots. The world measures
// it at every time-series sample (the trustError series) and at the end of
// the run (the trustError metric). The hidden reliability is read here, for
// the metric only: no policy ever sees it.
//
// Why a class of its own: a run takes ~1,000 samples and each reads every
// tracked slot's decayed trust. An entry last updated at u keeps the share
// e^(−λ(now − u)) of its evidence; written as e^(−λ(now − base)) ·
// e^(λ(u − base)), the first factor is one exp per sample and the second
// changes only when the entry is updated, so it is cached per slot: an exp
// per update of a tracked slot instead of one per slot per sample (the
// direct scan took a fifth of a 207-agent enterprise run). The product
// differs from the direct exp by a few ulps. `base` moves up to `now`
// before λ(now − base) nears the largest exp a double holds.

import { exp } from '../../engine/detMath.js';
import type { TrustStore } from './trustStore.js';

/** λ(now − base) above which the base moves: e^600 ≈ 4·10^260 still fits a double. */
const MAX_EXPONENT = 600;

export class TrustCalibration {
  /** e^(λ(u − base)) for the update time u each slot's factor was made for. */
  private readonly growth: Float64Array;
  /** The update time each cached factor is for (NaN: none yet). */
  private readonly madeFor: Float64Array;
  private base = 0;

  constructor(
    private readonly trust: TrustStore,
    /** The tracked skill slots. */
    readonly slots: Int32Array,
    /** The agent holding each tracked slot. */
    private readonly owners: Int32Array,
    /** Each tracked slot's hidden base reliability (before the owner's reliability factor). */
    private readonly reliability: Float32Array,
  ) {
    this.growth = new Float64Array(slots.length);
    this.madeFor = new Float64Array(slots.length).fill(NaN);
  }

  /**
   * Mean |trust − hidden reliability| at `now` over the tracked slots
   * delegator 0 has observed; NaN when it has observed none of them.
   * `reliabilityFactor` is each agent's current factor (degradation episodes).
   */
  error(now: number, reliabilityFactor: Float64Array): number {
    const { trust, slots, growth, madeFor } = this;
    const rate = trust.decayRate;
    if (rate * (now - this.base) > MAX_EXPONENT) {
      this.base = now;
      madeFor.fill(NaN);
    }
    const shrink = exp(-rate * (now - this.base));
    let sum = 0;
    let n = 0;
    for (let i = 0; i < slots.length; i++) {
      const k = slots[i] as number;
      if (trust.observations(0, k) === 0) continue;
      const u = trust.updatedAt(0, k);
      if (u !== madeFor[i]) {
        madeFor[i] = u;
        growth[i] = exp(rate * (u - this.base));
      }
      const truth = (this.reliability[i] as number) * (reliabilityFactor[this.owners[i] as number] as number);
      sum += Math.abs(trust.meanKeeping(0, k, (growth[i] as number) * shrink) - truth);
      n++;
    }
    return n > 0 ? sum / n : NaN;
  }
}
