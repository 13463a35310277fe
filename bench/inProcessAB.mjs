// Is a change faster? Both builds in one process: each checkout's dist/sim is
// imported (two module graphs, two sets of JIT code), both are warmed up, and
// then their runs alternate, the order swapped every round. Both see the same
// core in the same seconds, which two processes pinned to the two cores of
// this VM do not (their ratios for the same pair of builds spread 0.52–1.55).
// Prints the medians and the geometric mean of the per-round ratios B/A. Run
// it both ways round (A/B and B/A): the build imported first can come out a
// few percent ahead.
//
// Usage: node bench/inProcessAB.mjs <A checkout> <B checkout> [scenario] [goals] [rounds] [policy]
//   defaults: mmc, 200,000 goals (warm-up 1,000), 16 rounds, the scenario's policy.
//   Both checkouts must be built (npm run build). Uses `delegsim run`'s JIT tuning.

import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [a, b, scenarioName = 'mmc', goalsText = '200000', roundsText = '16', policy] = process.argv.slice(2);
if (a === undefined || b === undefined) {
  console.error('usage: node bench/inProcessAB.mjs <A checkout> <B checkout> [scenario] [goals] [rounds] [policy]');
  process.exit(2);
}
const load = (root, file) => import(pathToFileURL(join(resolve(root), 'dist', 'sim', file)).href);

(await load(a, 'cli/jitTuning.js')).tuneJit();
const overrides = [`horizon.goals=${goalsText}`, 'horizon.warmupGoals=1000'];
const builds = [];
for (const root of [a, b]) {
  const { loadScenario } = await load(root, 'scenario/load.js');
  const { World } = await load(root, 'model/world.js');
  builds.push({ World, scenario: loadScenario(scenarioName, { overrides }).scenario });
}

/** One run's simulation time in ms (world construction and summary left out). */
function timedRun(build, seed) {
  const world = new build.World(build.scenario, { seed, policy });
  const started = performance.now();
  world.run();
  return performance.now() - started;
}

for (let i = 0; i < 3; i++) for (const build of builds) timedRun(build, 1000 + i);
const rounds = Number(roundsText);
const times = [[], []];
let logSum = 0;
for (let r = 0; r < rounds; r++) {
  const ms = [];
  for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) ms[i] = timedRun(builds[i], r + 1);
  times[0].push(ms[0]);
  times[1].push(ms[1]);
  logSum += Math.log(ms[1] / ms[0]);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
console.log(
  `${scenarioName}, ${goalsText} goals, ${rounds} rounds: A median ${median(times[0]).toFixed(0)} ms, ` +
    `B median ${median(times[1]).toFixed(0)} ms, B/A geometric mean ${Math.exp(logSum / rounds).toFixed(3)}`,
);
