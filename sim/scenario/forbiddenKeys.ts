// Keys that could reach an object's prototype. Scenario files and --set
// values are plain data, so such a key is never legitimate and is refused
// before anything copies, merges or validates the data.
//
// The walk is iterative (an explicit stack, not recursion): it runs before
// anything else looks at the data, so no input depth may overflow it.
import { MAX_JSON_DEPTH, type JsonProblem } from './jsonText.js';

/** Keys refused anywhere in a scenario and in `--set` paths. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

const isContainer = (x: unknown): x is object => x !== null && typeof x === 'object';


/**
 * The first forbidden key, or the first container nested deeper than
 * `maxDepth`, in `x` (depth-first, in key order); undefined when there is none.
 *
 * @example
 * findDataProblem(JSON.parse('{"a":[{"__proto__":{}}]}')); // { path: ['a', 0, '__proto__'], rule: 'forbidden key' }
 */
export function findDataProblem(x: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | undefined {
  // An entry is a container still to visit, or a forbidden key to report (so
  // that problems come out in document order). Paths are built only for the
  // report, from the parent links: a long list of numbers costs no copies.
  interface Entry {
    value: unknown;
    parent: Entry | undefined;
    key: string | number;
    depth: number;
    forbidden: boolean;
  }
  const pathOf = (e: Entry): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Entry | undefined = e; at?.parent !== undefined; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const stack: Entry[] = isContainer(x) ? [{ value: x, parent: undefined, key: '', depth: 0, forbidden: false }] : [];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.forbidden) return { path: pathOf(entry), rule: 'forbidden key' };
    const { value, depth } = entry;
    if (depth >= maxDepth) return { path: pathOf(entry), rule: `nested more than ${maxDepth} levels deep` };
    const children: Entry[] = [];
    const visit = (child: unknown, key: string | number, forbidden: boolean): void => {
      if (forbidden || isContainer(child)) children.push({ value: child, parent: entry, key, depth: depth + 1, forbidden });
    };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], i, false);
    } else {
      for (const key of Object.keys(value as object)) visit((value as Record<string, unknown>)[key], key, FORBIDDEN_KEYS.has(key));
    }
    // Reversed, so the first child is visited first.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}

/**
 * The path to the first key named `__proto__`, `constructor` or `prototype`
 * in `x`, or undefined. Own keys only, which is where JSON.parse puts a
 * `"__proto__"` key. Iterative: any depth is fine.
 *
 * @example
 * findForbiddenPath(JSON.parse('{"a":[{"__proto__":{}}]}')); // ['a', 0, '__proto__']
 */
export function findForbiddenPath(x: unknown): (string | number)[] | undefined {
  const problem = findDataProblem(x, Infinity);
  return problem?.path;
}
