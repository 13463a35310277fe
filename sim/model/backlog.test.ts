import { describe, expect, it } from 'vitest';
import { Backlog } from './backlog.js';

const live = (): boolean => true;

/** Takes every live task of `skill` in order. */
function drain(b: Backlog, skill: number): number[] {
  const out: number[] = [];
  while (b.peek(skill, live) >= 0) out.push(b.take(skill));
  return out;
}

describe('Backlog', () => {
  it('putBack returns a task taken from the front to its place in line, not to the end', () => {
    const b = new Backlog(2);
    for (const t of [5, 6, 7]) b.push(0, t);
    b.push(1, 8);
    expect(b.peek(0, live)).toBe(5);
    expect(b.take(0)).toBe(5);
    b.putBack(0, 5);
    expect(b.waiting(0)).toBe(3);
    expect(b.length).toBe(4);
    expect(drain(b, 0)).toEqual([5, 6, 7]);
    expect(drain(b, 1)).toEqual([8]);
    expect(b.length).toBe(0);
  });

  it('putBack into a full ring grows it and keeps the order; a task forgotten after putBack is skipped', () => {
    const b = new Backlog(1);
    const ids = Array.from({ length: 16 }, (_, i) => 100 + i); // the ring's initial capacity
    for (const t of ids) b.push(0, t);
    b.peek(0, live);
    b.take(0);
    b.push(0, 200); // full again
    b.putBack(0, 100); // must grow
    b.forget(0, 101);
    expect(drain(b, 0)).toEqual([100, ...ids.slice(2), 200]);
  });

  it('easy view: peekEasy finds the oldest task filed as easy behind others; taking it through either view removes it from both', () => {
    const b = new Backlog(1);
    b.push(0, 1); // hard
    b.push(0, 2, true);
    b.push(0, 3); // hard
    b.push(0, 4, true);
    expect(b.peekEasy(0, live)).toBe(2);
    expect(b.takeEasy(0)).toBe(2);
    expect(b.waiting(0)).toBe(3);
    expect(b.peekEasy(0, live)).toBe(4);
    // Task 2's main entry is stale now: the main line skips it.
    expect(drain(b, 0)).toEqual([1, 3, 4]);
    // …and task 4, taken through the main line, is gone from the easy view.
    expect(b.peekEasy(0, live)).toBe(-1);
    expect(b.length).toBe(0);
  });

  it('easy view: restore returns a task to its place in both lines; putBack keeps a task taken from the front in the easy view', () => {
    const b = new Backlog(1);
    b.push(0, 1);
    b.push(0, 2, true);
    b.push(0, 3, true);
    b.peekEasy(0, live);
    b.restore(0, b.takeEasy(0));
    expect(b.waiting(0)).toBe(3);
    expect(b.peekEasy(0, live)).toBe(2);
    // Task 2 comes off the front of the main line and goes back: still the oldest easy one.
    expect(b.take(0)).toBe(1);
    b.putBack(0, 1);
    b.peek(0, live);
    expect(b.take(0)).toBe(1);
    b.peek(0, live);
    expect(b.take(0)).toBe(2);
    b.putBack(0, 2);
    expect(b.peekEasy(0, live)).toBe(2);
    expect(drain(b, 0)).toEqual([2, 3]);
    expect(() => b.putBack(0, 2)).toThrow(); // only the task taken last (3) goes back
  });

  it('easy view: a push drops the stale entries at the front of the easy ring, so a ring nobody reads stays small', () => {
    const b = new Backlog(1);
    for (let t = 0; t < 10_000; t++) {
      b.push(0, t, true);
      b.peek(0, live);
      b.take(0); // taken through the main line, never through the easy view
    }
    // One live-or-stale entry at most: read the ring's size through the private field.
    expect((b as unknown as { easyRings: { size: number }[] }).easyRings[0]!.size).toBeLessThanOrEqual(1);
  });
});
