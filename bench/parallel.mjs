// Parallel experiments (DESIGN.md "Performance targets", issue #6):
//   speed   runs/s of the worker pool with 1 and with 2 (… up to the core count)
//           workers, on the enterprise scenario; the target is N workers ≥
//           0.9·N × one worker (≥ 1.8× at 2). Needs an otherwise idle machine:
//           the load average is recorded with each trial.
//           Steady state: each pool is warmed up with BENCH_WARMUP_PER_WORKER
//           runs per worker (default 40) before it is timed. A fresh isolate
//           keeps TurboFan busy on background threads for its first few dozen
//           runs — functions that turn hot only after many runs (the summary,
//           the world's constructor, the failure handlers), recompiled after
//           deoptimizations: --trace-opt over 90 enterprise runs in one
//           isolate counted 113% of the runs' time in compiler time over runs
//           0–9, 28% over 10–19, 22% over 20–29, 10% over 30–39 and 4–8% per ten
//           runs after that. One worker leaves a core idle for the compiler;
//           two share both cores with it, so a short warm-up measures the
//           compiler, not the pool (with 12 warm-up runs: ×1.50 against ×1.78
//           with 48, three rounds each, 2026-11-28).
//           Cold: fresh pools timed from their first run, what a short
//           `compare` sees. Both report the process's CPU time per worker and
//           second: above 1, the difference is V8's background threads.
//           Each round also runs a control without any pool: the same runs in
//           one process, then split over N independent processes started
//           together (bench/independentRuns.mjs) — how far the machine itself
//           scales this workload, the ceiling for the pool. The order of the
//           trials alternates between rounds so slow drifts cancel.
//   memory  peak resident memory of a whole `delegsim sweep` process (main thread
//           and worker threads) for 1,000 and for 10,000 runs of a small M/M/c,
//           sampled from /proc every 50 ms: results stream to runs.log, so the peak
//           should not grow with the number of runs.
// Writes bench/results/parallel.json with the machine. Needs a build (npm run bench builds).
// Usage: node bench/parallel.mjs [speed|memory]...   (default: both)

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.mjs';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'sim');
const { createNodePool } = await import(join(dist, 'runner', 'nodePool.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Busy and total CPU time of the whole machine so far (ms), from /proc/stat. */
function machineCpu() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: (total - idle) * 10, total: total * 10 }; // USER_HZ = 100
  } catch {
    return undefined;
  }
}

/**
 * Runs/s of a warmed pool of `workers` threads over `runsPerWorker × workers`
 * runs of the enterprise scenario with its own policy (static-skill) and
 * distinct seeds: runs of similar length, so the measure is throughput, not
 * how the last long run happens to fall. Also the share of the machine's CPU
 * that other processes used meanwhile (the pool's threads are this process).
 */
async function poolRate(workers, runsPerWorker, warmupPerWorker) {
  const spec = (index) => ({ index, scenario: 'enterprise', overrides: [], policy: 'static-skill', seed: 1 + index });
  const pool = createNodePool({ workers });
  const handlers = { onResult() {}, onFailure(f) { throw new Error(`run failed: ${f.error}`); } };
  // Warm-up: start every worker and let V8 compile the hot paths. TurboFan
  // compiles on background threads, and it keeps finding functions that just
  // turned hot for about ten runs (~1.5 s of compiler time per isolate, see
  // bench/README.md, "Parallel workers"): with one worker that work runs on the idle core,
  // with two it competes with the runs. A short warm-up measures that, not
  // the steady state of a long sweep.
  await pool.run(Array.from({ length: workers * warmupPerWorker }, (_, i) => spec(1000 + i)), handlers);
  const n = workers * runsPerWorker;
  const cpu0 = machineCpu();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  await pool.run(Array.from({ length: n }, (_, i) => spec(i)), handlers);
  const seconds = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(own0);
  const cpu1 = machineCpu();
  await pool.close();
  let otherCpuShare = null;
  if (cpu0 && cpu1) {
    const other = cpu1.busy - cpu0.busy - (own.user + own.system) / 1000;
    otherCpuShare = Math.max(0, other) / Math.max(1, cpu1.total - cpu0.total);
  }
  const cpuPerWorker = (own.user + own.system) / 1e6 / seconds / workers;
  return { workers, runs: n, seconds, runsPerSecond: n / seconds, cpuPerWorker, otherCpuShare, loadAverage: loadavg()[0] };
}

/** Runs/s of `processes` independent processes, each doing `runsEach` runs, started together. */
async function independentRate(processes, runsEach, warmup) {
  const results = await Promise.all(
    Array.from({ length: processes }, (_, p) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(root, 'bench', 'independentRuns.mjs'), String(runsEach), String(1 + p * runsEach), String(warmup)], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`independentRuns exited with ${code}`))));
      }),
    ),
  );
  // Each process times its own runs after warming up; the slowest one bounds the batch.
  const seconds = Math.max(...results.map((r) => r.seconds));
  return { processes, runs: processes * runsEach, seconds, runsPerSecond: (processes * runsEach) / seconds };
}

/**
 * 1 worker against 2 (… up to the cores), measured in alternating rounds.
 * This machine is shared: a round counts only if other processes used under
 * 5% of the CPU during each of its trials; up to BENCH_ATTEMPTS rounds are
 * tried to get BENCH_REPEATS clean ones. Every round is recorded.
 */
async function speed() {
  const maxWorkers = Math.max(2, Math.min(availableParallelism(), 8));
  const runsPerWorker = Number(process.env.BENCH_RUNS_PER_WORKER ?? 24);
  const warmupPerWorker = Number(process.env.BENCH_WARMUP_PER_WORKER ?? 40);
  const repeats = Number(process.env.BENCH_REPEATS ?? 5);
  const attempts = Number(process.env.BENCH_ATTEMPTS ?? 30);
  const rounds = [];
  for (let a = 0; a < attempts && rounds.filter((r) => r.clean).length < repeats; a++) {
    const trials = [];
    const order = Array.from({ length: maxWorkers }, (_, i) => i + 1);
    if (a % 2 === 1) order.reverse();
    for (const workers of order) trials[workers - 1] = await poolRate(workers, runsPerWorker, warmupPerWorker);
    const cold = [];
    for (const workers of order) cold[workers - 1] = await poolRate(workers, runsPerWorker, 0);
    const control = [];
    for (const processes of order) control[processes - 1] = await independentRate(processes, runsPerWorker, warmupPerWorker);
    const clean = trials.every((t) => t.otherCpuShare !== null && t.otherCpuShare < 0.05);
    rounds.push({ clean, trials, cold, control });
    console.log(
      `parallel speed  round ${a + 1}${clean ? '' : ' (busy machine, not counted)'}: ` +
        trials.map((t) => `${t.workers}w ${t.runsPerSecond.toFixed(2)} runs/s (CPU ${t.cpuPerWorker.toFixed(2)}/worker, others ${(100 * (t.otherCpuShare ?? NaN)).toFixed(0)}%)`).join(', ') +
        '; cold ' +
        cold.map((t) => `${t.workers}w ${t.runsPerSecond.toFixed(2)} runs/s (CPU ${t.cpuPerWorker.toFixed(2)}/worker)`).join(', ') +
        '; control ' +
        control.map((c) => `${c.processes} process${c.processes > 1 ? 'es' : ''} ${c.runsPerSecond.toFixed(2)} runs/s`).join(', '),
    );
  }
  const counted = rounds.filter((r) => r.clean);
  const use = counted.length > 0 ? counted : rounds;
  const rows = [];
  for (let w = 1; w <= maxWorkers; w++) {
    const rates = use.map((r) => r.trials[w - 1].runsPerSecond);
    const ratios = use.map((r) => r.trials[w - 1].runsPerSecond / r.trials[0].runsPerSecond);
    const controlRatios = use.map((r) => r.control[w - 1].runsPerSecond / r.control[0].runsPerSecond);
    const coldRatios = use.map((r) => r.cold[w - 1].runsPerSecond / r.cold[0].runsPerSecond);
    rows.push({
      workers: w,
      medianRunsPerSecond: median(rates),
      speedup: median(ratios),
      efficiency: median(ratios) / w,
      medianCpuPerWorker: median(use.map((r) => r.trials[w - 1].cpuPerWorker)),
      coldMedianRunsPerSecond: median(use.map((r) => r.cold[w - 1].runsPerSecond)),
      coldSpeedup: median(coldRatios),
      coldMedianCpuPerWorker: median(use.map((r) => r.cold[w - 1].cpuPerWorker)),
      independentProcessesSpeedup: median(controlRatios),
    });
  }
  for (const row of rows) {
    console.log(
      `parallel speed  ${row.workers} worker(s): ${row.medianRunsPerSecond.toFixed(2)} runs/s ` +
        `(×${row.speedup.toFixed(2)}, efficiency ${(100 * row.efficiency).toFixed(0)}%, CPU ${row.medianCpuPerWorker.toFixed(2)}/worker); ` +
        `cold ${row.coldMedianRunsPerSecond.toFixed(2)} runs/s (×${row.coldSpeedup.toFixed(2)}, CPU ${row.coldMedianCpuPerWorker.toFixed(2)}/worker); ` +
        `${row.workers} independent processes: ×${row.independentProcessesSpeedup.toFixed(2)}`,
    );
  }
  return {
    scenario: 'enterprise (default horizon), policy static-skill, distinct seeds; pools warmed up (cold: fresh pools, timed from their first run)',
    runsPerWorker,
    warmupPerWorker,
    cleanRounds: counted.length,
    rows,
    speedupAt2: rows[1].speedup,
    coldSpeedupAt2: rows[1].coldSpeedup,
    independentProcessesSpeedupAt2: rows[1].independentProcessesSpeedup,
    rounds,
  };
}

function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Peak RSS of a whole sweep process with `replications` × 10 points × 2 policies runs. */
async function sweepMemory(replications) {
  const dir = mkdtempSync(join(tmpdir(), 'delegsim-bench-'));
  const file = join(dir, 'sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'memory',
      scenario: 'mmc',
      set: ['horizon.goals=200', 'horizon.warmupGoals=20'],
      grid: { 'arrivals.rate': [5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5] },
      policies: ['fifo', 'random'],
      replications,
    }),
  );
  const runs = replications * 20;
  const out = join(dir, 'out');
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'sweep', file, '--out', out, '--workers', '2'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const samples = [];
  let peak = 0;
  const timer = setInterval(() => {
    const rss = rssKiB(child.pid);
    if (rss === undefined) return;
    peak = Math.max(peak, rss);
    // Progress as the size of runs.log (cheap: counting its lines would compete for the CPU).
    const log = join(out, 'runs.log');
    const logKiB = existsSync(log) ? Math.round(statSync(log).size / 1024) : 0;
    samples.push({ seconds: Math.round((performance.now() - t0) / 10) / 100, runsLogKiB: logKiB, rssMiB: Math.round(rss / 102.4) / 10 });
  }, 50);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`sweep exited with ${code}`);
  rmSync(dir, { recursive: true, force: true });
  // Keep about 20 samples, spread over the run, for the record.
  const step = Math.max(1, Math.floor(samples.length / 20));
  const kept = samples.filter((_, i) => i % step === 0);
  const peakMiB = Math.round(peak / 102.4) / 10;
  console.log(`parallel memory ${runs} runs: peak RSS ${peakMiB} MiB, ${seconds.toFixed(1)} s (${(runs / seconds).toFixed(0)} runs/s)`);
  return { runs, seconds, runsPerSecond: runs / seconds, peakRssMiB: peakMiB, samples: kept };
}

async function memory() {
  const small = await sweepMemory(50);
  const large = await sweepMemory(500);
  const growth = large.peakRssMiB / small.peakRssMiB;
  console.log(`parallel memory peak RSS ×${growth.toFixed(2)} for 10× the runs`);
  return { scenario: 'mmc, horizon.goals=200, 10 arrival rates × fifo/random', small, large, peakGrowthFor10xRuns: growth };
}

const parts = { speed, memory };
const chosen = process.argv.slice(2);
const file = join(root, 'bench', 'results', 'parallel.json');
const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
const result = { ...previous, name: 'parallel', date: new Date().toISOString(), machine: machine() };
for (const name of chosen.length ? chosen : Object.keys(parts)) {
  if (!parts[name]) {
    console.error(`bench: unknown part '${name}' (known: ${Object.keys(parts).join(', ')})`);
    process.exit(2);
  }
  result[name] = await parts[name]();
}
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${file}`);
