// Tests of EventQueue: order by (time, insertion) against a reference built by
// stable sorting, growth, and the small API around push/pop.

import { describe, it, expect } from 'vitest';
import { EventQueue } from './eventQueue.js';

// A small deterministic LCG so failures reproduce; tests never use Math.random.
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 4294967296;
  };
}

interface Ev {
  time: number;
  kind: number;
  a: number;
  b: number;
}

function drain(q: EventQueue): Ev[] {
  const out: Ev[] = [];
  while (q.pop()) out.push({ time: q.time, kind: q.kind, a: q.a, b: q.b });
  return out;
}

// The expected pop order: Array.prototype.sort is stable, so sorting the
// events in push order by time alone gives (time, insertion) order.
function reference(events: Ev[]): Ev[] {
  return [...events].sort((x, y) => x.time - y.time);
}

function randomEvents(n: number, rand: () => number, time: () => number): Ev[] {
  const events: Ev[] = [];
  for (let i = 0; i < n; i++) {
    events.push({ time: time(), kind: Math.floor(rand() * 8), a: i, b: Math.floor(rand() * 1e6) });
  }
  return events;
}

function pushAll(q: EventQueue, events: Ev[]): void {
  for (const e of events) q.push(e.time, e.kind, e.a, e.b);
}

describe('EventQueue', () => {
  it('pop returns events in time order', () => {
    const rand = lcg(1);
    const events = randomEvents(10_000, rand, () => rand() * 1000);
    const q = new EventQueue();
    pushAll(q, events);
    expect(q.size).toBe(10_000);
    expect(drain(q)).toEqual(reference(events));
    expect(q.size).toBe(0);
  });

  it('pop returns events with equal times in insertion (FIFO) order', () => {
    const q = new EventQueue();
    for (let i = 0; i < 1000; i++) q.push(5, i % 3, i, -i);
    const out = drain(q);
    expect(out.map((e) => e.a)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(out.every((e) => e.time === 5 && e.b === -e.a && e.kind === e.a % 3)).toBe(true);
  });

  it('pop keeps FIFO order among ties interleaved with other times', () => {
    const rand = lcg(2);
    // Ten distinct times for 10,000 events: ~1,000 ties each, pushed interleaved.
    const events = randomEvents(10_000, rand, () => Math.floor(rand() * 10));
    const q = new EventQueue();
    pushAll(q, events);
    expect(drain(q)).toEqual(reference(events));
  });

  it('pop orders infinite times, keeping FIFO order among them', () => {
    const rand = lcg(3);
    const times = [Infinity, -Infinity, 0, 1, Infinity];
    const events = randomEvents(2000, rand, () => times[Math.floor(rand() * times.length)]!);
    const q = new EventQueue();
    pushAll(q, events);
    expect(drain(q)).toEqual(reference(events));
  });

  it('push grows past the initial capacity', () => {
    const rand = lcg(4);
    const events = randomEvents(10_000, rand, () => Math.floor(rand() * 500) / 4);
    const q = new EventQueue(2);
    pushAll(q, events);
    expect(q.size).toBe(10_000);
    expect(drain(q)).toEqual(reference(events));
  });

  it('push and pop interleaved match a reference queue', () => {
    for (const [seed, capacity, tieProne] of [
      [5, 1024, false],
      [6, 2, true],
      [7, 16, false],
    ] as const) {
      const rand = lcg(seed);
      const q = new EventQueue(capacity);
      // The reference: pending events kept sorted by (time, insertion); a new
      // event goes after every pending event with a time <= its own.
      const pending: Ev[] = [];
      let now = 0;
      let id = 0;
      // Collected and compared once: an expect per step makes the test slow.
      const popped: Ev[] = [];
      const expected: Ev[] = [];
      const observedState: number[] = [];
      const expectedState: number[] = [];
      for (let step = 0; step < 20_000; step++) {
        if (rand() < 0.55 || pending.length === 0) {
          // Mostly later than the last popped time, as in a simulation, but
          // sometimes earlier: the heap must not depend on monotone times.
          const delay = tieProne ? Math.floor(rand() * 4) : rand() * 10 - 1;
          const e: Ev = { time: now + delay, kind: id % 5, a: id, b: step };
          id++;
          let at = pending.length;
          while (at > 0 && pending[at - 1]!.time > e.time) at--;
          pending.splice(at, 0, e);
          q.push(e.time, e.kind, e.a, e.b);
        } else {
          expected.push(pending.shift()!);
          if (!q.pop()) break;
          popped.push({ time: q.time, kind: q.kind, a: q.a, b: q.b });
          now = q.time;
        }
        observedState.push(q.size, q.peekTime());
        expectedState.push(pending.length, pending.length === 0 ? Infinity : pending[0]!.time);
      }
      expect(popped).toEqual(expected);
      expect(observedState).toEqual(expectedState);
      expect(drain(q)).toEqual(pending);
    }
  });

  it('peekTime returns the earliest time without removing it, Infinity when empty', () => {
    const q = new EventQueue();
    expect(q.peekTime()).toBe(Infinity);
    q.push(3, 0, 0, 0);
    q.push(1.5, 0, 0, 0);
    q.push(2, 0, 0, 0);
    expect(q.peekTime()).toBe(1.5);
    expect(q.size).toBe(3);
    q.pop();
    expect(q.peekTime()).toBe(2);
  });

  it('size counts pending events', () => {
    const q = new EventQueue(4);
    expect(q.size).toBe(0);
    for (let i = 1; i <= 10; i++) {
      q.push(i, 0, 0, 0);
      expect(q.size).toBe(i);
    }
    q.pop();
    q.pop();
    expect(q.size).toBe(8);
  });

  it('clear empties the queue and restarts FIFO order', () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 100; i++) q.push(i % 7, 1, i, 0);
    q.pop();
    q.clear();
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(false);
    for (let i = 0; i < 300; i++) q.push(i % 2, 2, i, 0);
    const out = drain(q);
    const evens = Array.from({ length: 150 }, (_, i) => 2 * i);
    expect(out.map((e) => e.a)).toEqual([...evens, ...evens.map((x) => x + 1)]);
  });

  it('pop returns false on an empty queue and leaves the fields unchanged', () => {
    const q = new EventQueue();
    expect(q.pop()).toBe(false);
    q.push(4, 3, 2, 1);
    expect(q.pop()).toBe(true);
    expect(q.pop()).toBe(false);
    expect([q.time, q.kind, q.a, q.b]).toEqual([4, 3, 2, 1]);
  });

  it('pop returns kind, a and b as 32-bit signed integers', () => {
    const q = new EventQueue();
    q.push(0, -1, -2147483648, 2147483647);
    q.push(1, 7, 2 ** 31, 2 ** 32 + 5);
    q.pop();
    expect([q.kind, q.a, q.b]).toEqual([-1, -2147483648, 2147483647]);
    q.pop();
    expect([q.kind, q.a, q.b]).toEqual([7, -2147483648, 5]);
  });

  it('push rejects a NaN time with a RangeError', () => {
    const q = new EventQueue();
    q.push(1, 0, 0, 0);
    expect(() => q.push(NaN, 0, 0, 0)).toThrow(RangeError);
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(1);
  });

  it('constructor rejects a negative capacity and rounds a tiny one up', () => {
    expect(() => new EventQueue(-1)).toThrow(RangeError);
    expect(() => new EventQueue(NaN)).toThrow(RangeError);
    const q = new EventQueue(0);
    for (let i = 5; i > 0; i--) q.push(i, 0, i, 0);
    expect(drain(q).map((e) => e.a)).toEqual([1, 2, 3, 4, 5]);
  });
});
