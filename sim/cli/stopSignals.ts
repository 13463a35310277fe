// Stopping a long command cleanly (compare and sweep through runWithCli,
// reproduce): the first SIGINT (Ctrl-C), SIGTERM (a service manager's stop)
// or SIGHUP (a closed terminal) aborts its work, which keeps what finished
// and reports it; a second one quits at once. The exit code after a stop is
// the shell's for the signal.

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
 * saying so on stderr (`compare: stopping after Ctrl-C (press Ctrl-C again to
 * quit at once)…`). Any later one of the three quits at once: `onQuit` says
 * what is left (and tidies up), then the process exits with the shell's code
 * for that signal.
 *
 * @example
 * const stop = stopOnSignals('compare', () => process.stderr.write('compare: quit at once\n'));
 * try { await work(stop.signal); } finally { stop.release(); }
 */
export function stopOnSignals(label: string, onQuit: (signal: NodeJS.Signals) => void): StopHandle {
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // After SIGHUP the terminal may be gone: a failed write to it must not crash the clean stop.
    if (signal === 'SIGHUP') process.stderr.on('error', () => {});
    if (stoppedBy !== undefined) {
      onQuit(signal);
      process.exit(signalExitCode(signal));
    }
    stoppedBy = signal;
    const again = signal === 'SIGINT' ? 'press Ctrl-C again' : 'send a second signal';
    process.stderr.write(`\n${label}: stopping after ${signal === 'SIGINT' ? 'Ctrl-C' : signal} (${again} to quit at once)…\n`);
    controller.abort();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    signal: controller.signal,
    stoppedBy: () => stoppedBy,
    release: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
