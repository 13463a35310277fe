// The README's generated sections: the metrics glossary (metrics/glossary.ts),
// the policy list (policies/registry.ts) and the complete example scenario
// (scenarios/validation/mmc.json, verbatim). Each sits between
// <!-- NAME:start --> and <!-- NAME:end --> markers. scripts/docs.mjs writes
// them (from dist/); sim/readme.test.ts checks them against the sources, so
// the check needs no build.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOSSARY, type MetricScope } from '../metrics/glossary.js';
import { policySummaries } from '../policies/registry.js';

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|');

/** The glossary marks the two scopes other than the measurement window (see the glossary intro in README). */
const SCOPE_TAG: Record<MetricScope, string> = { window: '', goals: ' *(counted goals)*', run: ' *(whole run)*' };

/** The body of every generated section, by marker name. */
export function readmeSections(root: string): Record<string, string> {
  return {
    glossary: [
      '| metric | unit | meaning |',
      '|---|---|---|',
      ...Object.entries(GLOSSARY).map(([name, m]) => `| \`${name}\` | ${m.unit} | ${escapeCell(m.description)}${SCOPE_TAG[m.scope ?? 'window']} |`),
    ].join('\n'),
    policies: [
      '| policy | what it does |',
      '|---|---|',
      ...policySummaries().map((p) => `| \`${p.name}\` | ${escapeCell(p.summary)} |`),
    ].join('\n'),
    'mmc-example': ['```json', readFileSync(join(root, 'scenarios', 'validation', 'mmc.json'), 'utf8').trimEnd(), '```'].join('\n'),
  };
}

/** The README text with every generated section replaced by its current body. */
export function renderReadme(readme: string, root: string): string {
  let out = readme;
  for (const [name, body] of Object.entries(readmeSections(root))) {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> section`);
    out = out.replace(re, () => `<!-- ${name}:start -->\n${body}\n<!-- ${name}:end -->`);
  }
  return out;
}
