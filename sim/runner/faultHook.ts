// Test hook (fault injection, never set in normal use), read by pool workers
// (nodeWorker.ts, before a run) and by `delegsim run` (after simulating, so
// the tests can see what a failed run leaves behind, e.g. no audit log):
//   DELEGSIM_FAULT_SEED=<n>      a run with master seed n fails;
//   DELEGSIM_FAULT_MODE=throw    … by throwing an error (the default), or
//   DELEGSIM_FAULT_MODE=exit     … by ending the thread (a worker) or process abruptly, or
//   DELEGSIM_FAULT_MODE=hang     … by never returning (a busy loop, as a runaway model would).

/** The fault to inject for a run's master seed, or undefined when the hook is not set. */
export function faultHook(env: NodeJS.ProcessEnv): ((seed: number) => void) | undefined {
  const text = env.DELEGSIM_FAULT_SEED;
  if (text === undefined || text === '') return undefined;
  const faultSeed = Number(text);
  const mode = env.DELEGSIM_FAULT_MODE ?? 'throw';
  return (seed) => {
    if (seed !== faultSeed) return;
    if (mode === 'exit') process.exit(70); // in a worker thread, ends only the thread
    if (mode === 'hang') for (;;); // only terminate() stops it
    throw new Error(`injected fault (DELEGSIM_FAULT_SEED=${faultSeed})`);
  };
}
