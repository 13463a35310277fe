// npm test's pretest step: the browser tests drive Debian's Chromium
// (/usr/bin/chromium, never a downloaded browser). If it is missing and this
// runs as root with apt-get, install it; otherwise say why the browser tests
// will be skipped. Under CI=true a Chromium that cannot be had is an error.

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.DELEGSIM_CHROMIUM ?? '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function main() {
  if (existsSync(CHROMIUM)) return 0;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`[pretest] ${CHROMIUM} is missing: installing Debian's chromium with apt-get…`);
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']) && existsSync(CHROMIUM)) return 0;
    console.error('[pretest] apt-get could not install chromium.');
  } else {
    console.error(`[pretest] ${CHROMIUM} is missing and cannot be installed here (${isRoot ? 'no apt-get' : 'not root'}).`);
  }
  if (inCi) {
    console.error('[pretest] CI=true: the browser tests need Chromium; failing instead of skipping them.');
    return 1;
  }
  console.error('[pretest] The browser tests (e2e/) will be skipped. Install it with: sudo apt-get install -y chromium');
  return 0;
}

process.exit(main());
