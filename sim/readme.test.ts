// The README's generated sections (metrics glossary, policy list, the example
// scenario) match the code. Rendered from the sources, so no build is needed;
// `npm run docs` rewrites them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from './scenario/load.js';
import { renderReadme } from './docs/readmeSections.js';

describe('README', () => {
  it('has its generated sections up to date (run `npm run docs` to refresh)', () => {
    const root = findPackageRoot();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(renderReadme(readme, root) === readme).toBe(true);
  });
});
