// Regenerates the README sections that are derived from code, so the README
// cannot drift from it: the metrics glossary (sim/metrics/glossary.ts), the
// policy list (sim/policies/registry.ts) and the complete example scenario
// (scenarios/validation/mmc.json, verbatim). Each section sits between
// <!-- NAME:start --> and <!-- NAME:end --> markers.
// Usage: npm run docs            (rewrite README.md)
//        node scripts/docs.mjs --check   (exit 1 if README.md is stale)

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { GLOSSARY } = await import(join(root, 'dist/sim/metrics/glossary.js'));
const { policySummaries } = await import(join(root, 'dist/sim/policies/registry.js'));

const escape = (s) => s.replace(/\|/g, '\\|');

export function sections() {
  return {
    glossary: [
      '| metric | unit | meaning |',
      '|---|---|---|',
      ...Object.entries(GLOSSARY).map(([name, m]) => `| \`${name}\` | ${m.unit} | ${escape(m.description)} |`),
    ].join('\n'),
    policies: [
      '| policy | what it does |',
      '|---|---|',
      ...policySummaries().map((p) => `| \`${p.name}\` | ${escape(p.summary)} |`),
    ].join('\n'),
    'mmc-example': ['```json', readFileSync(join(root, 'scenarios', 'validation', 'mmc.json'), 'utf8').trimEnd(), '```'].join('\n'),
  };
}

export function render(readme) {
  let out = readme;
  for (const [name, body] of Object.entries(sections())) {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> section`);
    out = out.replace(re, `$1\n${body}\n$2`);
  }
  return out;
}

const file = join(root, 'README.md');
const current = readFileSync(file, 'utf8');
const next = render(current);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is stale: run `npm run docs`');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(file, next);
  console.log('README.md updated');
}
