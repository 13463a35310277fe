import { describe, expect, it, vi } from 'vitest';
import { signalExitCode, STOP_SIGNALS, stopOnSignals } from './stopSignals.js';

// process.emit calls the handlers as a delivered signal would, without sending one.
const deliver = (signal: NodeJS.Signals): boolean => process.emit(signal, signal);
/** Handlers of each stop signal, besides any the test runner has. */
const listeners = (): number[] => STOP_SIGNALS.map((signal) => process.listenerCount(signal));

describe('stopOnSignals', () => {
  it('stopOnSignals aborts on the first stop signal and says so; any later one quits at once with its own exit code', () => {
    const before = listeners();
    const said: string[] = [];
    const quits: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text) => said.push(String(text)) > 0);
    // process.exit must not end the test runner: it throws instead, which also stops the handler where exit would.
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const stop = stopOnSignals('compare', (s) => quits.push(`quit ${s} ${stop.signal.aborted}`));
    try {
      expect(stop.stoppedBy()).toBeUndefined();
      deliver('SIGTERM');
      expect(stop.signal.aborted).toBe(true);
      expect(stop.stoppedBy()).toBe('SIGTERM');
      expect(said.join('')).toBe('\ncompare: stopping after SIGTERM (send a second signal to quit at once)…\n');
      expect(quits).toEqual([]);
      // A different signal quits as well as the same one: each of the three is a way to say "stop now".
      expect(() => deliver('SIGINT')).toThrow('exit 130');
      expect(() => deliver('SIGHUP')).toThrow('exit 129');
      expect(quits).toEqual(['quit SIGINT true', 'quit SIGHUP true']);
      expect(stop.stoppedBy()).toBe('SIGTERM');
    } finally {
      stop.release();
      write.mockRestore();
      exit.mockRestore();
    }
    expect(listeners()).toEqual(before);
  });

  it('stopOnSignals names Ctrl-C as such and tells how to quit at once', () => {
    const said: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text) => said.push(String(text)) > 0);
    const stop = stopOnSignals('reproduce', () => {});
    try {
      deliver('SIGINT');
    } finally {
      stop.release();
      write.mockRestore();
    }
    expect(said.join('')).toBe('\nreproduce: stopping after Ctrl-C (press Ctrl-C again to quit at once)…\n');
  });

  it('signalExitCode is the shell\'s 128 + the signal number', () => {
    expect(STOP_SIGNALS.map(signalExitCode)).toEqual([130, 143, 129]);
  });
});
