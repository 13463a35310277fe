// Regenerates the README sections that are derived from code, so the README
// cannot drift from it: the metrics glossary (sim/metrics/glossary.ts), the
// policy list (sim/policies/registry.ts) and the complete example scenario
// (scenarios/validation/mmc.json, verbatim). Each section sits between
// <!-- NAME:start --> and <!-- NAME:end --> markers; sim/docs/readmeSections.ts
// renders them (sim/readme.test.ts checks them from the sources).
// It reads the compiled code in dist/, so it first checks that dist/ exists
// and is newer than every source file in sim/, and stops with one line if not.
// Usage: npm run docs                     (build, then rewrite README.md)
//        node scripts/docs.mjs            (rewrite README.md from the current dist/)
//        node scripts/docs.mjs --check    (exit 1 if README.md is stale)

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The first source file of sim/ whose compiled file in dist/ is missing or older (the build's inputs: tests excluded), or null. */
function staleSource(dir = join(root, 'sim')) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const stale = staleSource(path);
      if (stale) return stale;
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('TestKit.ts')) {
      const built = join(root, 'dist', relative(root, path).replace(/\.ts$/, '.js'));
      if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) return relative(root, path);
    }
  }
  return null;
}

if (!existsSync(join(root, 'dist', 'sim', 'docs', 'readmeSections.js'))) {
  console.error('docs: dist/ is missing: run `npm run docs` (it builds first) or `npm run build`');
  process.exit(1);
}
const stale = staleSource();
if (stale) {
  console.error(`docs: dist/ is older than ${stale}: run \`npm run docs\` (it builds first) or \`npm run build\``);
  process.exit(1);
}

const { renderReadme } = await import(join(root, 'dist/sim/docs/readmeSections.js'));

const file = join(root, 'README.md');
const current = readFileSync(file, 'utf8');
const next = renderReadme(current, root);
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is stale: run `npm run docs`');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(file, next);
  console.log('README.md updated');
}
