// A stable text form of a chart's DOM for snapshot tests: one element per
// line, attributes sorted, and the numbers of geometry attributes (x, d,
// transform, …) rounded to one decimal — so a snapshot catches a changed
// mark, scale or label, not floating-point noise in pixel positions. Text,
// labels and data-/aria- attributes are kept as written: they are already
// formatted numbers, and the exact ones are what the tests check.

/** Rounds every decimal number in `text` to `digits` decimals (-0 → 0); integers stay as written. */
export function roundNumbers(text: string, digits = 1): string {
  return text.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (m) => {
    const x = Number(m);
    if (!Number.isFinite(x)) return m;
    const r = Number(x.toFixed(digits));
    return String(Object.is(r, -0) ? 0 : r);
  });
}

/**
 * The snapshot text of an element and its subtree.
 *
 * @example
 * expect(domSnapshot(dotPlot(options))).toMatchSnapshot();
 */
export function domSnapshot(node: Element, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = [...node.attributes]
    .map((a) => [a.name, a.name.startsWith('data-') || a.name.startsWith('aria-') ? a.value : roundNumbers(a.value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  const lines = [`${pad}<${node.tagName.toLowerCase()}${attrs}>`];
  for (const child of node.childNodes) {
    if (child.nodeType === 1) lines.push(domSnapshot(child as Element, depth + 1));
    else if (child.nodeType === 3) {
      const text = (child.textContent ?? '').trim();
      if (text !== '') lines.push(`${pad}  "${text}"`);
    }
  }
  return lines.join('\n');
}
