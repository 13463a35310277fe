// The few parameters the run panel offers — population size, crash failure
// rate, verification budget, goals per run — as the `--set` overrides they
// stand for, so the same RunSpecs run in the page and in the CLI.

import type { Scenario } from '../../sim/scenario/schema.js';
import { overrideOf } from '../../sim/runner/plan.js';

/** The panel's parameters. Neutral values (1, 1, 0, undefined) add no override. */
export interface PanelParameters {
  /** Multiplies every population group's count (rounded, at least 1). */
  populationScale: number;
  /** Multiplies the rate of crash failures (divides each crash process's mtbf). */
  failureRate: number;
  /** Share of delivered outputs verified by policies without their own rule (verification.policy = sample). */
  verificationRate: number;
  /** Goals to simulate (horizon.goals); undefined keeps the scenario's. */
  goals?: number;
  /** Further `path=value` overrides, one per line. */
  extra: string[];
}

export const NEUTRAL_PARAMETERS: PanelParameters = { populationScale: 1, failureRate: 1, verificationRate: 0, extra: [] };

/** Crash failure processes of a scenario (what the failure-rate parameter scales). */
export function crashFailures(scenario: Scenario): { index: number; mtbf: number }[] {
  const out: { index: number; mtbf: number }[] = [];
  scenario.failures.forEach((f, index) => {
    if (f.type === 'crash' && typeof f.mtbf === 'number') out.push({ index, mtbf: f.mtbf });
  });
  return out;
}

/** Rounds a derived value so overrides read well and mean the same in the CLI. */
const tidy = (x: number): number => Number(x.toPrecision(6));

/**
 * The `--set` overrides the parameters stand for, in a fixed order.
 *
 * @example
 * parameterOverrides(enterprise, { ...NEUTRAL_PARAMETERS, goals: 1000 }); // ['horizon.goals=1000']
 */
export function parameterOverrides(scenario: Scenario, params: PanelParameters): string[] {
  const out: string[] = [];
  if (params.populationScale !== 1) {
    scenario.population.forEach((group, i) => out.push(overrideOf(`population.${i}.count`, Math.max(1, Math.round(group.count * params.populationScale)))));
  }
  if (params.failureRate !== 1) {
    for (const { index, mtbf } of crashFailures(scenario)) out.push(overrideOf(`failures.${index}.mtbf`, tidy(mtbf / params.failureRate)));
  }
  if (params.verificationRate > 0) {
    out.push(overrideOf('verification.policy', 'sample'), overrideOf('verification.sampleRate', tidy(params.verificationRate)));
  }
  if (params.goals !== undefined) {
    out.push(overrideOf('horizon.goals', params.goals));
    const warmup = scenario.horizon.warmupGoals ?? 0;
    if (warmup >= params.goals) out.push(overrideOf('horizon.warmupGoals', Math.floor(params.goals / 10)));
  }
  for (const line of params.extra) {
    const trimmed = line.trim();
    if (trimmed !== '') out.push(trimmed);
  }
  return out;
}
