// Bundles the compiled CLI (dist/sim/cli/main.js, from tsc) into dist/cli/:
// one entry file plus chunks for the lazily loaded commands.
//
// Why: start-up is a visible share of a short run. Unbundled, `delegsim`
// resolves and compiles ~350 ES modules before it does anything — zod alone
// brings 64 locale files it never uses — which cost ~0.17 s of the ~0.45 s a
// `delegsim validate` took on the 2-core bench machine; bundled (dead code
// dropped) it starts in ~0.28 s, of which node itself is ~0.12 s.
// zod's 64 translations of its error messages (46% of its source, and the
// only non-ASCII text in the bundle, which makes V8 scan the whole chunk as
// UTF-16) are replaced by English alone: delegsim words its own errors
// (sim/scenario/errors.ts) and zod defaults to English. The zod chunk shrinks
// from 800 to 436 kB and `delegsim validate mmc` from 297 to 265 ms and 287
// to 255 ms (hyperfine, 40 runs each, two sessions, bench machine).
// The pool worker's entry is bundled beside it (dist/cli/nodeWorker.js), sharing
// chunks with the CLI: a worker thread imported ~350 modules in ~250 ms before,
// the bundle in ~130 ms (2026-11-28). Library users' pools (tests, bench)
// still run dist/sim/runner/nodeWorker.js: the same source.
// Usage: node scripts/bundleCli.mjs (npm run build runs it after tsc).

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'cli');

/** Resolves zod's locale index to a module that exports English only. */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: join(root, 'node_modules', 'zod', 'v4', 'locales'),
    }));
  },
};
rmSync(outdir, { recursive: true, force: true });
await build({
  // The pool worker's entry too, so that the CLI's worker threads start from the bundle as well
  // (nodePool.ts picks dist/cli/nodeWorker.js when it runs from here).
  entryPoints: [join(root, 'dist', 'sim', 'cli', 'main.js'), join(root, 'dist', 'sim', 'runner', 'nodeWorker.js')],
  entryNames: '[name]',
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
  plugins: [englishOnlyZod],
  logLevel: 'warning',
});
