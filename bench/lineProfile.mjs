// Where, line by line, does a scaled run spend its time? Runs the bundled CLI
// (dist/cli: unminified files, so a file and line number name one source
// line) under V8's sampling profiler on the enterprise scenario scaled as
// bench/scale.mjs does, and prints the source lines with the most samples,
// inlined code included.
//
// Caveats. V8 counts a sample in inlined code at the inlined line's number
// but under the file of the function it was inlined into: the model is almost
// all in one chunk (shared by `run` and the pool worker), but a line inlined
// from another chunk shows under the caller's file (past its end, or as a
// line that cannot be it). And
// a sample lands on the instruction after the one that waited, so a cache
// miss can show on the line after the load.
//
// Why by line and not by function: TurboFan inlines the handlers' callees, so
// a function profile charges one large function for everything; and the line
// that waits is usually a load that misses the cache, which is what costs at
// 10^4 agents (README "Performance"). A line's share only means something
// against the total of the same run: this machine's speed swings from one
// minute to the next.
//
// Usage: node bench/lineProfile.mjs [policy] [agents] [goals] [lines]
//   defaults: static-skill, 10,000 agents, 100,000 goals, 40 lines. Needs a build.

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScaled } from './scale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [policy = 'static-skill', agentsText = '10000', goalsText = '100000', linesText = '40'] = process.argv.slice(2);
const { loadScenario } = await import(join(root, 'dist', 'sim', 'scenario', 'load.js'));

const { scenario } = loadScenario('enterprise');
let profile;
const metrics = runScaled(root, scenario, { agents: Number(agentsText), goals: Number(goalsText) }, policy, {
  nodeArgs: (dir) => ['--cpu-prof', '--cpu-prof-dir', dir],
  inspect: (dir) => (profile = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))), 'utf8'))),
});

const totalMs = profile.timeDeltas.reduce((s, d) => s + d, 0) / 1000;
const ticks = new Map(); // "path:line" → samples
for (const node of profile.nodes) {
  if (!node.positionTicks || !node.callFrame.url.includes('/dist/cli/')) continue;
  for (const { line, ticks: n } of node.positionTicks) {
    const key = `${fileURLToPath(node.callFrame.url)}:${line}`;
    ticks.set(key, (ticks.get(key) ?? 0) + n);
  }
}
const sampled = [...ticks.values()].reduce((s, n) => s + n, 0);
const sources = new Map();
const lineOf = (path, line) => {
  if (!sources.has(path)) sources.set(path, readFileSync(path, 'utf8').split('\n'));
  return (sources.get(path)[line - 1] ?? '(past the end: a line inlined from another chunk)').trim();
};
console.log(
  `${policy}, ${agentsText} agents, ${metrics.goalsArrived} goals: ${metrics.tasksCreated} tasks in ${metrics.wallSeconds.toFixed(2)} s ` +
    `(${(metrics.tasksCreated / metrics.wallSeconds / 1e3).toFixed(0)} k tasks/s); profile ${totalMs.toFixed(0)} ms, ${sampled} samples in delegsim code`,
);
console.log('share   samples  line  source');
for (const [key, n] of [...ticks].sort((a, b) => b[1] - a[1]).slice(0, Number(linesText))) {
  const at = key.lastIndexOf(':');
  const path = key.slice(0, at);
  const line = Number(key.slice(at + 1));
  const share = ((100 * n) / sampled).toFixed(1).padStart(5);
  console.log(`${share}%  ${String(n).padStart(6)}  ${String(line).padStart(6)}  ${path.split('/').pop()}  ${lineOf(path, line).slice(0, 110)}`);
}
