// The delegation policy interface (DESIGN.md "Policies"; MODEL.md §3 step 2,
// paper §4.2–4.3). A policy picks a delegatee for a ready task among a
// shortlist of capable agents with room, looking only at what a real
// delegator could observe through PolicyView. Optional hooks let a policy
// take over other steps of the cycle; without them the scenario's settings
// apply. Scenario files name policies; they never contain code.

import { z } from 'zod';
import type { Rng } from '../engine/random.js';
import type { Shortlist } from '../model/freeAgents.js';
import type { Decomposition } from '../model/decomposition.js';
import type { PolicyView } from './policyView.js';
import type { Scenario } from '../scenario/schema.js';

export type PolicyParams = Readonly<Record<string, number | string | boolean>>;

/**
 * The parameters a policy takes, by name: each a zod schema of the value's
 * type and range, with its default. The one declaration of a policy's
 * parameters: scenario validation checks `policyParams` against it (unknown
 * names, wrong types and out-of-range values are errors), and the factory
 * reads its values through it (see {@link readPolicyParams}).
 */
export type PolicyParamsShape = Readonly<Record<string, z.ZodType>>;

/**
 * The values of the parameters `shape` declares, defaults filled in; keys it
 * does not declare are dropped (a comparison gives every policy the same
 * `policyParams`, so another policy's parameters may be present). The values
 * were validated with the scenario; an invalid one here throws.
 *
 * @example
 * const { threshold } = readPolicyParams(humanGatedParams, params);
 */
export function readPolicyParams<S extends PolicyParamsShape>(shape: S, params: PolicyParams): z.output<z.ZodObject<S>> {
  // jitless: no `new Function` (see parseScenario).
  return z.object(shape).parse(params, { jitless: true }) as z.output<z.ZodObject<S>>;
}

/** Monitoring plan of one attempt: outcome-level, or process-level with indirect or direct access. */
export const MonitorPlan = { Outcome: 0, ProcessIndirect: 1, ProcessDirect: 2 } as const;

export interface Policy {
  readonly name: string;
  /**
   * Returns the chosen agent id from `candidates`, or -1 to leave the task in
   * the backlog for now. Called only with a non-empty shortlist.
   */
  assign(task: number, candidates: Shortlist, view: PolicyView): number;
  /** Verification method for the output its delegatee `agent` delivered for `task` (Method code, -1 for none); in a sub-delegation chain `agent` is the first hop, the one the delegator chose. */
  shouldVerify?(task: number, agent: number, view: PolicyView): number;
  /** Monitoring plan for an attempt of `task` delegated to `agent` (a MonitorPlan code); in a sub-delegation chain `agent` is the first hop, the one the delegator chose. */
  monitorPlan?(task: number, agent: number, view: PolicyView): number;
  /** Whether delegating `task` needs a human's approval (replaces the scenario's oversight rule). */
  needsApproval?(task: number, view: PolicyView): boolean;
  /**
   * How an assignment is negotiated (MODEL.md §6): 'auction' runs a
   * contract-net round (market.rfqTime) and shows the policy the bids;
   * 'registry' queues the task at a centralized orchestrator that makes
   * market.orchestratorRate assignments per minute.
   */
  readonly negotiation?: 'auction' | 'registry';
  /** The fee agreed with the chosen agent (paid on delivery instead of price × minutes). */
  agreedFee?(task: number, agent: number, view: PolicyView): number;
  /** A decomposition strategy that replaces the scenario's. */
  readonly decomposition?: Decomposition;
  /** A monitoring cooldown (minutes) that replaces the scenario's adaptation.cooldown. */
  readonly cooldown?: number;
}

export interface PolicyContext {
  params: PolicyParams;
  /** The scenario, for configuration defaults (decomposition, verification settings) — not for hidden truth. */
  scenario: Scenario;
  /** The policy's own random stream: policies never share streams with the model. */
  rng: Rng;
}

export type PolicyFactory = (context: PolicyContext) => Policy;
