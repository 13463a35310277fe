// Reading a field of scenario data by its path — `population[0].count` or
// `population.0.count`, as --set, sweep parameters and error messages name
// it — following own properties only, so a path never reaches a prototype.
// Pure and browser-safe.

/**
 * The segments of a dotted or bracketed path, unchecked: applyOverrides
 * (overrides.ts) refuses empty and forbidden segments when it sets one.
 *
 * @example
 * pathSegments('population[0].count'); // ['population', '0', 'count']
 */
export function pathSegments(path: string): string[] {
  return path.replace(/\[([^\]]*)\]/g, '.$1').split('.');
}

/**
 * Where `path` (segments: strings, or numbers for list indices) leads in
 * `root`; `found` is false when a segment is missing or meets a value that
 * is not an object or list.
 *
 * @example
 * valueAt({ population: [{ count: 3 }] }, pathSegments('population.0.count')); // { found: true, value: 3 }
 */
export function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return { found: false };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: node };
}
