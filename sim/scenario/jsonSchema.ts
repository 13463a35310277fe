// The JSON Schema of scenario files, generated from the zod schema so the two
// cannot disagree. Editors use it (via "$schema") to autocomplete and check
// scenarios; `delegsim schema` prints it; scenarios/scenario.schema.json is
// this output, kept current by a test.
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of a scenario file as written: defaults
 * shown, optional fields optional. Cross-field rules (declared skills,
 * acyclic steps, …) are beyond JSON Schema and checked only by parseScenario.
 *
 * @example
 * const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
