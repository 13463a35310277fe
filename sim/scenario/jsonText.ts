// Strict JSON text: JSON.parse, plus the two things it lets through that a
// hand-written scenario must not contain — a key written twice in one object
// (JSON.parse keeps the last value, hiding the first) and nesting deep enough
// to overflow the stack of anything that later walks the data recursively
// (zod, JSON.stringify). Both are found by one iterative scan of the text, so
// no input depth can overflow the scan itself. Browser-safe.
//
// Why a scan instead of a library: the well-kept JSON parsers that report
// duplicate keys parse by recursive descent, so they would need the depth
// guard anyway; on text JSON.parse has already accepted, the scan is short.
import { ScenarioError, formatPath } from './errors.js';

/** Deepest nesting of objects and arrays a scenario, sweep file or `--set` value may have. */
export const MAX_JSON_DEPTH = 64;

/** A problem found in JSON text or parsed data: where (a JSON path) and the rule it breaks. */
export interface JsonProblem {
  path: (string | number)[];
  rule: string;
}

interface Frame {
  readonly object: boolean;
  /** Keys seen so far (objects only). */
  readonly keys: Set<string> | null;
  /** The current key (objects) or index (arrays). */
  at: string | number;
  /** Objects: the next string is a key. */
  expectKey: boolean;
}

const pathOf = (stack: readonly Frame[]): (string | number)[] => stack.map((f) => f.at);

/**
 * The first duplicate key or over-deep container in `text`, which must be
 * JSON that JSON.parse accepts; undefined when there is none.
 *
 * @example
 * findJsonTextProblem('{"a":1,"a":2}'); // { path: ['a'], rule: 'duplicate key' }
 */
export function findJsonTextProblem(text: string, maxDepth = MAX_JSON_DEPTH): JsonProblem | undefined {
  const stack: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) {
        return { path: pathOf(stack), rule: `nested more than ${maxDepth} levels deep` };
      }
      const object = c === 0x7b;
      stack.push({ object, keys: object ? new Set() : null, at: object ? '' : 0, expectKey: object });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      if (top === undefined) continue;
      if (top.object) top.expectKey = true;
      else top.at = (top.at as number) + 1;
    } else if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      if (top?.object && top.expectKey) {
        const raw = text.slice(start, i + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        top.at = key;
        top.expectKey = false;
        if (top.keys!.has(key)) return { path: pathOf(stack), rule: 'duplicate key' };
        top.keys!.add(key);
      }
    }
    // Numbers, literals, ':' and whitespace need no attention.
  }
  return undefined;
}

/** `path` for an error line, cut after a few segments when it is long (deep nesting). */
export function shortPath(path: readonly (string | number)[], source: string): string {
  const MAX_SEGMENTS = 8;
  return path.length <= MAX_SEGMENTS ? formatPath(path, source) : `${formatPath(path.slice(0, MAX_SEGMENTS), source)}…`;
}

/** `line L column C` (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line} column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Parses JSON text strictly (see the header). Throws a one-line
 * ScenarioError: `<source>: invalid JSON: …`, or `<path>: duplicate key` /
 * `<path>: nested more than 64 levels deep`.
 *
 * @example
 * parseJsonText('{"horizon":{},"horizon":{}}', 'x.json'); // throws "horizon: duplicate key"
 */
export function parseJsonText(text: string, source: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(reason)?.[1];
    const where = position === undefined || /\bline\b/.test(reason) ? '' : ` (${lineColumn(text, Number(position))})`;
    throw new ScenarioError(`${source}: invalid JSON: ${reason}${where}`);
  }
  const problem = findJsonTextProblem(text);
  if (problem !== undefined) throw new ScenarioError(`${shortPath(problem.path, source)}: ${problem.rule}`);
  return data;
}
