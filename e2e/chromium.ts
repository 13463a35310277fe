// Where the browser tests find Chromium, and what happens when it is
// missing: Debian's /usr/bin/chromium driven by playwright-core (no browser
// is ever downloaded). Missing locally → the browser tests are skipped with
// the reason printed; missing under CI=true → a failure, never a skip.

import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.DELEGSIM_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for headless Chromium in a sandbox-less container without network (headless itself is playwright's `headless: true`). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) {
    return `${CHROMIUM_PATH} not found: install it with \`apt-get update && apt-get install -y chromium\` (npm test's pretest step does this when it runs as root)`;
  }
  return undefined;
}
