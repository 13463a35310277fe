// `policyParams` against the parameters the policies declare (each policy's
// `…Params` shape, registered in sim/policies/registry.ts): a name no policy
// that will run takes, a value of the wrong type or out of range, is an error
// before anything runs — not a run that fails, nor a setting silently ignored.
//
// Which policies "will run" depends on the caller. The scenario schema knows
// only the file, which may be run with any policy (a sweep varies
// policyParams.diversityCap for intelligent while static-skill runs the same
// points), so it accepts a parameter some registered policy takes and checks
// its value for every policy that takes it. The commands know the policies —
// the scenario's own for `validate`, `--policy` for `run`, the plan's for
// compare and sweep — and call checkPolicyParams with them: then a parameter
// must belong to one of those policies.
import { policyNames, policyParamsShape, policyFactory } from '../policies/registry.js';
import { ScenarioError, formatPath, formatValue, scenarioErrorMap } from './errors.js';

/** What is wrong with one entry of `policyParams`: its key and the rule it breaks. */
export interface PolicyParamsIssue {
  key: string;
  rule: string;
}

const list = (names: readonly string[]): string =>
  names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** "unknown parameter of fifo (it takes none)", "… of trust-aware (parameters: exploration, …)". */
function unknownRule(policies: readonly string[], anyPolicy: boolean): string {
  const names = [...new Set(policies.flatMap((p) => Object.keys(policyParamsShape(p))))];
  const takes = names.length === 0 ? (policies.length === 1 ? 'it takes none' : 'they take none') : `parameters: ${names.join(', ')}`;
  return `unknown parameter of ${list(policies)} (${takes})${anyPolicy ? ' or of any other policy' : ''}`;
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
 * them, each value valid for all that take it. Throws a one-line
 * ScenarioError `policyParams.<key>: <rule>, got <value>`. Call it before
 * anything runs or is written, with the policies that will run.
 *
 * @example
 * const { scenario } = loadScenario('mmc', { overrides });
 * checkPolicyParams(scenario, [options.policy ?? scenario.policy]);
 */
export function checkPolicyParams(scenario: { policyParams: Readonly<Record<string, unknown>> }, policies: readonly string[]): void {
  for (const policy of policies) policyFactory(policy);
  const issue = policyParamsIssue(scenario.policyParams, policies);
  if (issue === undefined) return;
  const value = scenario.policyParams[issue.key];
  throw new ScenarioError(`${formatPath(['policyParams', issue.key])}: ${issue.rule}, got ${formatValue(value)}`);
}
