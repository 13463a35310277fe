// The scenario file: schema, parsing, overrides, loading and JSON Schema.
export { DIST_NAMES, distSchema } from './dist.js';
export { ScenarioError, formatIssue, formatPath, formatValue, scenarioErrorMap } from './errors.js';
export { NON_NEGATIVE, POSITIVE, UNIT, describeDomain } from './fields.js';
export type { Domain } from './fields.js';
export { FORBIDDEN_KEYS, findForbiddenPath } from './forbiddenKeys.js';
export { scenarioJsonSchema } from './jsonSchema.js';
export { applyOverrides } from './overrides.js';
export { parseScenario } from './parse.js';
export { MAX_JSON_DEPTH, parseJsonText } from './jsonText.js';
export { checkPolicyParams, policyParamsIssue } from './policyParams.js';
export type { ParseScenarioOptions } from './parse.js';
export {
  MAX_AGENTS, MAX_CAPACITY_SLOTS, MAX_FAILURE_TARGETS, MAX_GOALS, MAX_LEAVES, MAX_SKILL_SLOTS, MAX_TRUST_VALUES, scenarioSchema,
} from './schema.js';
export type {
  AgentGroup, Arrivals, Characteristics, Decomposition, Failure, FailureTarget, GoalStep, GoalTemplate,
  Scenario, ScenarioInput,
} from './schema.js';
