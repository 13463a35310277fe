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
});
