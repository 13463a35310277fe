// The README's generated sections (metrics glossary, policy list) match the code.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { findPackageRoot } from './scenario/load.js';

describe('README', () => {
  it('docs --check finds the generated sections up to date (run `node scripts/docs.mjs` to refresh)', () => {
    const out = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], { cwd: findPackageRoot(), encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });
});
