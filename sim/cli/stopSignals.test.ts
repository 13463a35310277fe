import { describe, expect, it } from 'vitest';
import { signalExitCode, STOP_SIGNALS, stopOnSignals } from './stopSignals.js';

// process.emit calls the handlers as a delivered signal would, without sending one.
const deliver = (signal: NodeJS.Signals): boolean => process.emit(signal, signal);
/** Handlers of each stop signal, besides any the test runner has. */
const listeners = (): number[] => STOP_SIGNALS.map((signal) => process.listenerCount(signal));

describe('stopOnSignals', () => {
  it('stopOnSignals aborts on the first stop signal, after onStop, and calls onAgain on any later one', () => {
    const before = listeners();
    const seen: string[] = [];
    const stop = stopOnSignals({ onStop: (s) => seen.push(`stop ${s} ${stop.signal.aborted}`), onAgain: (s) => seen.push(`again ${s}`) });
    try {
      expect(stop.stoppedBy()).toBeUndefined();
      deliver('SIGTERM');
      expect(stop.signal.aborted).toBe(true);
      expect(stop.stoppedBy()).toBe('SIGTERM');
      deliver('SIGINT');
      deliver('SIGTERM');
      expect(seen).toEqual(['stop SIGTERM false', 'again SIGINT', 'again SIGTERM']);
      expect(stop.stoppedBy()).toBe('SIGTERM');
    } finally {
      stop.release();
    }
    expect(listeners()).toEqual(before);
  });

  it('stopOnSignals without onAgain leaves a signal that came once to its default effect', () => {
    const before = listeners();
    const stop = stopOnSignals();
    try {
      deliver('SIGINT');
      expect(stop.stoppedBy()).toBe('SIGINT');
      // A second Ctrl-C meets no handler of ours (it ends the process); a first SIGTERM or SIGHUP still meets
      // its handler, which finds the stop under way and does nothing.
      expect(listeners()).toEqual([before[0]!, before[1]! + 1, before[2]! + 1]);
    } finally {
      stop.release();
    }
    expect(listeners()).toEqual(before);
  });

  it('signalExitCode is the shell\'s 128 + the signal number', () => {
    expect(STOP_SIGNALS.map(signalExitCode)).toEqual([130, 143, 129]);
  });
});
