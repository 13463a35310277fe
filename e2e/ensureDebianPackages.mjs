// npm test's pretest step: the end-to-end tests use two programs from
// Debian's packages — Chromium (/usr/bin/chromium, driven by playwright-core;
// never a downloaded browser) for the dashboard, and redis-server for the
// queue backend. Whatever is missing is installed with apt-get when this
// runs as root; otherwise it says which tests will be skipped. Under CI=true
// a package that cannot be had is an error.

import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const PACKAGES = [
  { name: 'chromium', path: process.env.DELEGSIM_CHROMIUM ?? '/usr/bin/chromium', tests: 'the browser tests (e2e/dashboard)' },
  { name: 'redis-server', path: '/usr/bin/redis-server', tests: 'the queue tests (e2e/queue)' },
];
const inCi = process.env.CI === 'true' || process.env.CI === '1';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function main() {
  const missing = PACKAGES.filter((p) => !existsSync(p.path));
  if (missing.length === 0) return 0;
  const names = missing.map((p) => p.name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`[pretest] missing ${names.join(', ')}: installing Debian's package(s) with apt-get…`);
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', ...names]) && missing.every((p) => existsSync(p.path))) return 0;
    console.error('[pretest] apt-get could not install them.');
  } else {
    console.error(`[pretest] ${names.join(', ')} missing and cannot be installed here (${isRoot ? 'no apt-get' : 'not root'}).`);
  }
  if (inCi) {
    console.error('[pretest] CI=true: the end-to-end tests need them; failing instead of skipping those tests.');
    return 1;
  }
  for (const p of missing.filter((q) => !existsSync(q.path))) {
    console.error(`[pretest] ${p.tests} will be skipped. Install it with: sudo apt-get install -y ${p.name}`);
  }
  return 0;
}

process.exit(main());
