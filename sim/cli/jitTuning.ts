// V8 tuning for the simulator's hot path, applied by the CLI at start-up
// (and so to its worker threads, which share the process's flags).
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
// Inlining does not change floating-point results: output is bit-identical.
// Library users (tests, the dashboard) run with V8's defaults.

import { setFlagsFromString } from 'node:v8';

/** Raises V8's inlining budget; call before the simulator's code gets hot. */
export function tuneJit(): void {
  setFlagsFromString('--max-inlined-bytecode-size=1000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=5000');
}
