// Scenario parsing: text or data in, a validated Scenario with defaults out,
// or a one-line ScenarioError. Pure and browser-safe: the dashboard and the
// CLI validate with the same function (files are read by load.ts).
import { ScenarioError, formatIssue, scenarioErrorMap } from './errors.js';
import { findDataProblem } from './forbiddenKeys.js';
import { parseJsonText, shortPath } from './jsonText.js';
import { applyOverrides } from './overrides.js';
import { checkPolicyParams } from './policyParams.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

/** The policies a scenario will run with: their names, or how to tell them from the validated scenario. */
export type ScenarioPolicies = readonly string[] | ((scenario: Scenario) => readonly string[]);

/** Options of {@link parseScenario}. */
export interface ParseScenarioOptions {
  /** `path=value` edits applied before validation (see applyOverrides). */
  overrides?: readonly string[];
  /** Names the input in root-level errors, e.g. the file name (default `scenario`). */
  source?: string;
  /**
   * The policies the scenario will run with: `policyParams` must suit them
   * (checkPolicyParams). A function gets the validated scenario, for a
   * caller whose policies depend on it (`(s) => [s.policy]`: its own).
   * Default: parameters of any registered policy pass (the dashboard, or a
   * worker parsing a sweep point, does not know which will run).
   */
  policies?: ScenarioPolicies;
}

/**
 * Validates a scenario and fills in its defaults. A string is parsed as JSON
 * first; anything else is taken as already-parsed data (and never mutated).
 * Throws a ScenarioError whose one-line message names the first bad field,
 * an UnknownPolicyError for an unknown name in options.policies, and
 * whatever an options.policies function throws.
 *
 * @example
 * const scenario = parseScenario(text, { source: 'mmc.json', overrides: ['arrivals.rate=9.5'] });
 * scenario.population[0]?.family; // 'server' (defaults to the group name)
 */
export function parseScenario(input: unknown, options: ParseScenarioOptions = {}): Scenario {
  const { overrides = [], source = 'scenario', policies } = options;
  // Text is checked for duplicate keys and depth as it is parsed; data given
  // as objects is checked for depth here (as is text, for forbidden keys).
  let data = typeof input === 'string' ? parseJsonText(input, source) : input;
  const problem = findDataProblem(data);
  if (problem !== undefined) throw new ScenarioError(`${shortPath(problem.path, source)}: ${problem.rule}`);
  if (overrides.length > 0 && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    data = applyOverrides(data, overrides);
  }
  // jitless: zod would otherwise compile a fast path for each object schema
  // with `new Function` on first use — ~30 ms of a CLI run, which parses one
  // scenario (workers parse one per sweep point) — and the dashboard would
  // need eval.
  const result = scenarioSchema.safeParse(data, { error: scenarioErrorMap, jitless: true });
  if (result.success) {
    checkPolicyParams(result.data, typeof policies === 'function' ? policies(result.data) : policies);
    return result.data;
  }
  const first = result.error.issues[0];
  throw new ScenarioError(first === undefined ? `${source}: invalid` : formatIssue(first, data, source));
}
