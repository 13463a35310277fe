// Simulator: the simulated clock and the run loop that pops events from the
// EventQueue and dispatches each to the handler registered for its kind.
//
// Why a handler table indexed by kind rather than callbacks stored in events:
// events stay plain numbers (see eventQueue.ts), so scheduling allocates
// nothing and the queue's contents are a replayable trace.

import { EventQueue } from './eventQueue.js';

/**
 * Handles one event; `a` and `b` are the ids it was scheduled with.
 *
 * @example
 * ```ts
 * const onFinish: EventHandler = (task, agent) => { release(agent); complete(task); };
 * ```
 */
export type EventHandler = (a: number, b: number) => void;

/**
 * Why `run` returned: the queue drained (`'empty'`), the next event lies past
 * `until` (`'until'`), `maxEvents` events were handled (`'maxEvents'`), or a
 * handler called `stop()` (`'stopped'`).
 *
 * @example
 * ```ts
 * while (sim.run(handlers, { maxEvents: 100_000 }) === 'maxEvents') reportProgress(sim.now);
 * ```
 */
export type StopReason = 'empty' | 'until' | 'maxEvents' | 'stopped';

/**
 * Options of `Simulator.run`.
 *
 * @example
 * ```ts
 * const options: RunOptions = { until: 1_000, maxEvents: 1e6 };
 * ```
 */
export interface RunOptions {
  /** Handle only events at times <= until; the clock ends at until. Default: no limit. */
  until?: number | undefined;
  /** Handle at most this many events in this call. Default: no limit. */
  maxEvents?: number | undefined;
}

/**
 * Options of the `Simulator` constructor.
 *
 * @example
 * ```ts
 * const sim = new Simulator({ capacity: 1 << 16 });
 * ```
 */
export interface SimulatorOptions {
  /** Initial capacity of the event queue (it grows as needed). Default 1024. */
  capacity?: number | undefined;
}

/**
 * A discrete-event simulator: a clock (`now`), a queue of pending events and
 * a run loop. Handlers, looked up by event kind, advance the model and
 * schedule further events. `run` can be called again to continue a run.
 *
 * @example
 * ```ts
 * const ARRIVE = 0, DEPART = 1;
 * const sim = new Simulator();
 * const handlers: EventHandler[] = [];
 * handlers[ARRIVE] = (customer) => sim.schedule(serviceTime(), DEPART, customer);
 * handlers[DEPART] = (customer) => served.push(customer);
 * sim.schedule(0, ARRIVE, 1);
 * sim.run(handlers, { until: 100 }); // 'empty' or 'until'; sim.now === 100
 * ```
 */
export class Simulator {
  /** The pending events. Model code schedules through the simulator instead. */
  readonly queue: EventQueue;
  /** Current simulated time: the time of the event being (or last) handled. */
  now = 0;
  /** Number of events handled so far, over all calls to `run`. */
  events = 0;

  private stopRequested = false;
  private running = false;

  constructor({ capacity = 1024 }: SimulatorOptions = {}) {
    this.queue = new EventQueue(capacity);
  }

  /**
   * Schedules an event `delay` after now. Throws a RangeError if `delay` is
   * negative or NaN: an event in the past would break causality.
   *
   * @example
   * ```ts
   * sim.schedule(duration, FINISH, taskId, agentId);
   * ```
   */
  schedule(delay: number, kind: number, a = 0, b = 0): void {
    if (!(delay >= 0)) {
      throw new RangeError(`Simulator.schedule: delay must be >= 0, got ${delay}`);
    }
    this.queue.push(this.now + delay, kind, a, b);
  }

  /**
   * Schedules an event at absolute time `time`. Throws a RangeError if `time`
   * is before now or NaN.
   *
   * @example
   * ```ts
   * sim.scheduleAt(deadline, DEADLINE, taskId);
   * ```
   */
  scheduleAt(time: number, kind: number, a = 0, b = 0): void {
    if (!(time >= this.now)) {
      throw new RangeError(`Simulator.scheduleAt: time ${time} is before now (${this.now})`);
    }
    this.queue.push(time, kind, a, b);
  }

  /**
   * Ends the current `run` once the event being handled returns; `run` then
   * returns `'stopped'`. Outside a run it has no effect.
   *
   * @example
   * ```ts
   * handlers[DONE] = () => sim.stop();
   * ```
   */
  stop(): void {
    if (this.running) this.stopRequested = true;
  }

  /**
   * Handles events in (time, insertion) order, calling `handlers[kind](a, b)`
   * with `now` set to the event's time, and returns why it stopped.
   *
   * With `until`, events later than `until` stay queued and `now` is set to
   * `until` on return, also when the queue drains first (the clock reaches
   * the horizon; the reason is then `'empty'`). After `maxEvents` or `stop()`,
   * `now` stays at the last handled event. Throws an Error for an event kind
   * without a handler (that event is consumed), and a RangeError for `until`
   * before now or a negative `maxEvents`. Not reentrant: a handler must not
   * call `run`.
   *
   * @example
   * ```ts
   * sim.run(handlers, { until: warmup });   // 'until'
   * resetStatistics();
   * sim.run(handlers, { until: horizon });  // continues from warmup
   * ```
   */
  run(handlers: ReadonlyArray<EventHandler>, options: RunOptions = {}): StopReason {
    const { until = Infinity, maxEvents = Infinity } = options;
    if (!(until >= this.now)) {
      throw new RangeError(`Simulator.run: until ${until} is before now (${this.now})`);
    }
    if (!(maxEvents >= 0)) {
      throw new RangeError(`Simulator.run: maxEvents must be >= 0, got ${maxEvents}`);
    }
    if (this.running) throw new Error('Simulator.run: already running (called from a handler?)');
    // stop() outside a run is ignored and the finally block clears a request,
    // so no stale request can end this run early.
    this.running = true;
    const queue = this.queue;
    let handled = 0;
    try {
      for (;;) {
        if (handled >= maxEvents) return 'maxEvents';
        // Peek before popping: an event past `until` must stay queued with its
        // original seq, which popping and re-pushing would change.
        const time = queue.peekTime();
        if (time > until) {
          this.now = until;
          return queue.size === 0 ? 'empty' : 'until';
        }
        if (!queue.pop()) return 'empty'; // only reachable when until is Infinity
        this.now = time;
        const kind = queue.kind;
        const handler = handlers[kind];
        if (handler === undefined) {
          throw new Error(`Simulator.run: no handler for event kind ${kind} (at time ${time})`);
        }
        handled++;
        this.events++;
        handler(queue.a, queue.b);
        if (this.stopRequested) return 'stopped';
      }
    } finally {
      this.running = false;
      this.stopRequested = false;
    }
  }
}
