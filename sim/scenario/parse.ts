// Scenario parsing: text or data in, a validated Scenario with defaults out,
// or a one-line ScenarioError. Pure and browser-safe: the dashboard and the
// CLI validate with the same function (files are read by load.ts).
import { ScenarioError, formatIssue, formatPath, scenarioErrorMap } from './errors.js';
import { findForbiddenPath } from './forbiddenKeys.js';
import { applyOverrides } from './overrides.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './schema.js';

/** Options of {@link parseScenario}. */
export interface ParseScenarioOptions {
  /** `path=value` edits applied before validation (see applyOverrides). */
  overrides?: readonly string[];
  /** Names the input in root-level errors, e.g. the file name (default `scenario`). */
  source?: string;
}

/** `line L column C` (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line} column ${offset - before.lastIndexOf('\n')}`;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(reason)?.[1];
    const where = position === undefined || /\bline\b/.test(reason) ? '' : ` (${lineColumn(text, Number(position))})`;
    throw new ScenarioError(`${source}: invalid JSON: ${reason}${where}`);
  }
}

/**
 * Validates a scenario and fills in its defaults. A string is parsed as JSON
 * first; anything else is taken as already-parsed data (and never mutated).
 * Throws a ScenarioError whose one-line message names the first bad field.
 *
 * @example
 * const scenario = parseScenario(text, { source: 'mmc.json', overrides: ['arrivals.rate=9.5'] });
 * scenario.population[0]?.family; // 'server' (defaults to the group name)
 */
export function parseScenario(input: unknown, options: ParseScenarioOptions = {}): Scenario {
  const { overrides = [], source = 'scenario' } = options;
  let data = typeof input === 'string' ? parseJson(input, source) : input;
  const forbidden = findForbiddenPath(data);
  if (forbidden !== undefined) throw new ScenarioError(`${formatPath(forbidden, source)}: forbidden key`);
  if (overrides.length > 0 && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    data = applyOverrides(data, overrides);
  }
  // jitless: zod would otherwise compile a fast path for each object schema
  // with `new Function` on first use — ~30 ms of a CLI run, which parses one
  // scenario (workers parse one per sweep point) — and the dashboard would
  // need eval.
  const result = scenarioSchema.safeParse(data, { error: scenarioErrorMap, jitless: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new ScenarioError(first === undefined ? `${source}: invalid` : formatIssue(first, data, source));
}
