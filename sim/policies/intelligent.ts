// `intelligent`: the paper's full delegation cycle (§4, Figure 1; MODEL.md §3):
//  1. decompose contract-first: split until each leaf is verifiable enough,
//     letting low-stakes work skip the protocol (complexity floor) — unless
//     the scenario already sets a contract-first decomposition, which it keeps;
//  2. assign by trust-aware expected utility with Thompson sampling
//     (trustAware.ts), under a model-family diversity cap against monoculture
//     (§4.9): an agent whose family already runs more than `diversityCap` of
//     all running work is passed over while another candidate remains;
//  3. monitor in proportion to stakes: direct process monitoring for critical
//     work, indirect process monitoring for medium, outcome-level otherwise;
//  4. verify in proportion to criticality and inverse verifiability, and when
//     trust in the agent is low, choosing the method that fits the task:
//     a proof when the task is verifiable enough, a judge panel for
//     subjective work, a third party for critical work, inspection otherwise;
//  5. adapt with stability controls: a monitoring cooldown before pulling an
//     attempt (the scenario's adaptation settings do the rest);
//  6. graduated authority (§4.6, §4.9): a new identity (little evidence in
//     trust and reputation) or a low-trust agent gets a value cap — it is
//     passed over for work above `valueCap` criticality while another
//     candidate remains — and mandatory verification of what it delivers.
//     This is what limits the damage of sybils that whitewash their history.
//
// Parameters (scenario `policyParams`; declared by intelligentParams below),
// besides those of trust-aware; shares, criticalities, trust and thresholds in [0, 1]:
//   diversityCap       max share of running work per model family (default 0.5)
//   verifyRisk         verify when criticality × (1 − verifiability) ≥ this (default 0.15)
//   verifyCritical     always verify at or above this criticality (default 0.6)
//   verifyBelowTrust   verify when trust in the agent is below this (default 0.85)
//   monitorDirectAbove criticality for direct process monitoring (default 0.7)
//   monitorAbove       criticality for indirect process monitoring (default 0.4)
//   cooldown           minutes before monitoring may pull an attempt, ≥ 0 (default 5;
//                      a longer adaptation.cooldown in the scenario wins)
//   splitThreshold     contract-first verifiability threshold (default 0.7)
//   graduatedAuthority true (default) | false
//   valueCap           max criticality for new or low-trust agents (default 0.5)
//   newIdentityEvidence evidence (trust + reputation records) below which an agent is new, ≥ 0 (default 3)
//   minTrust           trust below which an agent is capped (default 0.7)

import { z } from 'zod';
import { readPolicyParams, type PolicyFactory } from './policy.js';
import { MonitorPlan } from './policy.js';
import { bestByUtility, trustAwareParams, utilityParams } from './trustAware.js';
import { Method } from '../model/verification.js';
import type { Decomposition } from '../model/decomposition.js';
import type { PolicyView } from './policyView.js';
import { nonNegative, unit } from '../scenario/fields.js';

/** intelligent's parameters (see the header): trust-aware's and its own. */
export const intelligentParams = {
  ...trustAwareParams,
  diversityCap: unit().default(0.5),
  verifyRisk: unit().default(0.15),
  verifyCritical: unit().default(0.6),
  verifyBelowTrust: unit().default(0.85),
  monitorDirectAbove: unit().default(0.7),
  monitorAbove: unit().default(0.4),
  cooldown: nonNegative().default(5),
  splitThreshold: unit().default(0.7),
  graduatedAuthority: z.boolean().default(true),
  valueCap: unit().default(0.5),
  newIdentityEvidence: nonNegative().default(3),
  minTrust: unit().default(0.7),
};

export const intelligent: PolicyFactory = ({ params, rng, scenario }) => {
  const utilityP = utilityParams(params);
  const p = readPolicyParams(intelligentParams, params);
  const { diversityCap, verifyRisk, verifyCritical, verifyBelowTrust, monitorDirectAbove, monitorAbove } = p;
  const decomposition: Decomposition =
    scenario.decomposition.strategy === 'contract-first'
      ? scenario.decomposition
      : {
          strategy: 'contract-first',
          verifiabilityThreshold: p.splitThreshold,
          fanOut: 2,
          maxDepth: 2,
          verifiabilityGain: 0.4,
          overheadCost: 0.5,
          complexityFloor: { maxCriticality: 0.2, maxUncertainty: 0.3, maxDuration: 5 },
        };
  const minVerifiability = scenario.verification.proof.minVerifiability;
  const { graduatedAuthority: graduated, valueCap, newIdentityEvidence, minTrust } = p;
  /** A new identity or a low-trust agent (holding skill slot k of the task's skill): capped authority. */
  const probation = (task: number, k: number, view: PolicyView) =>
    graduated && (view.slotTrustEvidence(task, k) + view.slotReputationCount(k) < newIdentityEvidence || view.slotTrust(task, k) < minTrust);

  return {
    name: 'intelligent',
    decomposition,
    // Its own cooldown on top of the scenario's: adaptation.cooldown stays a floor the policy cannot lower.
    cooldown: Math.max(p.cooldown, scenario.adaptation.cooldown),
    assign(task, candidates, view) {
      const capped = view.taskCriticality(task) > valueCap;
      return bestByUtility(
        utilityP,
        task,
        candidates,
        view,
        rng,
        (a, k) => view.familyShare(view.family(a)) > diversityCap || (capped && probation(task, k, view)),
      );
    },
    shouldVerify(task, agent, view) {
      const c = view.taskCriticality(task);
      const v = view.taskVerifiability(task);
      const k = view.slotOf(agent, view.taskSkill(task));
      const risky =
        c >= verifyCritical || c * (1 - v) >= verifyRisk || k < 0 || view.slotTrust(task, k) < verifyBelowTrust || probation(task, k, view);
      if (!risky) return Method.None;
      if (v >= minVerifiability) return Method.Proof;
      if (view.taskSubjectivity(task) >= 0.5) return Method.Panel;
      return c >= 0.7 ? Method.ThirdParty : Method.Inspection;
    },
    monitorPlan(task, _agent, view) {
      const c = view.taskCriticality(task);
      return c >= monitorDirectAbove ? MonitorPlan.ProcessDirect : c >= monitorAbove ? MonitorPlan.ProcessIndirect : MonitorPlan.Outcome;
    },
  };
};
