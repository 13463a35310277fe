// Memory of a world with 1,000,000 agents (enterprise scaled), run for a few
// thousand goals. Run with --expose-gc; prints one JSON object.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'sim');
const { loadScenario } = await import(join(dist, 'scenario', 'load.js'));
const { parseScenario } = await import(join(dist, 'scenario', 'parse.js'));
const { World } = await import(join(dist, 'model', 'world.js'));
const { scaleScenario } = await import('./scale.mjs');

const used = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const { scenario } = loadScenario('enterprise');
const scaled = parseScenario(scaleScenario(scenario, { agents: 1_000_000, goals: 20_000 }));
const before = used();
const world = new World(scaled, { seed: 1 });
world.run();
const after = used();
const m = process.memoryUsage();
console.log(
  JSON.stringify({
    agents: world.agents.count,
    goals: world.goalsArrived,
    worldBytes: after - before,
    heapUsed: m.heapUsed,
    arrayBuffers: m.arrayBuffers,
    rss: m.rss,
    keepAlive: world.goalsEnded > 0,
  }),
);
