// The simulator: a clock and a run loop over the event queue. Events are data
// (kind, a, b); a handler table indexed by kind gives them meaning. The
// engine knows nothing of delegation.

import { EventQueue } from './eventQueue.js';

export type EventHandler = (a: number, b: number) => void;
export type StopReason = 'empty' | 'until' | 'maxEvents' | 'stopped';

export interface RunOptions {
  /** Handle no event later than this time; `now` is set to it on return. */
  until?: number | undefined;
  /** Handle at most this many events in this call. */
  maxEvents?: number | undefined;
}

/**
 * A discrete-event clock and loop.
 *
 * @example
 * const sim = new Simulator();
 * sim.schedule(1.5, ARRIVAL, goalId);
 * sim.run([onArrival, onDone], { until: 60 });
 */
export class Simulator {
  readonly queue = new EventQueue(1024);
  /** Current simulated time (minutes). */
  now = 0;
  /** Events handled so far, over all run calls. */
  events = 0;
  private stopping = false;

  /** Schedules an event `delay` after now. */
  schedule(delay: number, kind: number, a = 0, b = 0): void {
    if (!(delay >= 0)) throw new RangeError(`schedule: delay must be ≥ 0, got ${delay}`);
    this.queue.push(this.now + delay, kind, a, b);
  }

  /** Schedules an event at an absolute time, not earlier than now. */
  scheduleAt(time: number, kind: number, a = 0, b = 0): void {
    if (!(time >= this.now)) throw new RangeError(`scheduleAt: time must be ≥ now (${this.now}), got ${time}`);
    this.queue.push(time, kind, a, b);
  }

  /** Ends the current run call after the event being handled. */
  stop(): void {
    this.stopping = true;
  }

  /** Handles events in (time, seq) order until the queue empties or a limit is reached. */
  run(handlers: ReadonlyArray<EventHandler>, options: RunOptions = {}): StopReason {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    const queue = this.queue;
    let handled = 0;
    this.stopping = false;
    while (queue.size > 0) {
      if (handled >= maxEvents) return 'maxEvents';
      if (queue.peekTime() > until) {
        this.now = until;
        return 'until';
      }
      queue.pop();
      this.now = queue.time;
      const handler = handlers[queue.kind];
      if (handler === undefined) throw new Error(`simulator: no handler for event kind ${queue.kind}`);
      handler(queue.a, queue.b);
      handled++;
      this.events++;
      if (this.stopping) return 'stopped';
    }
    if (Number.isFinite(until)) this.now = Math.max(this.now, until);
    return 'empty';
  }
}
