// Policies by name: the only way a scenario file or the CLI reaches code.
// Infrastructure for MODEL.md §3 step 2; no paper section of its own.
// Each entry also carries the policy's declared parameters (its `…Params`
// shape), against which scenarios validate `policyParams`.

import type { PolicyFactory, PolicyParamsShape } from './policy.js';
import { fifo } from './fifo.js';
import { random } from './random.js';
import { roundRobin } from './roundRobin.js';
import { cheapest } from './cheapest.js';
import { fastest } from './fastest.js';
import { staticSkill } from './staticSkill.js';
import { trustAware, trustAwareParams } from './trustAware.js';
import { intelligent, intelligentParams } from './intelligent.js';
import { humanGated, humanGatedParams } from './humanGated.js';
import { contractNet, contractNetParams } from './contractNet.js';
import { centralRegistry, registryParams } from './centralRegistry.js';

interface Entry {
  factory: PolicyFactory;
  summary: string;
  /** Declared parameters; omitted = none. */
  params?: PolicyParamsShape;
}

const registry = new Map<string, Entry>([
  ['fifo', { factory: fifo, summary: 'oldest ready task to the first free capable agent (the M/M/c discipline)' }],
  ['random', { factory: random, summary: 'a uniformly random capable agent with room (the no-information baseline)' }],
  ['round-robin', { factory: roundRobin, summary: 'the next capable agent by id after the previous pick (even load)' }],
  ['cheapest', { factory: cheapest, summary: 'lowest expected fee: price per minute × duration ÷ advertised speed' }],
  ['fastest', { factory: fastest, summary: 'highest advertised speed' }],
  ['static-skill', { factory: staticSkill, summary: 'best advertised skill level; never learns from outcomes' }],
  ['contract-net', { factory: contractNet, params: contractNetParams, summary: 'a market: RFQ to the shortlist, bids (fee, ETA, claimed confidence, bond), award by expected utility, lowest price or second price' }],
  ['registry', { factory: centralRegistry, params: registryParams, summary: 'a centralized orchestrator assigning by expected utility at a finite rate (its span of control)' }],
  ['human-gated', { factory: humanGated, params: humanGatedParams, summary: 'static-skill assignment; a human overseer approves every delegation above a criticality threshold' }],
  ['trust-aware', { factory: trustAware, params: trustAwareParams, summary: 'best expected utility from trust, price and load, exploring by Thompson sampling' }],
  [
    'intelligent',
    {
      factory: intelligent,
      params: intelligentParams,
      summary: 'the full cycle: contract-first decomposition, trust-aware assignment with a family diversity cap, stakes-scaled monitoring and verification, cooldown',
    },
  ],
]);

/** Names of all registered policies, sorted. */
export function policyNames(): string[] {
  return [...registry.keys()].sort();
}

/** One-line description of each policy, for `delegsim list policies`. */
export function policySummaries(): { name: string; summary: string }[] {
  return policyNames().map((name) => ({ name, summary: registry.get(name)!.summary }));
}

/** The factory for `name`; throws a one-line error listing the known names. */
export function policyFactory(name: string): PolicyFactory {
  const entry = registry.get(name);
  if (!entry) throw new UnknownPolicyError(name);
  return entry.factory;
}

/** The parameters `name` declares (empty for a policy without any); throws for an unknown name. */
export function policyParamsShape(name: string): PolicyParamsShape {
  const entry = registry.get(name);
  if (!entry) throw new UnknownPolicyError(name);
  return entry.params ?? {};
}

export class UnknownPolicyError extends Error {
  constructor(name: string) {
    super(`policy: unknown policy '${name}' (known: ${policyNames().join(', ')})`);
    this.name = 'UnknownPolicyError';
  }
}
