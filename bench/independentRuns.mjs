// Control for the parallel benchmark: runs `count` enterprise replications
// (static-skill, seeds first..first+count−1) in this one process, without a
// worker pool, and prints {runs, seconds} as JSON. bench/parallel.mjs starts
// one or two of these at once to measure how far the machine itself scales
// this workload across cores — the ceiling the worker pool is judged against.
// Usage: node bench/independentRuns.mjs <count> <first seed> [warm-up runs]

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadScenario } = await import(join(root, 'dist', 'sim', 'scenario', 'load.js'));
const { simulate } = await import(join(root, 'dist', 'sim', 'runner', 'simulate.js'));

const count = Number(process.argv[2] ?? 16);
const first = Number(process.argv[3] ?? 1);
const { scenario } = loadScenario('enterprise');
// Warm-up, as the pool's workers are warmed before they are timed.
const warmup = Number(process.argv[4] ?? 2);
for (let i = 0; i < warmup; i++) simulate(scenario, { policy: 'static-skill', seed: 1000 + i });
const t0 = performance.now();
for (let i = 0; i < count; i++) simulate(scenario, { policy: 'static-skill', seed: first + i });
console.log(JSON.stringify({ runs: count, seconds: (performance.now() - t0) / 1000 }));
