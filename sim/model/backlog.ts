// The central backlog (MODEL.md §3 step 2; infrastructure for the paper's
// assignment, §4.2): ready tasks that no capable agent could take yet wait
// here, one FIFO ring per skill, so a freed agent takes the oldest ready task
// it can do. Between events, a task is in the backlog
// exactly when its state is Ready.
//
// Entries are removed lazily: a task that leaves without being popped (its
// goal ended) is only forgotten, and its ring entry is skipped later. Task
// ids are recycled, so each entry carries a stamp that must still match the
// task's current stamp — otherwise a stale entry could resurrect a new task
// that happens to reuse the id, under the wrong skill.

import { ensureLength } from '../util/columns.js';

class Ring {
  items = new Int32Array(16);
  stamps = new Int32Array(16);
  head = 0;
  size = 0;

  push(x: number, stamp: number): void {
    if (this.size === this.items.length) this.grow();
    const at = (this.head + this.size) & (this.items.length - 1);
    this.items[at] = x;
    this.stamps[at] = stamp;
    this.size++;
  }

  /** Puts x in front of every entry: the next peek returns it. */
  unshift(x: number, stamp: number): void {
    if (this.size === this.items.length) this.grow();
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = x;
    this.stamps[this.head] = stamp;
    this.size++;
  }

  /** Unrolls into doubled buffers so the ring stays contiguous from head. */
  private grow(): void {
    const mask = this.items.length - 1;
    const items = new Int32Array(this.items.length * 2);
    const stamps = new Int32Array(this.items.length * 2);
    for (let i = 0; i < this.size; i++) {
      items[i] = this.items[(this.head + i) & mask] as number;
      stamps[i] = this.stamps[(this.head + i) & mask] as number;
    }
    this.items = items;
    this.stamps = stamps;
    this.head = 0;
  }

  peek(): number {
    return this.items[this.head] as number;
  }

  peekStamp(): number {
    return this.stamps[this.head] as number;
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
  /** Stamp of each task's live entry (0: none); entries with another stamp are stale. */
  private stampOf = new Int32Array(1024);
  private nextStamp = 0;

  constructor(skills: number) {
    this.rings = Array.from({ length: skills }, () => new Ring());
    this.perSkill = new Int32Array(skills);
  }

  push(skill: number, task: number): void {
    (this.rings[skill] as Ring).push(task, this.enter(skill, task));
  }

  /**
   * Puts a task just taken from the front (`take`) back in front, keeping its
   * place in line: a task nobody could take on this try (every free
   * candidate declined it) is still the oldest.
   */
  putBack(skill: number, task: number): void {
    (this.rings[skill] as Ring).unshift(task, this.enter(skill, task));
  }

  /** Counts a new live entry of `task` and returns its stamp. */
  private enter(skill: number, task: number): number {
    const stamp = ++this.nextStamp;
    this.stampOf = ensureLength(this.stampOf, task + 1);
    this.stampOf[task] = stamp;
    this.perSkill = ensureLength(this.perSkill, skill + 1);
    this.perSkill[skill]!++;
    this.length++;
    return stamp;
  }

  /** Live tasks waiting for `skill`. */
  waiting(skill: number): number {
    return this.perSkill[skill] as number;
  }

  /** Records that a waiting task left without being popped (cancelled); its entry turns stale. */
  forget(skill: number, task: number): void {
    this.stampOf[task] = 0;
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
      if (this.stampOf[t] === ring.peekStamp() && isLive(t)) return t;
      ring.shift();
    }
    return -1;
  }

  /** Removes the entry `peek` returned. */
  take(skill: number): number {
    this.perSkill[skill]!--;
    this.length--;
    const task = (this.rings[skill] as Ring).shift();
    this.stampOf[task] = 0;
    return task;
  }
}
