// `registry`: a centralized registry orchestrator (paper §4.2; MODEL.md §6),
// the comparison point for the contract-net market. One orchestrator knows
// every agent's record (trust blended with reputation) and assigns greedily
// by expected utility — but it makes only market.orchestratorRate assignments
// per minute (its span of control), so under load tasks queue for it.
// Fees are per minute as usual (no bidding).
//
// Parameters (scenario `policyParams`; declared by registryParams below):
// those of trust-aware's utility — priceWeight, loadWeight, valueBase (it
// always scores greedily, so exploration and ucbC do not apply).

import type { PolicyFactory } from './policy.js';
import { bestByUtility, trustAwareParams, utilityParams } from './trustAware.js';

/** registry's parameters (see the header). */
export const registryParams = {
  priceWeight: trustAwareParams.priceWeight,
  loadWeight: trustAwareParams.loadWeight,
  valueBase: trustAwareParams.valueBase,
};

export const centralRegistry: PolicyFactory = ({ params, rng }) => {
  const p = { ...utilityParams(params), exploration: 'greedy' };
  return {
    name: 'registry',
    negotiation: 'registry',
    assign: (task, candidates, view) => bestByUtility(p, task, candidates, view, rng),
  };
};
