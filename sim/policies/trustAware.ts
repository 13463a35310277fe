// `trust-aware`: dynamic assessment (paper §1, §4.2; MODEL.md §3 step 2, §4).
// For each shortlisted agent it estimates the chance of success from the
// delegator's trust blended with reputation, explores with Thompson sampling
// (or UCB), and picks the best expected utility:
//   U(a) = p̂(a) · V − priceWeight · fee(a) − loadWeight · load(a) · V / 10
//   V    = valueBase + criticality · lossPerCriticality   (what success is worth)
//   fee  = price per minute × duration ÷ advertised speed
// It changes nothing else: monitoring and verification follow the scenario.
//
// Parameters (scenario `policyParams`; declared by trustAwareParams below):
//   exploration  'thompson' (default) | 'ucb' | 'greedy'
//   ucbC         UCB width multiplier, ≥ 0 (default 1)
//   priceWeight  weight of the expected fee, ≥ 0 (default 1)
//   loadWeight   weight of the agent's current load, ≥ 0 (default 0.5)
//   valueBase    credits a success is worth beyond the avoided loss, ≥ 0 (default 10)

import { z } from 'zod';
import { readPolicyParams, type PolicyFactory, type PolicyParams } from './policy.js';
import { nonNegative } from '../scenario/fields.js';
import type { PolicyView } from './policyView.js';
import type { Rng } from '../engine/random.js';
import type { Shortlist } from '../model/freeAgents.js';

/** trust-aware's parameters (see the header); intelligent and registry reuse them. */
export const trustAwareParams = {
  exploration: z.enum(['thompson', 'ucb', 'greedy']).default('thompson'),
  ucbC: nonNegative().default(1),
  priceWeight: nonNegative().default(1),
  loadWeight: nonNegative().default(0.5),
  valueBase: nonNegative().default(10),
};

export interface UtilityParams {
  exploration: string;
  ucbC: number;
  priceWeight: number;
  loadWeight: number;
  valueBase: number;
}

export function utilityParams(params: PolicyParams): UtilityParams {
  return readPolicyParams(trustAwareParams, params);
}

/** The estimated success chance of the agent holding skill slot k (of the task's skill), with the chosen exploration bonus. */
export function estimate(p: UtilityParams, task: number, k: number, view: PolicyView, rng: Rng): number {
  if (p.exploration === 'thompson') return view.slotTrustSample(task, k, rng);
  const mean = view.slotTrust(task, k);
  if (p.exploration === 'greedy') return mean;
  const n = view.slotTrustEvidence(task, k);
  return mean + p.ucbC * Math.sqrt((mean * (1 - mean)) / (n + 1));
}

/** Expected utility of giving the task to agent a (see the header). */
export function utility(p: UtilityParams, task: number, a: number, view: PolicyView, success: number): number {
  const value = p.valueBase + view.taskCriticality(task) * view.lossPerCriticality;
  const fee = (view.price(a) * view.taskDuration(task)) / view.speed(a);
  return success * value - p.priceWeight * fee - (p.loadWeight * view.load(a) * value) / 10;
}

/** The best candidate by expected utility, optionally skipping agents `exclude` rejects (if any remain). */
export function bestByUtility(
  p: UtilityParams,
  task: number,
  candidates: Shortlist,
  view: PolicyView,
  rng: Rng,
  exclude?: (agent: number, slot: number) => boolean,
): number {
  let best = -1;
  let bestU = -Infinity;
  let bestAny = -1;
  let bestAnyU = -Infinity;
  for (let i = 0; i < candidates.size; i++) {
    const a = candidates.ids[i] as number;
    const k = candidates.slots[i] as number;
    const u = utility(p, task, a, view, estimate(p, task, k, view, rng));
    if (u > bestAnyU) {
      bestAny = a;
      bestAnyU = u;
    }
    if (exclude && exclude(a, k)) continue;
    if (u > bestU) {
      best = a;
      bestU = u;
    }
  }
  return best >= 0 ? best : bestAny;
}

export const trustAware: PolicyFactory = ({ params, rng }) => {
  const p = utilityParams(params);
  return {
    name: 'trust-aware',
    assign: (task, candidates, view) => bestByUtility(p, task, candidates, view, rng),
  };
};
