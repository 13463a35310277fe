// Verification of a delivered output (MODEL.md §3 step 7; paper §4.8). Four
// methods, each with a cost, a duration, a true-positive rate (catching a
// defective output) and a false-positive rate (rejecting a correct one) that
// depend on the task's verifiability v and subjectivity s:
//   inspection   TPR = d·v·(1 − 0.5·s)            FPR = f·s
//   third-party  TPR = d·(0.5 + 0.5·v)·(1 − 0.3·s) FPR = f·s
//   proof        TPR = d if v ≥ minVerifiability, else 0 (no proof exists)   FPR = f
//   panel        k judges, each TPR_j = d·(0.4 + 0.6·v)·(1 − 0.4·s), FPR_j = f·s;
//                with probability `correlation` they share one draw (they err
//                together), otherwise they draw independently; majority decides.
// (d = detection, f = falsePositive, from the scenario.) Hard-to-verify and
// subjective outputs are where verification is weakest and most contested.

import type { Rng } from '../engine/random.js';
import type { Scenario } from '../scenario/schema.js';

export const Method = { None: -1, Inspection: 0, ThirdParty: 1, Proof: 2, Panel: 3 } as const;
export const METHOD_NAMES = ['inspection', 'third-party', 'proof', 'panel'] as const;

type VerificationConfig = Scenario['verification'];

export function methodCode(name: VerificationConfig['method']): number {
  return METHOD_NAMES.indexOf(name);
}

export class Verifier {
  constructor(private readonly config: VerificationConfig) {}

  /** Credits one verification by `method` costs. */
  cost(method: number): number {
    const c = this.config;
    switch (method) {
      case Method.Inspection:
        return c.inspection.cost;
      case Method.ThirdParty:
        return c.thirdParty.cost;
      case Method.Proof:
        return c.proof.cost;
      default:
        return c.panel.cost * c.panel.judges;
    }
  }

  /** Minutes one verification by `method` takes. */
  time(method: number): number {
    const c = this.config;
    return method === Method.Inspection
      ? c.inspection.time
      : method === Method.ThirdParty
        ? c.thirdParty.time
        : method === Method.Proof
          ? c.proof.time
          : c.panel.time;
  }

  /** Probability a single (non-panel) method rejects a defective output. */
  truePositive(method: number, v: number, s: number): number {
    const c = this.config;
    switch (method) {
      case Method.Inspection:
        return c.inspection.detection * v * (1 - 0.5 * s);
      case Method.ThirdParty:
        return c.thirdParty.detection * (0.5 + 0.5 * v) * (1 - 0.3 * s);
      case Method.Proof:
        return v >= c.proof.minVerifiability ? c.proof.detection : 0;
      default:
        return c.panel.detection * (0.4 + 0.6 * v) * (1 - 0.4 * s);
    }
  }

  /** Probability a single (non-panel) method rejects a correct output. */
  falsePositive(method: number, s: number): number {
    const c = this.config;
    switch (method) {
      case Method.Inspection:
        return c.inspection.falsePositive * s;
      case Method.ThirdParty:
        return c.thirdParty.falsePositive * s;
      case Method.Proof:
        return c.proof.falsePositive;
      default:
        return c.panel.falsePositive * s;
    }
  }

  /** Draws whether verification rejects the output. */
  rejects(method: number, defective: boolean, v: number, s: number, rng: Rng): boolean {
    const p = defective ? this.truePositive(method, v, s) : this.falsePositive(method, s);
    if (method !== Method.Panel) return rng() < p;
    const { judges, correlation } = this.config.panel;
    // Correlated judges: one shared draw decides every vote at once.
    if (rng() < correlation) return rng() < p;
    let votes = 0;
    for (let j = 0; j < judges; j++) if (rng() < p) votes++;
    return votes * 2 > judges;
  }
}
