// Scenario errors: one line, `<path>: <rule>, got <value>`, naming the field
// and the rule it broke, so a user can fix the file without reading a stack
// trace (the CLI prints exactly this line and exits 2).
import type { z } from 'zod';
import { valueAt } from './valueAt.js';

/**
 * An invalid scenario (or `--set` override, or trace file). The message is
 * always one line: `<path>: <rule>[, got <value>]`.
 *
 * @example
 * try { parseScenario(text); } catch (e) {
 *   if (e instanceof ScenarioError) console.error(e.message);
 *   // population[0].count: must be a positive integer, got -3
 * }
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(message: string) {
    super(oneLine(message));
  }
}

/** Collapses line breaks (JSON.parse reasons may quote the text) to spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * A path written the way a user reads it.
 *
 * @example
 * formatPath(['population', 0, 'count']); // 'population[0].count'
 * formatPath([], 'mmc.json');              // 'mmc.json'
 */
export function formatPath(path: readonly PropertyKey[], source = 'scenario'): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? source : out;
}

const MAX_VALUE_CHARS = 60;

/**
 * A value shown compactly: JSON, non-finite numbers by name, cut to about 60
 * characters.
 *
 * @example
 * formatValue('ten');   // '"ten"'
 * formatValue(1e400);   // 'Infinity'
 */
export function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = String(value);
  else if (value === undefined) text = 'undefined';
  else {
    text =
      JSON.stringify(value, (_key, v: unknown) =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
      ) ?? String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** The fields of a zod issue (raw or final) that the rules below read. */
interface IssueLike {
  readonly code?: string;
  readonly input?: unknown;
  readonly expected?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly exact?: boolean;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly options?: readonly unknown[];
  readonly discriminator?: string | undefined;
  readonly format?: string;
  readonly pattern?: string;
  readonly divisor?: number;
  readonly message?: string;
  readonly inst?: unknown;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

const plural = (n: number | bigint, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The keys a strict object schema allows, read off the schema that raised the issue. */
function allowedKeys(inst: unknown): string[] | undefined {
  const shape = (inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
  return shape === undefined ? undefined : Object.keys(shape);
}

/** The rule an issue states, worded to follow the path: "must be at least 1". */
function ruleOf(issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined && 'input' in issue) return 'required';
      if (issue.expected === 'number' && typeof issue.input === 'number') return 'must be a finite number';
      const name = TYPE_NAMES[issue.expected ?? ''];
      return name === undefined ? `must be of type ${issue.expected}` : `must be ${name}`;
    }
    case 'too_small': {
      const n = issue.minimum ?? 0;
      if (issue.origin === 'array' || issue.origin === 'set') {
        return issue.exact ? `must have exactly ${plural(n, 'item')}` : `must have at least ${plural(n, 'item')}`;
      }
      if (issue.origin === 'string') return n === 1 ? 'must not be empty' : `must be at least ${plural(n, 'character')} long`;
      return issue.inclusive === false ? `must be greater than ${n}` : `must be at least ${n}`;
    }
    case 'too_big': {
      const n = issue.maximum ?? 0;
      if (issue.origin === 'array' || issue.origin === 'set') {
        return issue.exact ? `must have exactly ${plural(n, 'item')}` : `must have at most ${plural(n, 'item')}`;
      }
      if (issue.origin === 'string') return `must be at most ${plural(n, 'character')} long`;
      return issue.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`;
    }
    case 'invalid_value': {
      const values = issue.values ?? [];
      return values.length === 1
        ? `must be ${JSON.stringify(values[0])}`
        : `must be one of ${values.map(String).join(', ')}`;
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.inst);
      return allowed === undefined ? 'unknown key' : `unknown key (allowed: ${allowed.join(', ')})`;
    }
    case 'invalid_union':
      return issue.discriminator !== undefined && issue.options !== undefined
        ? `must be one of ${issue.options.map(String).join(', ')}`
        : 'does not match any allowed form';
    case 'invalid_format':
      return issue.format === 'regex' ? `must match ${issue.pattern}` : `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

/**
 * The zod error map scenario parsing uses, so that every issue's message is a
 * rule ("must be an integer") rather than zod's default wording. Checks with
 * their own message keep it.
 *
 * @example
 * scenarioSchema.safeParse(data, { error: scenarioErrorMap });
 */
export const scenarioErrorMap: z.core.$ZodErrorMap = (issue) => ruleOf(issue);

const ZOD_DEFAULT = /^(Invalid (input|option|key|element|discriminator|string|number)|Too (big|small)|Unrecognized key)/;

/**
 * Descends into a union's branches to the issue of the branch the input was
 * meant for (the one that got past the type check), with its full path.
 */
function resolveUnion(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): {
  issue: z.core.$ZodIssue;
  path: PropertyKey[];
} {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  const meant = issue.errors.find(
    (branch) => branch.length > 0 && !(branch[0]?.code === 'invalid_type' && branch[0].path.length === 0),
  );
  const first = meant?.[0];
  return first === undefined ? { issue, path } : resolveUnion(first, path);
}

/**
 * Turns a zod issue into the one-line message of a ScenarioError:
 * `<path>: <rule>, got <value>` (no value for missing fields, unknown keys
 * and rules whose message already names it). `input` is the data that was
 * validated, where the offending value is looked up; `source` names the root.
 *
 * @example
 * const r = scenarioSchema.safeParse(data, { error: scenarioErrorMap });
 * if (!r.success) throw new ScenarioError(formatIssue(r.error.issues[0]!, data));
 * // horizon.goals: must be an integer, got "ten"
 */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown, source = 'scenario'): string {
  const { issue: leaf, path } = resolveUnion(issue, []);
  let rule = ZOD_DEFAULT.test(leaf.message) ? ruleOf(leaf) : leaf.message;
  if (leaf.code === 'unrecognized_keys') {
    return `${formatPath([...path, leaf.keys[0] ?? ''], source)}: ${rule}`;
  }
  const at = valueAt(input, path);
  const typeMismatch = leaf.code === 'invalid_type' || (leaf.code === 'invalid_union' && leaf.discriminator === undefined);
  if (typeMismatch && !at.found) rule = 'required';
  const wantsValue = leaf.code !== 'custom' || leaf.params?.['got'] !== false;
  const got = at.found && wantsValue && rule !== 'required' ? `, got ${formatValue(at.value)}` : '';
  return oneLine(`${formatPath(path, source)}: ${rule}${got}`);
}
