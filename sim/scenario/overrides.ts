// `--set path=value` overrides: edit a parsed scenario before validation, so
// a sweep or a command line can vary one field without copying the file.
import { ScenarioError } from './errors.js';
import { FORBIDDEN_KEYS, findDataProblem } from './forbiddenKeys.js';
import { findJsonTextProblem, shortPath } from './jsonText.js';
import { pathSegments } from './valueAt.js';

type Json = Record<string, unknown> | unknown[];

const isContainer = (x: unknown): x is Json => x !== null && typeof x === 'object';
const INDEX = /^(0|[1-9]\d*)$/;

/**
 * Copies JSON-like data. Keys are defined, not assigned, so even an own
 * `__proto__` key stays a plain property instead of swapping the prototype.
 */
function deepCopy(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(deepCopy);
  if (!isContainer(x)) return x;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(x)) {
    Object.defineProperty(out, key, {
      value: deepCopy((x as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Splits `population[0].count` or `population.0.count` into segments. */
function splitPath(path: string): string[] {
  const segments = pathSegments(path);
  if (segments.some((s) => s === '')) throw new ScenarioError(`--set ${path}: expected path=value with a dotted path`);
  for (const s of segments) {
    if (FORBIDDEN_KEYS.has(s)) throw new ScenarioError(`--set ${path}: forbidden path segment '${s}'`);
  }
  return segments;
}

/**
 * The value text as JSON when it parses (`5`, `true`, `{"a":1}`), else as a
 * string. JSON with a duplicate key or nested too deep is an error, as in a file.
 */
function parseValue(text: string, path: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return text;
  }
  const problem = findJsonTextProblem(text);
  if (problem !== undefined) {
    throw new ScenarioError(`--set ${path}: ${problem.rule} in the value at ${shortPath(problem.path, 'value')}`);
  }
  return value;
}

/** Sets `segments` in `root` (a copy), creating missing parents. */
function setIn(root: Json, segments: string[], value: unknown, path: string): void {
  let node: Json = root;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i]!;
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      if (!INDEX.test(key)) throw new ScenarioError(`--set ${path}: '${key}' is not an index into a list`);
      const index = Number(key);
      if (index > node.length) {
        throw new ScenarioError(`--set ${path}: index ${index} is past the end of a list of ${node.length}`);
      }
    }
    const container = node as Record<string, unknown>;
    if (last) {
      Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    let next = Object.hasOwn(container, key) ? container[key] : undefined;
    if (next === undefined) {
      next = INDEX.test(segments[i + 1]!) ? [] : {};
      Object.defineProperty(container, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    if (!isContainer(next)) {
      const at = segments.slice(0, i + 1).join('.');
      throw new ScenarioError(`--set ${path}: ${at} is ${JSON.stringify(next)}, not an object or list`);
    }
    node = next;
  }
}

/** The path an override entry `path=value` sets, trimmed ('' without an '='). */
export function overridePath(entry: string): string {
  return entry.slice(0, Math.max(0, entry.indexOf('='))).trim();
}

/**
 * Applies `path=value` overrides to a copy of `obj` (never mutating it). Paths
 * are dotted (`population.0.count`) or bracketed (`population[0].count`);
 * values are JSON when they parse, else strings; missing parents are created
 * (a list when the next segment is an index) and validation judges the result.
 *
 * @example
 * applyOverrides(scenario, ['arrivals.rate=12', 'population[0].kind=human', 'name=run 2']);
 */
export function applyOverrides(obj: unknown, sets: readonly string[]): unknown {
  const root = deepCopy(obj);
  for (const entry of sets) {
    const eq = entry.indexOf('=');
    const path = eq < 0 ? entry : entry.slice(0, eq).trim();
    if (eq <= 0 || path === '') throw new ScenarioError(`--set ${entry}: expected path=value`);
    const segments = splitPath(path);
    if (!isContainer(root)) throw new ScenarioError(`--set ${path}: the scenario must be an object`);
    const value = parseValue(entry.slice(eq + 1), path);
    const problem = findDataProblem(value);
    if (problem !== undefined) {
      throw new ScenarioError(`--set ${path}: ${problem.rule} in the value at ${shortPath(problem.path, 'value')}`);
    }
    setIn(root, segments, value, path);
  }
  return root;
}
