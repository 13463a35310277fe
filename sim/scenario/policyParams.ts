// `policyParams` against the parameters the policies declare (each policy's
// `…Params` shape, registered in sim/policies/registry.ts): a name no policy
// that will run takes, a value of the wrong type or out of range, is an error
// before anything runs — not a run that fails, nor a setting silently ignored.
//
// Checked in one place, parseScenario, after the schema: which policies "will
// run" depends on the caller, which says so in its options.policies — the
// scenario's own for `validate` and for `run` without --policy, `--policy`
// for `run`, the plan's for compare and sweep — and then a parameter must
// belong to one of them. A caller that does not know (the dashboard, a worker
// parsing a sweep point) gets the file checked as if any policy may run it (a
// sweep varies policyParams.diversityCap for intelligent while static-skill
// runs the same points): a parameter some registered policy takes passes,
// its value checked for every policy that takes it.
import { policyNames, policyParamsShape, policyFactory } from '../policies/registry.js';
import { ScenarioError, formatPath, formatValue, scenarioErrorMap } from './errors.js';

/** What is wrong with one entry of `policyParams`: its key and the rule it breaks. */
export interface PolicyParamsIssue {
  key: string;
  rule: string;
}

const list = (names: readonly string[]): string =>
  names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** "unknown parameter of fifo (it takes none)", "… of trust-aware (parameters: exploration, …)", "… of any policy (…)". */
function unknownRule(policies: readonly string[], anyPolicy: boolean): string {
  const names = [...new Set(policies.flatMap((p) => Object.keys(policyParamsShape(p))))];
  const takes = names.length === 0 ? (policies.length === 1 ? 'it takes none' : 'they take none') : `parameters: ${names.join(', ')}`;
  // Every registered policy (compare's default) is named as such, not listed.
  const which = new Set(policies).size === policyNames().length ? 'any policy' : list(policies);
  return `unknown parameter of ${which} (${takes})${anyPolicy ? ' or of any other policy' : ''}`;
}

/**
 * The first entry of `params` that no policy in `policies` takes, or whose
 * value breaks the rule of a policy that takes it; undefined when all are
 * fine. With `policies` omitted, any registered policy counts, and an unknown
 * key is reported against `named` (the scenario's own policy).
 *
 * @example
 * policyParamsIssue({ exploration: 'bogus' }, ['trust-aware']);
 * // { key: 'exploration', rule: 'must be one of thompson, ucb, greedy' }
 */
export function policyParamsIssue(
  params: Readonly<Record<string, unknown>>,
  policies: readonly string[] | undefined,
  named: readonly string[] = policies ?? [],
): PolicyParamsIssue | undefined {
  const candidates = policies ?? policyNames();
  for (const key of Object.keys(params)) {
    const takers = candidates.filter((p) => Object.hasOwn(policyParamsShape(p), key));
    if (takers.length === 0) return { key, rule: unknownRule(named, policies === undefined) };
    for (const p of takers) {
      const result = policyParamsShape(p)[key]!.safeParse(params[key], { error: scenarioErrorMap, jitless: true });
      if (!result.success) return { key, rule: result.error.issues[0]?.message ?? 'is invalid' };
    }
  }
  return undefined;
}

/**
 * Checks that every policy in `policies` exists (UnknownPolicyError) and that
 * the scenario's `policyParams` suit them: each parameter taken by one of
 * them, each value valid for all that take it. Without `policies`, any
 * registered policy counts (an unknown key is reported against the
 * scenario's own policy "or any other"). Throws a one-line ScenarioError
 * `policyParams.<key>: <rule>, got <value>`. parseScenario calls it with
 * its options.policies; pass those rather than calling it yourself.
 *
 * @example
 * checkPolicyParams(scenario, ['trust-aware']);
 * // policyParams.diversityCap: unknown parameter of trust-aware (parameters: exploration, …), got 0.4
 */
export function checkPolicyParams(
  scenario: { policy: string; policyParams: Readonly<Record<string, unknown>> },
  policies?: readonly string[],
): void {
  for (const policy of policies ?? []) policyFactory(policy);
  const issue = policyParamsIssue(scenario.policyParams, policies, policies ?? [scenario.policy]);
  if (issue === undefined) return;
  const value = scenario.policyParams[issue.key];
  throw new ScenarioError(`${formatPath(['policyParams', issue.key])}: ${issue.rule}, got ${formatValue(value)}`);
}
