// Benchmarks (DESIGN.md "Performance targets"). Run with `npm run bench`
// (builds first). Writes bench/results/<name>.json with the machine, so
// numbers are always reported with where they came from.
//   heap    — a bare EventQueue push/pop loop at a few queue sizes
//   mmc     — the M/M/c validation scenario end to end, in-process and as a
//             whole `delegsim run mmc` process (what a user waits for)
//   model   — enterprise scaled to 10,000 agents and 200,000 goals, each run a
//             `delegsim run` process, policies in rotating rounds; and the
//             memory of a 1,000,000-agent world
//   parallel — worker-pool speed-up and sweep memory (bench/parallel.mjs)
// Usage: node bench/run.mjs [heap|mmc|model|parallel]...   (default: all)

import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.mjs';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'sim');
const { EventQueue } = await import(join(dist, 'engine', 'eventQueue.js'));
const { loadScenario } = await import(join(dist, 'scenario', 'load.js'));
const { simulate } = await import(join(dist, 'runner', 'simulate.js'));
const { runScaled } = await import('./scale.mjs');
// `delegsim run`'s V8 inlining budget (sim/cli/jitTuning.ts), so in-process
// figures are of the code as `delegsim run` runs it. Pools go without it, as
// the CLI's do: bench/parallel.mjs runs in its own process and never tunes.
const { tuneJit } = await import(join(dist, 'cli', 'jitTuning.js'));
tuneJit();

function save(name, result) {
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const file = join(root, 'bench', 'results', `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, date: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

/** Steady-state hold model: pop one, push one at a random later time, with `pending` events queued. */
function heapBench(pending, operations) {
  const q = new EventQueue(1024);
  let x = 12345;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < pending; i++) q.push(next(), 0, i, 0);
  const t0 = performance.now();
  for (let i = 0; i < operations; i++) {
    q.pop();
    q.push(q.time - Math.log(1 - next()), 0, q.a, 0);
  }
  const seconds = (performance.now() - t0) / 1000;
  return { pending, operations, seconds, pushPopPerSecond: operations / seconds };
}

function heap() {
  const sizes = [1_000, 10_000, 100_000];
  const rows = sizes.map((n) => {
    heapBench(n, 200_000); // warm-up
    return heapBench(n, 5_000_000);
  });
  for (const r of rows) console.log(`heap  pending ${r.pending}: ${(r.pushPopPerSecond / 1e6).toFixed(1)} M push+pop/s`);
  save('heap', { rows });
}

/**
 * M/M/c (λ=9, μ=1, c=10) on nothing but the EventQueue: arrivals, ten
 * servers, a FIFO ring of waiting arrival times. The floor DESIGN.md measures
 * the engine against ("within 3× of a bare typed-array heap loop").
 */
function bareHeapMmc(customers) {
  const q = new EventQueue(1024);
  let x = 987654321;
  const uniform = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
  const expo = (mean) => -mean * Math.log(1 - uniform());
  const ARRIVE = 0;
  const DEPART = 1;
  const waiting = new Float64Array(1 << 16);
  let head = 0;
  let tail = 0;
  let free = 10;
  let arrived = 0;
  let waitSum = 0;
  q.push(expo(1 / 9), ARRIVE, 0, 0);
  const t0 = performance.now();
  while (q.pop()) {
    const now = q.time;
    if (q.kind === ARRIVE) {
      if (++arrived < customers) q.push(now + expo(1 / 9), ARRIVE, 0, 0);
      if (free > 0) {
        free--;
        q.push(now + expo(1), DEPART, 0, 0);
      } else waiting[tail++ & 0xffff] = now;
    } else if (head !== tail) {
      waitSum += now - waiting[head++ & 0xffff];
      q.push(now + expo(1), DEPART, 0, 0);
    } else free++;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { customers, seconds, customersPerSecond: customers / seconds, meanWait: waitSum / customers };
}

/** SimPy 3 on the same model and machine (bench/simpy_mmc.py), or null when python3-simpy3 is not installed. */
let simpyPython; // the python3 that has simpy, looked up once: null when none has
function simpyMmc(customers) {
  if (simpyPython === undefined) {
    simpyPython = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import simpy'], { encoding: 'utf8' }).status === 0) ?? null;
  }
  if (simpyPython === null) return null;
  const out = spawnSync(simpyPython, [join(root, 'bench', 'simpy_mmc.py'), String(customers)], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`bench/simpy_mmc.py failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function mmc() {
  const { scenario } = loadScenario('mmc');
  const runs = [];
  for (let seed = 1; seed <= 3; seed++) {
    const r = simulate(scenario, { seed });
    runs.push({
      seed,
      goals: r.metrics.goalsArrived,
      events: r.metrics.events,
      wallSeconds: r.metrics.wallSeconds,
      customersPerSecond: r.metrics.goalsArrived / r.metrics.wallSeconds,
      eventsPerSecond: r.metrics.events / r.metrics.wallSeconds,
      meanWait: r.metrics.meanWait,
    });
  }
  // The whole process, as a user runs it (the installed bin, bundled): node
  // start-up, module loading, parsing, run, output — against SimPy on the
  // same model. This machine's speed drifts by ±30% from one minute to the
  // next, so the two are measured in alternating rounds (the order swapped
  // each round) and compared per round: the speed-up is the median of the
  // per-round ratios, each from the same minute of the machine.
  const rounds = Number(process.env.BENCH_MMC_ROUNDS ?? 5);
  const simpyCustomers = Number(process.env.BENCH_SIMPY_CUSTOMERS ?? 300_000);
  const processRuns = [];
  const simpyRuns = [];
  const wholeProcess = () => {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'run', 'mmc', '--json'], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (out.status !== 0) throw new Error(`delegsim run mmc failed: ${out.stderr}`);
    const goals = JSON.parse(out.stdout).metrics.goalsArrived;
    return { seconds, customersPerSecond: goals / seconds };
  };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) processRuns.push(wholeProcess());
    const simpy = simpyMmc(simpyCustomers);
    if (simpy) simpyRuns.push(simpy);
    if (i % 2 === 1) processRuns.push(wholeProcess());
  }
  bareHeapMmc(200_000); // warm-up
  const bare = [1, 2, 3].map(() => bareHeapMmc(1_000_000));
  const simpy = simpyRuns[0];
  const ratios = simpyRuns.map((s, i) => processRuns[i].customersPerSecond / s.customersPerSecond);
  const summary = {
    inProcessCustomersPerSecond: median(runs.map((r) => r.customersPerSecond)),
    wholeProcessCustomersPerSecond: median(processRuns.map((r) => r.customersPerSecond)),
    wholeProcessSeconds: median(processRuns.map((r) => r.seconds)),
    bestWholeProcessSeconds: Math.min(...processRuns.map((r) => r.seconds)),
    bareHeapCustomersPerSecond: median(bare.map((r) => r.customersPerSecond)),
    simpyCustomersPerSecond: simpy ? median(simpyRuns.map((r) => r.customersPerSecond)) : null,
    simpy: simpy
      ? `SimPy ${simpy.simpy}, Python ${simpy.python}, ${simpy.customers} customers, ${simpyRuns.length} runs alternating with delegsim's in this bench run`
      : 'not installed (apt-get install python3-simpy3)',
  };
  summary.speedupOverSimPy = simpy ? median(ratios) : null;
  summary.speedupPerRound = simpy ? ratios : null;
  summary.slowdownVsBareHeap = summary.bareHeapCustomersPerSecond / summary.inProcessCustomersPerSecond;
  console.log(
    `mmc   in-process ${(summary.inProcessCustomersPerSecond / 1e6).toFixed(2)} M customers/s ` +
      `(bare heap ${(summary.bareHeapCustomersPerSecond / 1e6).toFixed(2)} M/s, ×${summary.slowdownVsBareHeap.toFixed(1)}); ` +
      `whole process median ${summary.wholeProcessSeconds.toFixed(2)} s (best ${summary.bestWholeProcessSeconds.toFixed(2)} s) = ` +
      `${(summary.wholeProcessCustomersPerSecond / 1e6).toFixed(2)} M customers/s` +
      (simpy
        ? `; ${summary.speedupOverSimPy.toFixed(1)}× SimPy (median of ${ratios.length} rounds: ${ratios.map((r) => r.toFixed(1)).join(', ')}; SimPy median ${(summary.simpyCustomersPerSecond / 1e3).toFixed(0)}k/s)`
        : ', SimPy not installed'),
  );
  save('mmc', { summary, runs, processRuns, bare, simpyRuns });
}

/**
 * The headline scenario scaled to 10,000 agents and 200,000 goals, single-threaded.
 * Each run is a `delegsim run` process of its own, as a user runs it: one
 * policy per isolate, so no policy inherits the JIT state (polymorphic call
 * sites, deoptimizations) of another. The figure is the run's own wallSeconds
 * (world, run and summary; not Node's start-up). The policies take turns in
 * rounds, the order rotating each round, so that a slow phase of this
 * machine falls on every policy alike.
 */
function model() {
  const policies = (process.env.BENCH_POLICIES ?? 'static-skill,random,trust-aware,intelligent').split(',');
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const { scenario: base } = loadScenario('enterprise');
  const runsOf = new Map(policies.map((p) => [p, []]));
  for (let round = 0; round < repeats; round++) {
    const order = policies.map((_, i) => policies[(i + round) % policies.length]);
    for (const policy of order) {
      const m = runScaled(root, base, { agents: 10_000, goals: 200_000 }, policy);
      runsOf.get(policy).push({ tasks: m.tasksCreated, events: m.events, wallSeconds: m.wallSeconds, goals: m.goalsArrived });
    }
  }
  const rows = [];
  for (const policy of policies) {
    const runs = runsOf.get(policy);
    const rates = runs.map((r) => r.tasks / r.wallSeconds);
    const row = {
      policy,
      agents: 10_000,
      goals: runs[0].goals,
      tasks: runs[0].tasks,
      events: runs[0].events,
      wallSeconds: median(runs.map((r) => r.wallSeconds)),
      tasksPerSecond: median(rates),
      bestTasksPerSecond: Math.max(...rates),
      eventsPerSecond: runs[0].events / median(runs.map((r) => r.wallSeconds)),
      runs,
    };
    rows.push(row);
    console.log(
      `model enterprise×10k agents, ${row.goals} goals, policy ${policy}: median ${(row.tasksPerSecond / 1e3).toFixed(0)}k tasks/s, ` +
        `best ${(row.bestTasksPerSecond / 1e3).toFixed(0)}k (${row.tasks} tasks, ${row.events} events; ${repeats} runs: ` +
        `${rates.map((r) => (r / 1e3).toFixed(0)).join(', ')}k)`,
    );
  }
  // Memory of a 1,000,000-agent world, measured in a fresh process with --expose-gc.
  const probe = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', 'memory.mjs')], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`memory probe failed: ${probe.stderr}`);
  const memory = JSON.parse(probe.stdout);
  console.log(`model 1,000,000 agents: ${(memory.worldBytes / 2 ** 20).toFixed(0)} MiB for the world (heap + typed arrays)`);
  save('model', { rows, memory });
}

/** Parallel experiments (worker pool speed-up, sweep memory): bench/parallel.mjs, in its own process. */
function parallel() {
  const r = spawnSync(process.execPath, [join(root, 'bench', 'parallel.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bench/parallel.mjs failed');
}

const benches = { heap, mmc, model, parallel };
const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(benches)) {
  if (!benches[name]) {
    console.error(`bench: unknown benchmark '${name}' (known: ${Object.keys(benches).join(', ')})`);
    process.exit(2);
  }
  benches[name]();
}
