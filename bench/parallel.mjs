// Parallel experiments (DESIGN.md "Performance targets", issue #6):
//   speed   runs/s of the worker pool with 1 and with 2 (… up to the core count)
//           workers, on the enterprise scenario; the target is N workers ≥
//           0.9·N × one worker (≥ 1.8× at 2). Needs an otherwise idle machine:
//           the other processes' share of the CPU is recorded per segment.
//           Interleaved: one warmed pool per worker count is kept open, and
//           the pools take turns in short segments (BENCH_SEGMENTS, default
//           16, of BENCH_RUNS_PER_WORKER runs per worker, default 12, with the
//           same seeds for every pool; the order alternates). This machine's
//           speed drifts by ±30% within seconds (bench/README.md), so trials
//           taken one after the other measured the drift as much as the pool:
//           single ratios went from ×1.5 to ×2.3, and two independent
//           processes "scaled" ×2.49. Turns of a second or two see the same
//           phases of the machine on average; the speed-up is the ratio of
//           the pools' total runs/s, reported with the geometric mean of the
//           per-segment ratios and its 95% confidence interval. Shorter
//           segments would follow the drift better but cost the pool more: at
//           a segment's end one worker waits for the other's last run (about
//           half a run), ~2% of a 12-run segment and ~4% of a 6-run one.
//           Warm-up: BENCH_WARMUP_PER_WORKER runs per worker (default 40)
//           before the first segment. A fresh isolate keeps TurboFan busy on
//           background threads for its first few dozen runs (bench/README.md,
//           "Parallel workers"): one worker leaves a core idle for the
//           compiler, two share both cores with it, so a short warm-up
//           measures the compiler, not the pool.
//           Cold: fresh pools timed from their first run, what a short
//           `compare` sees (BENCH_COLD_REPEATS rounds, default 3). Both report
//           the process's CPU time per worker and second: above 1, the
//           difference is V8's background threads.
//           Control: the same runs without any pool, in one process and then
//           split over N independent processes started together
//           (bench/independentRuns.mjs), BENCH_COLD_REPEATS rounds — how far
//           the machine itself scales this workload. Taken one after the
//           other, so read it with the drift above in mind.
//   memory  peak resident memory of a whole `delegsim sweep` process (main thread
//           and worker threads) for 1,000 and for 10,000 runs of a small M/M/c,
//           sampled from /proc every 50 ms: results stream to runs.log, so the peak
//           should not grow with the number of runs.
// Writes bench/results/parallel.json with the machine. Needs a build (npm run bench builds).
// Usage: node bench/parallel.mjs [speed|memory]...   (default: both)

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.mjs';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'sim');
const { createNodePool } = await import(join(dist, 'runner', 'nodePool.js'));
const { meanInterval } = await import(join(dist, 'metrics', 'statistics.js'));

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

const spec = (index, seed) => ({ index, scenario: 'enterprise', overrides: [], policy: 'static-skill', seed });
const failOnError = { onResult() {}, onFailure(f) { throw new Error(`run failed: ${f.error}`); } };

/**
 * Runs `runs` through `pool` and times them, with the share of the machine's
 * CPU that other processes used meanwhile (the pool's threads are this process).
 */
async function timed(pool, workers, runs) {
  const cpu0 = machineCpu();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  await pool.run(runs, failOnError);
  const seconds = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(own0);
  const cpu1 = machineCpu();
  let otherCpuShare = null;
  if (cpu0 && cpu1) {
    const other = cpu1.busy - cpu0.busy - (own.user + own.system) / 1000;
    otherCpuShare = Math.max(0, other) / Math.max(1, cpu1.total - cpu0.total);
  }
  return { runs: runs.length, seconds, cpuSeconds: (own.user + own.system) / 1e6, otherCpuShare, workers };
}

/** Runs/s of a fresh pool of `workers` threads, timed from its first run (what a short `compare` sees). */
async function coldRate(workers, runsPerWorker) {
  const pool = createNodePool({ workers });
  const t = await timed(pool, workers, Array.from({ length: workers * runsPerWorker }, (_, i) => spec(i, 1 + i)));
  await pool.close();
  return { workers, runsPerSecond: t.runs / t.seconds, cpuPerWorker: t.cpuSeconds / t.seconds / workers };
}

/** Geometric mean of ratios and its 95% CI: the simulator's Student-t interval, on the logs. */
function geometricMeanCi(ratios) {
  const { mean, lo, hi } = meanInterval(ratios.map(Math.log));
  return { geometricMean: Math.exp(mean), low: Math.exp(lo), high: Math.exp(hi) };
}

/**
 * Warmed pools of 1…maxWorkers threads taking turns in short segments of the
 * same runs (enterprise, its own policy static-skill, distinct seeds per
 * segment, the same seeds for every pool).
 */
async function interleaved(maxWorkers, segments, runsPerWorker, warmupPerWorker) {
  const counts = Array.from({ length: maxWorkers }, (_, i) => i + 1);
  const pools = counts.map((workers) => createNodePool({ workers }));
  for (const [i, pool] of pools.entries()) {
    const n = counts[i] * warmupPerWorker;
    await pool.run(Array.from({ length: n }, (_, k) => spec(k, 100_000 + k)), failOnError);
  }
  const trials = [];
  for (let s = 0; s < segments; s++) {
    const order = s % 2 === 0 ? [...counts] : [...counts].reverse();
    const segment = [];
    for (const workers of order) {
      // Each pool runs the segment's runsPerWorker seeds `workers` times over: the same work per worker.
      const runs = Array.from({ length: workers * runsPerWorker }, (_, k) => spec(k, 1 + s * runsPerWorker + (k % runsPerWorker)));
      segment[workers - 1] = await timed(pools[workers - 1], workers, runs);
    }
    trials.push(segment);
    console.log(
      `parallel speed  segment ${s + 1}/${segments}: ` +
        segment.map((t) => `${t.workers}w ${(t.runs / t.seconds).toFixed(2)} runs/s (others ${(100 * (t.otherCpuShare ?? NaN)).toFixed(0)}%)`).join(', '),
    );
  }
  for (const pool of pools) await pool.close();
  return trials;
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

/** 1 worker against 2 (… up to the cores): interleaved warmed pools, then cold pools and the independent-process control. */
async function speed() {
  const maxWorkers = Math.max(2, Math.min(availableParallelism(), 8));
  const runsPerWorker = Number(process.env.BENCH_RUNS_PER_WORKER ?? 12);
  const warmupPerWorker = Number(process.env.BENCH_WARMUP_PER_WORKER ?? 40);
  const segments = Number(process.env.BENCH_SEGMENTS ?? 16);
  const coldRepeats = Number(process.env.BENCH_COLD_REPEATS ?? 3);
  const trials = await interleaved(maxWorkers, segments, runsPerWorker, warmupPerWorker);
  // A segment counts if other processes used under 5% of the CPU in each of its turns; all count if fewer than half are clean.
  const clean = trials.filter((seg) => seg.every((t) => t.otherCpuShare !== null && t.otherCpuShare < 0.05));
  const use = clean.length >= segments / 2 ? clean : trials;

  const cold = [];
  const control = [];
  for (let r = 0; r < coldRepeats; r++) {
    const order = Array.from({ length: maxWorkers }, (_, i) => i + 1);
    if (r % 2 === 1) order.reverse();
    const c = [];
    for (const workers of order) c[workers - 1] = await coldRate(workers, 24);
    cold.push(c);
    const k = [];
    for (const processes of order) k[processes - 1] = await independentRate(processes, 24, warmupPerWorker);
    control.push(k);
    console.log(
      `parallel speed  cold round ${r + 1}: ` +
        c.map((t) => `${t.workers}w ${t.runsPerSecond.toFixed(2)} runs/s (CPU ${t.cpuPerWorker.toFixed(2)}/worker)`).join(', ') +
        '; control ' +
        k.map((t) => `${t.processes} process${t.processes > 1 ? 'es' : ''} ${t.runsPerSecond.toFixed(2)} runs/s`).join(', '),
    );
  }

  const total = (w) => {
    const runs = use.reduce((a, seg) => a + seg[w - 1].runs, 0);
    const seconds = use.reduce((a, seg) => a + seg[w - 1].seconds, 0);
    const cpuSeconds = use.reduce((a, seg) => a + seg[w - 1].cpuSeconds, 0);
    return { runsPerSecond: runs / seconds, cpuPerWorker: cpuSeconds / seconds / w };
  };
  const one = total(1);
  const rows = [];
  for (let w = 1; w <= maxWorkers; w++) {
    const t = total(w);
    const perSegment = geometricMeanCi(use.map((seg) => seg[w - 1].runs / seg[w - 1].seconds / (seg[0].runs / seg[0].seconds)));
    rows.push({
      workers: w,
      runsPerSecond: t.runsPerSecond,
      speedup: t.runsPerSecond / one.runsPerSecond,
      efficiency: t.runsPerSecond / one.runsPerSecond / w,
      segmentRatio: perSegment,
      cpuPerWorker: t.cpuPerWorker,
      coldMedianRunsPerSecond: median(cold.map((c) => c[w - 1].runsPerSecond)),
      coldSpeedup: median(cold.map((c) => c[w - 1].runsPerSecond / c[0].runsPerSecond)),
      coldMedianCpuPerWorker: median(cold.map((c) => c[w - 1].cpuPerWorker)),
      independentProcessesSpeedup: median(control.map((k) => k[w - 1].runsPerSecond / k[0].runsPerSecond)),
    });
  }
  for (const row of rows) {
    console.log(
      `parallel speed  ${row.workers} worker(s): ${row.runsPerSecond.toFixed(2)} runs/s ` +
        `(×${row.speedup.toFixed(2)}; per segment ×${row.segmentRatio.geometricMean.toFixed(2)}, 95% CI ×${row.segmentRatio.low.toFixed(2)}–${row.segmentRatio.high.toFixed(2)}; ` +
        `efficiency ${(100 * row.efficiency).toFixed(0)}%, CPU ${row.cpuPerWorker.toFixed(2)}/worker); ` +
        `cold ${row.coldMedianRunsPerSecond.toFixed(2)} runs/s (×${row.coldSpeedup.toFixed(2)}, CPU ${row.coldMedianCpuPerWorker.toFixed(2)}/worker); ` +
        `${row.workers} independent processes: ×${row.independentProcessesSpeedup.toFixed(2)}`,
    );
  }
  return {
    scenario: 'enterprise (default horizon), policy static-skill; warmed pools taking turns in segments of the same seeds (cold: fresh pools, timed from their first run)',
    segments,
    cleanSegments: clean.length,
    runsPerWorker,
    warmupPerWorker,
    rows,
    speedupAt2: rows[1].speedup,
    speedupAt2Ci: [rows[1].segmentRatio.low, rows[1].segmentRatio.high],
    coldSpeedupAt2: rows[1].coldSpeedup,
    independentProcessesSpeedupAt2: rows[1].independentProcessesSpeedup,
    segmentsDetail: trials, // each turn as timed() measured it
    cold,
    control,
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
