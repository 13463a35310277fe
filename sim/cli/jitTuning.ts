// V8 tuning for the simulator's hot path, applied by `delegsim run` before it
// simulates — and only there: V8's flags are process-wide, so worker threads
// would inherit it, and pools run better without it (below).
//
// Why: a run spends its time in a few World handlers (goal arrival, start,
// end, completion) that call each other and small accessors. V8 by default
// inlines callees of at most 460 bytes of bytecode and 920 in total per
// function, which leaves calls on that path. With 1,000 and 5,000, the
// cache-resident M/M/c (scenarios/validation/mmc.json) simulated in a median
// 1.57 s instead of 2.26 s over ten interleaved in-process runs on the bench
// machine, and 1.84 s instead of 1.97 s inside `delegsim run mmc` over eight
// interleaved pairs (that machine's timings vary ±30%, so read these as
// "somewhat faster, never slower"). Large populations are bound by memory,
// not calls, and showed no change.
//
// Why not in pools (compare, sweep, reproduce, worker): the larger budget
// makes TurboFan compile far more code — 6.8 s of compiler time per isolate
// over its first 40 enterprise runs instead of 2.7 s (`--trace-opt`), 1.8 s
// instead of 0.6 s of it after the 12th run — and a worker compiles on a
// background thread. One simulation leaves a core idle for that; two workers
// on two cores must share them with it. `delegsim compare enterprise
// --replications 10 --workers 2` (110 runs, what `npm start` runs) took
// 15–26 s with the tuning and 13–23 s without: 0.84 × the time (median of 11
// alternating pairs on 2026-11-28, 10 of them faster without). With one
// worker the tuning helped, as for `run` (3 of 4 pairs faster, up to 1.3 ×),
// but pools go without it whatever their size: bench/parallel.mjs, which
// never tunes, then measures the pools the CLI runs.
// Inlining does not change floating-point results: output is bit-identical.
// Library users (tests, the dashboard) run with V8's defaults.

import { setFlagsFromString } from 'node:v8';

/** Raises V8's inlining budget; call before the simulator's code gets hot. */
export function tuneJit(): void {
  setFlagsFromString('--max-inlined-bytecode-size=1000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=5000');
}
