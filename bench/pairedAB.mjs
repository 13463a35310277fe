// Is a change faster? On the bench machine the same run varies by ±30% and
// more from minute to minute (the memory system is shared with other
// tenants), so timing A, then B, then A again cannot see a 5–10% change.
// This runs A and B at the same time, each pinned to its own core with
// taskset, swapping the cores every round, and reports the geometric mean of
// the per-round ratios B/A: both see the same minute of the machine.
// The first run in each process warms the JIT and is not counted.
//
// Usage: node bench/pairedAB.mjs <A checkout> <B checkout> [policy] [rounds] [goals] [agents]
//   e.g. git worktree add /tmp/base HEAD~1 && (cd /tmp/base && npm run build)
//        node bench/pairedAB.mjs /tmp/base . intelligent 8
// Needs 2 cores and taskset (util-linux). Both checkouts must be built.

import { spawn } from 'node:child_process';
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [a, b, policy = 'static-skill', roundsText = '8', goals = '30000', agents = '10000'] = process.argv.slice(2);
if (a === undefined || b === undefined) {
  console.error('usage: node bench/pairedAB.mjs <A checkout> <B checkout> [policy] [rounds] [goals] [agents]');
  process.exit(2);
}

function pinned(core, root) {
  return new Promise((ok, fail) => {
    const child = spawn('taskset', ['-c', String(core), process.execPath, join(here, 'scaledRuns.mjs'), resolve(root), policy, goals, '3', agents], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? ok(JSON.parse(out).tasksPerSecond.slice(1)) : fail(new Error(`run on core ${core} exited with ${code}`))));
  });
}

const sum = (xs) => xs.reduce((s, x) => s + x, 0);
let logSum = 0;
const rounds = Number(roundsText);
for (let r = 0; r < rounds; r++) {
  const [coreA, coreB] = r % 2 === 0 ? [0, 1] : [1, 0];
  const [ra, rb] = await Promise.all([pinned(coreA, a), pinned(coreB, b)]);
  const ratio = sum(rb) / sum(ra);
  logSum += Math.log(ratio);
  const k = (xs) => xs.map((x) => Math.round(x / 1000)).join(' ');
  console.log(`round ${r + 1}: A ${k(ra)} k tasks/s | B ${k(rb)} k tasks/s | B/A ${ratio.toFixed(3)}`);
}
console.log(`${policy}: B/A geometric mean ${Math.exp(logSum / rounds).toFixed(3)} over ${rounds} rounds`);
