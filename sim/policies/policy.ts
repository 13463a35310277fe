// The delegation policy interface (DESIGN.md "Policies"; MODEL.md §3 step 2,
// paper §4.2–4.3). A policy picks a delegatee for a ready task among a
// shortlist of capable agents with room, looking only at what a real
// delegator could observe through PolicyView. Scenario files name policies;
// they never contain code.

import type { Rng } from '../engine/random.js';
import type { Shortlist } from '../model/freeAgents.js';
import type { PolicyView } from './policyView.js';

export type PolicyParams = Readonly<Record<string, number | string | boolean>>;

export interface Policy {
  readonly name: string;
  /**
   * Returns the chosen agent id from `candidates`, or -1 to leave the task in
   * the backlog for now. Called only with a non-empty shortlist.
   */
  assign(task: number, candidates: Shortlist, view: PolicyView): number;
}

export interface PolicyContext {
  params: PolicyParams;
  /** The policy's own random stream: policies never share streams with the model. */
  rng: Rng;
}

export type PolicyFactory = (context: PolicyContext) => Policy;
