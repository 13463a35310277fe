// Colours: the Okabe–Ito palette (distinguishable with the common forms of
// colour-blindness), assigned to policies by their place in the experiment,
// so every chart of one comparison colours a policy alike; symbols double
// the encoding where marks overlap.

import { policyNames } from '../../sim/policies/registry.js';

/** Okabe–Ito, ordered so the first colours are the most distinct on white (yellow last). */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;

/** Symbol names (d3.symbolsFill order) that pair with the colours. */
export const SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye', 'circle'] as const;

/** Status colours of the cascade view and the audit table. */
export const STATUS_COLORS = {
  ok: '#009E73',
  origin: '#D55E00',
  contaminated: '#E69F00',
  failed: '#000000',
  idle: '#BBBBBB',
} as const;

/**
 * Index of a policy's colour: its place among the experiment's policies
 * (the plan's order, baseline first), so the policies compared side by side
 * get distinct colours; policies outside the list go by registry order.
 */
export function policyIndex(policy: string, all: readonly string[] = []): number {
  const i = all.indexOf(policy);
  if (i >= 0) return i;
  const j = policyNames().indexOf(policy);
  return all.length + Math.max(0, j);
}

/** The colour of a policy within an experiment comparing `all`. */
export function policyColor(policy: string, all: readonly string[] = []): string {
  return OKABE_ITO[policyIndex(policy, all) % OKABE_ITO.length]!;
}

/** The colour of series `i` (families, lines). */
export function seriesColor(i: number): string {
  return OKABE_ITO[i % OKABE_ITO.length]!;
}
