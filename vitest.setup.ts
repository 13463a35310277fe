// Builds the compiled library and the bundled CLI (dist/cli/, what `bin` runs) once before the tests that spawn it (tsc 7 takes < 1 s).
// DELEGSIM_SKIP_BUILD=1 skips it when dist/ is known to be fresh.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.DELEGSIM_SKIP_BUILD) return;
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundleCli.mjs'], { stdio: 'inherit' });
}
