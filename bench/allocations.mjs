// Where does a run allocate? Every heap object a run creates, garbage included,
// by the function that allocated it, from V8's sampling heap profiler
// (HeapProfiler.startSampling with the objects later collected by the minor
// and major GC kept in the profile).
//
// Why: the hot paths are meant to allocate nothing, so an allocation there is
// usually a double boxed as a heap number — a value TurboFan could not keep
// unboxed: a call it did not inline, or a result that may be an untyped value
// (a global lookup without type feedback, a captured variable). The boxing
// itself is cheap; the generic path that causes it is not. This is how
// EventQueue.peekTime's `Infinity` was found: 32 MB, one heap number per event
// of the M/M/c run, in Simulator.run. Inlined functions count as the function
// they were inlined into; read the optimized code (node --print-opt-code
// --print-opt-code-filter=NAME --code-comments) to see which value it is.
//
// Usage: node bench/allocations.mjs [mmc | enterprise] [policy] [agents] [goals]
//   mmc: scenarios/validation/mmc.json (1,000,000 goals), policy fifo;
//   enterprise: scaled as bench/scale.mjs does (default 2,000 agents, 40,000 goals), policy static-skill.
// Needs a build (npm run build). One warm-up run first, then the measured run.

import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleScenario } from './scale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'sim');
const [which = 'mmc', policyArg, agentsText = '2000', goalsText = '40000'] = process.argv.slice(2);
if (which !== 'mmc' && which !== 'enterprise') {
  console.error(`bench/allocations: unknown scenario '${which}' (mmc or enterprise)`);
  process.exit(2);
}
const policy = policyArg ?? (which === 'mmc' ? 'fifo' : 'static-skill');

// The CLI's JIT tuning, so the code measured is the code users run.
(await import(join(dist, 'cli', 'jitTuning.js'))).tuneJit();
const { loadScenario } = await import(join(dist, 'scenario', 'load.js'));
const { parseScenario } = await import(join(dist, 'scenario', 'parse.js'));
const { simulate } = await import(join(dist, 'runner', 'simulate.js'));

const scenario =
  which === 'mmc'
    ? loadScenario(join(root, 'scenarios', 'validation', 'mmc.json')).scenario
    : parseScenario(scaleScenario(loadScenario(join(root, 'scenarios', 'enterprise.json')).scenario, { agents: Number(agentsText), goals: Number(goalsText) }));

simulate(scenario, { policy, seed: 2 }); // warm-up: the measured run is mostly optimized code
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMinorGC: true,
  includeObjectsCollectedByMajorGC: true,
});
const result = simulate(scenario, { policy, seed: 1 });
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

const bytesBySite = new Map();
let total = 0;
(function walk(node) {
  if (node.selfSize > 0) {
    const { functionName, url, lineNumber } = node.callFrame;
    const site = `${functionName || '(anonymous)'} ${url.split('/').pop() || '(native)'}:${lineNumber + 1}`;
    bytesBySite.set(site, (bytesBySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) walk(child);
})(profile.head);

const { goalsArrived, tasksCreated, events } = result.metrics;
console.log(
  `${which}, ${policy}: ${goalsArrived} goals, ${tasksCreated} tasks, ${events} events; ` +
    `${(total / 1e6).toFixed(1)} MB allocated = ${(total / tasksCreated).toFixed(0)} bytes per task, ${(total / events).toFixed(0)} per event`,
);
console.log('     MB  bytes/task  function file:line');
for (const [site, bytes] of [...bytesBySite].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${(bytes / 1e6).toFixed(2).padStart(7)}  ${(bytes / tasksCreated).toFixed(1).padStart(10)}  ${site}`);
}
