// Stopping a long command cleanly (compare and sweep through runWithCli,
// reproduce): the first SIGINT (Ctrl-C), SIGTERM (a service manager's stop)
// or SIGHUP (a closed terminal) aborts its work, which keeps what finished
// and reports it; what a second signal does is the command's choice. The
// exit code after a stop is the shell's for that signal.

import { constants } from 'node:os';

/** Signals that stop a command cleanly: Ctrl-C, a service manager's stop, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The shell's exit code for a process stopped by `signal`: 128 + its number (SIGINT 130, SIGTERM 143, SIGHUP 129). */
export const signalExitCode = (signal: NodeJS.Signals): number => 128 + constants.signals[signal];

/** What {@link stopOnSignals} hands the command. */
export interface StopHandle {
  /** Aborted by the first stop signal: pass it to the work. */
  readonly signal: AbortSignal;
  /** The first stop signal received, if any. */
  stoppedBy(): NodeJS.Signals | undefined;
  /** Removes the handlers: call it (in a finally) once the work is over. */
  release(): void;
}

/**
 * Aborts the returned signal on the first SIGINT, SIGTERM or SIGHUP, after
 * `onStop` (to say it is stopping). A later one calls `onAgain` (to quit at
 * once). Without `onAgain` each signal's handler runs once: the same signal a
 * second time has its default effect (the process ends), while another of
 * the three meets its own handler once more and is ignored (the stop is
 * already under way).
 *
 * @example
 * const stop = stopOnSignals({ onStop: () => process.stderr.write('stopping…\n') });
 * try { await work(stop.signal); } finally { stop.release(); }
 */
export function stopOnSignals(handlers: { onStop?: (signal: NodeJS.Signals) => void; onAgain?: (signal: NodeJS.Signals) => void } = {}): StopHandle {
  const { onStop, onAgain } = handlers;
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // After SIGHUP the terminal may be gone: a failed write to it must not crash the clean stop.
    if (signal === 'SIGHUP') process.stderr.on('error', () => {});
    if (stoppedBy !== undefined) {
      onAgain?.(signal);
      return;
    }
    stoppedBy = signal;
    onStop?.(signal);
    controller.abort();
  };
  for (const signal of STOP_SIGNALS) {
    if (onAgain === undefined) process.once(signal, onSignal);
    else process.on(signal, onSignal);
  }
  return {
    signal: controller.signal,
    stoppedBy: () => stoppedBy,
    release: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
