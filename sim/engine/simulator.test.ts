// Tests of Simulator: dispatch by kind, the clock, the stop conditions of run
// (empty, until, maxEvents, stop) and continuing a run.

import { describe, it, expect } from 'vitest';
import { Simulator, type EventHandler } from './simulator.js';

// A small deterministic LCG so failures reproduce; tests never use Math.random.
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}

type Call = [kind: number, a: number, b: number, now: number];

// Handlers for kinds 0..k-1 that record every call.
function recorder(sim: Simulator, kinds: number): { calls: Call[]; handlers: EventHandler[] } {
  const calls: Call[] = [];
  const handlers = Array.from({ length: kinds }, (_, kind): EventHandler => (a, b) => {
    calls.push([kind, a, b, sim.now]);
  });
  return { calls, handlers };
}

// A growing model: each of the first 3,000 events schedules 1-2 more at random
// delays, some of them zero (ties at now), with ids from a counter.
function branching(sim: Simulator, seed: number): { calls: Call[]; handlers: EventHandler[] } {
  const rand = lcg(seed);
  const calls: Call[] = [];
  let next = 1;
  const handlers = [0, 1, 2].map(
    (kind): EventHandler =>
      (a, b) => {
        calls.push([kind, a, b, sim.now]);
        const children = sim.events < 3000 ? 1 + Math.floor(rand() * 2) : 0;
        for (let i = 0; i < children; i++) {
          const delay = rand() < 0.2 ? 0 : rand() * 5;
          sim.schedule(delay, Math.floor(rand() * 3), next++, a);
        }
      },
  );
  return { calls, handlers };
}

describe('Simulator', () => {
  it('run dispatches each event to handlers[kind] with its a and b', () => {
    const sim = new Simulator();
    const { calls, handlers } = recorder(sim, 3);
    sim.schedule(2, 1, 10, 20);
    sim.schedule(1, 0, 11, 21);
    sim.schedule(3, 2, 12, 22);
    expect(sim.run(handlers)).toBe('empty');
    expect(calls).toEqual([
      [0, 11, 21, 1],
      [1, 10, 20, 2],
      [2, 12, 22, 3],
    ]);
    expect(sim.events).toBe(3);
  });

  it('run handles events at equal times in scheduling order', () => {
    const sim = new Simulator();
    const { calls, handlers } = recorder(sim, 1);
    for (let i = 0; i < 50; i++) sim.scheduleAt(i % 2 === 0 ? 4 : 2, 0, i);
    sim.run(handlers);
    const ids = calls.map((c) => c[1]);
    const odds = Array.from({ length: 25 }, (_, i) => 2 * i + 1);
    expect(ids).toEqual([...odds, ...odds.map((x) => x - 1)]);
  });

  it('run returns empty when the queue drains', () => {
    const sim = new Simulator();
    expect(sim.run([])).toBe('empty');
    expect(sim.now).toBe(0);
    const { handlers } = recorder(sim, 1);
    sim.schedule(7, 0);
    expect(sim.run(handlers)).toBe('empty');
    expect(sim.now).toBe(7);
    expect(sim.queue.size).toBe(0);
  });

  it('run with until leaves later events queued and sets now to until', () => {
    const sim = new Simulator();
    const { calls, handlers } = recorder(sim, 1);
    for (const t of [1, 2, 3, 5, 8]) sim.scheduleAt(t, 0, t);
    // An event exactly at `until` is handled.
    expect(sim.run(handlers, { until: 3 })).toBe('until');
    expect(calls.map((c) => c[1])).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    expect(sim.run(handlers, { until: 4.5 })).toBe('until');
    expect(sim.now).toBe(4.5);
    expect(sim.queue.size).toBe(2);
    expect(sim.queue.peekTime()).toBe(5);
    // Scheduling relative to the clock at the horizon.
    sim.schedule(1, 0, 99);
    expect(sim.run(handlers)).toBe('empty');
    expect(calls.map((c) => c[1])).toEqual([1, 2, 3, 5, 99, 8]);
    expect(sim.now).toBe(8);
  });

  it('run with until sets now to until also when the queue drains first', () => {
    const sim = new Simulator();
    const { handlers } = recorder(sim, 1);
    sim.schedule(1, 0);
    expect(sim.run(handlers, { until: 10 })).toBe('empty');
    expect(sim.now).toBe(10);
  });

  it('run with maxEvents stops after that many events in this call', () => {
    const sim = new Simulator();
    const { calls, handlers } = recorder(sim, 1);
    for (let i = 1; i <= 10; i++) sim.scheduleAt(i, 0, i);
    expect(sim.run(handlers, { maxEvents: 4 })).toBe('maxEvents');
    expect(calls.length).toBe(4);
    expect(sim.now).toBe(4);
    expect(sim.events).toBe(4);
    expect(sim.run(handlers, { maxEvents: 4 })).toBe('maxEvents');
    expect(sim.events).toBe(8);
    expect(sim.run(handlers, { maxEvents: 0 })).toBe('maxEvents');
    expect(sim.run(handlers, { maxEvents: 4 })).toBe('empty');
    expect(calls.map((c) => c[1])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sim.events).toBe(10);
  });

  it('stop ends the run after the current event', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const handlers: EventHandler[] = [
      (a) => {
        seen.push(a);
        if (a === 3) sim.stop();
      },
    ];
    for (let i = 1; i <= 6; i++) sim.scheduleAt(i, 0, i);
    expect(sim.run(handlers)).toBe('stopped');
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    expect(sim.queue.size).toBe(3);
    // The request does not carry over into the next run, nor does stop() outside a run.
    sim.stop();
    expect(sim.run(handlers)).toBe('empty');
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('run continues a previous run exactly', () => {
    // One uninterrupted run against the same model run in pieces.
    const whole = new Simulator();
    const a = branching(whole, 42);
    whole.schedule(0, 0, 0);
    expect(whole.run(a.handlers)).toBe('empty');

    const pieces = new Simulator({ capacity: 2 });
    const b = branching(pieces, 42);
    pieces.schedule(0, 0, 0);
    const reasons = new Set<string>();
    let horizon = 0;
    // Bounded, so a run that never reports 'empty' fails instead of hanging.
    for (let piece = 0; piece < 10_000; piece++) {
      horizon += 3;
      const reason = pieces.run(b.handlers, { until: horizon, maxEvents: 97 });
      reasons.add(reason);
      if (reason === 'empty') break;
    }
    expect(reasons).toEqual(new Set(['until', 'maxEvents', 'empty']));
    expect(a.calls.length).toBeGreaterThan(3000);
    expect(b.calls).toEqual(a.calls);
    expect(pieces.events).toBe(whole.events);
  });

  it('run throws an Error naming an unknown kind', () => {
    const sim = new Simulator();
    const { handlers } = recorder(sim, 2);
    sim.schedule(1, 5);
    expect(() => sim.run(handlers)).toThrow(/kind 5/);
    // A failed run does not leave the simulator stuck as running.
    sim.schedule(1, 1);
    expect(sim.run(handlers)).toBe('empty');
  });

  it('run rejects being called from a handler', () => {
    const sim = new Simulator();
    const handlers: EventHandler[] = [() => sim.run(handlers)];
    sim.schedule(0, 0);
    expect(() => sim.run(handlers)).toThrow(/already running/);
  });

  it('run rejects until before now and a negative maxEvents', () => {
    const sim = new Simulator();
    const { handlers } = recorder(sim, 1);
    sim.scheduleAt(5, 0);
    sim.run(handlers);
    expect(() => sim.run(handlers, { until: 4 })).toThrow(RangeError);
    expect(() => sim.run(handlers, { until: NaN })).toThrow(RangeError);
    expect(() => sim.run(handlers, { maxEvents: -1 })).toThrow(RangeError);
  });

  it('schedule rejects a negative or NaN delay with a RangeError', () => {
    const sim = new Simulator();
    expect(() => sim.schedule(-1, 0)).toThrow(RangeError);
    expect(() => sim.schedule(NaN, 0)).toThrow(RangeError);
    sim.schedule(0, 0);
    expect(sim.queue.size).toBe(1);
  });

  it('schedule delays from now', () => {
    const sim = new Simulator();
    const times: number[] = [];
    const handlers: EventHandler[] = [
      (a) => {
        times.push(sim.now);
        if (a < 3) sim.schedule(1.5, 0, a + 1);
      },
    ];
    sim.schedule(2, 0, 0);
    sim.run(handlers);
    expect(times).toEqual([2, 3.5, 5, 6.5]);
  });

  it('scheduleAt rejects a time before now with a RangeError', () => {
    const sim = new Simulator();
    const { handlers } = recorder(sim, 1);
    sim.scheduleAt(3, 0);
    sim.run(handlers);
    expect(() => sim.scheduleAt(2.9, 0)).toThrow(RangeError);
    expect(() => sim.scheduleAt(NaN, 0)).toThrow(RangeError);
    sim.scheduleAt(3, 0);
    expect(sim.queue.size).toBe(1);
  });
});
