// One process of bench/pairedAB.mjs: `reps` runs of enterprise scaled to
// `agents` agents and `goals` goals with one policy, using the build in
// <root>/dist, printing {tasksPerSecond: [...]} as JSON.
// Usage: node bench/scaledRuns.mjs <root> <policy> <goals> <reps> [agents]

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { scaleScenario } from './scale.mjs';

const [root, policy, goalsText, repsText, agentsText] = process.argv.slice(2);
const dist = join(root, 'dist', 'sim');
// Each checkout's own CLI JIT tuning (sim/cli/jitTuning.ts), where it has one:
// a comparison is then of what users of each build run.
const jitTuning = join(dist, 'cli', 'jitTuning.js');
if (existsSync(jitTuning)) (await import(jitTuning)).tuneJit();
const { loadScenario } = await import(join(dist, 'scenario', 'load.js'));
const { parseScenario } = await import(join(dist, 'scenario', 'parse.js'));
const { simulate } = await import(join(dist, 'runner', 'simulate.js'));
const { scenario: base } = loadScenario(join(root, 'scenarios', 'enterprise.json'));
const scenario = parseScenario(scaleScenario(base, { agents: Number(agentsText ?? 10000), goals: Number(goalsText) }));
const tasksPerSecond = [];
for (let i = 0; i < Number(repsText); i++) {
  const r = simulate(scenario, { policy, seed: 1 });
  tasksPerSecond.push(r.metrics.tasksCreated / r.metrics.wallSeconds);
}
console.log(JSON.stringify({ tasksPerSecond }));
