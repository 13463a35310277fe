// The central backlog (MODEL.md §3 step 2): ready tasks that no capable agent
// could take yet wait here, one FIFO ring per skill, so a freed agent takes
// the oldest ready task it can do. Between events, a task is in the backlog
// exactly when its state is Ready.

import { ensureLength } from '../util/columns.js';

class Ring {
  items = new Int32Array(16);
  head = 0;
  size = 0;

  push(x: number): void {
    if (this.size === this.items.length) {
      // Unroll into a doubled buffer so the ring stays contiguous from head.
      const grown = new Int32Array(this.items.length * 2);
      for (let i = 0; i < this.size; i++) grown[i] = this.items[(this.head + i) & (this.items.length - 1)] as number;
      this.items = grown;
      this.head = 0;
    }
    this.items[(this.head + this.size) & (this.items.length - 1)] = x;
    this.size++;
  }

  peek(): number {
    return this.items[this.head] as number;
  }

  shift(): number {
    const x = this.items[this.head] as number;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.size--;
    return x;
  }
}

export class Backlog {
  private readonly rings: Ring[];
  /** Live entries; stale ones (tasks cancelled while waiting) are skipped on pop. */
  length = 0;
  /** Per-skill live counts. */
  private perSkill: Int32Array;

  constructor(skills: number) {
    this.rings = Array.from({ length: skills }, () => new Ring());
    this.perSkill = new Int32Array(skills);
  }

  push(skill: number, task: number): void {
    (this.rings[skill] as Ring).push(task);
    this.perSkill = ensureLength(this.perSkill, skill + 1);
    this.perSkill[skill]!++;
    this.length++;
  }

  /** Live tasks waiting for `skill`. */
  waiting(skill: number): number {
    return this.perSkill[skill] as number;
  }

  /** Records that a waiting task left without being popped (cancelled). */
  forget(skill: number): void {
    this.perSkill[skill]!--;
    this.length--;
  }

  /**
   * The oldest entry for `skill` that `isLive` accepts, dropping stale ones;
   * -1 when none. Does not remove it.
   */
  peek(skill: number, isLive: (task: number) => boolean): number {
    const ring = this.rings[skill] as Ring;
    while (ring.size > 0) {
      const t = ring.peek();
      if (isLive(t)) return t;
      ring.shift();
    }
    return -1;
  }

  /** Removes the entry `peek` returned. */
  take(skill: number): number {
    this.perSkill[skill]!--;
    this.length--;
    return (this.rings[skill] as Ring).shift();
  }
}
