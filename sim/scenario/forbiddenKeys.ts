// Keys that could reach an object's prototype. Scenario files and --set
// values are plain data, so such a key is never legitimate and is refused
// before anything copies, merges or validates the data.

/** Keys refused anywhere in a scenario and in `--set` paths. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

const isContainer = (x: unknown): x is object => x !== null && typeof x === 'object';

/**
 * The path to the first key named `__proto__`, `constructor` or `prototype`
 * in `x`, or undefined. Own keys only, which is where JSON.parse puts a
 * `"__proto__"` key.
 *
 * @example
 * findForbiddenPath(JSON.parse('{"a":[{"__proto__":{}}]}')); // ['a', 0, '__proto__']
 */
export function findForbiddenPath(x: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const found = findForbiddenPath(x[i], [...path, i]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isContainer(x)) return undefined;
  for (const key of Object.keys(x)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key];
    const found = findForbiddenPath((x as Record<string, unknown>)[key], [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
