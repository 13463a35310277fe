// Bundles the compiled CLI (dist/sim/cli/main.js, from tsc) into dist/cli/:
// one entry file plus chunks for the lazily loaded commands.
//
// Why: start-up is a visible share of a short run. Unbundled, `delegsim`
// resolves and compiles ~350 ES modules before it does anything — zod alone
// brings 64 locale files it never uses — which cost ~0.17 s of the ~0.45 s a
// `delegsim validate` took on the 2-core bench machine; bundled (dead code
// dropped) it starts in ~0.28 s, of which node itself is ~0.12 s.
// Worker threads still run dist/sim/runner/nodeWorker.js, which nodePool finds
// from the package root, so pools behave the same from either entry.
// Usage: node scripts/bundleCli.mjs (npm run build runs it after tsc).

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'sim', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer packages' ES module builds: their named exports survive bundling
  // (flechette's CommonJS main lost them behind esbuild's interop wrapper).
  mainFields: ['module', 'main'],
  // CommonJS dependencies (seedrandom) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __delegsimRequire } from 'node:module'; const require = __delegsimRequire(import.meta.url);" },
  logLevel: 'warning',
});
