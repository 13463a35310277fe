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
//
// The easy view (MODEL.md §4, reputation farming): a reputation farmer still
// building its record turns down every task that is not farmable (world.ts),
// so when it frees up it wants the oldest *farmable* waiting task, which may
// sit behind any number of hard ones that only honest agents take. Scanning
// the ring for it costs O(backlog) per pull, and a bounded look-ahead misses
// it exactly when farming matters — hard tasks pile up at the front because
// farmers turn them down. So when the world has farmers it also files each
// farmable task in a second ring per skill (`push(…, easy)`), under the same
// stamp: the first live entry there is the oldest farmable task, found in
// O(1) amortised, and taking a task through either view turns its entry in
// the other stale (one stamp). Stale entries at the front of an easy ring are
// dropped on every push, so an easy ring nobody reads (every farmer has its
// record) holds no more than the tasks pushed since its oldest live one —
// the same bound as the main rings. Runs without farmers never push to it.

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

/** The isLive of a walk that only drops stale entries. */
const anyTask = (): boolean => true;

export class Backlog {
  private readonly rings: Ring[];
  /** Live entries; stale ones (tasks cancelled while waiting) are skipped on pop. */
  length = 0;
  /** Per-skill live counts. */
  private perSkill: Int32Array;
  /** Stamp of each task's live entry (0: none); entries with another stamp are stale. */
  private stampOf = new Int32Array(1024);
  private nextStamp = 0;
  /** Per skill: the farmable entries only (see the header); empty until a push marks one easy. */
  private readonly easyRings: Ring[];
  /** The task last taken (take, takeEasy) and its stamp: putBack and restore file it again under that stamp, so its entry in the other view stays live. */
  private heldTask = -1;
  private heldStamp = 0;

  constructor(skills: number) {
    this.rings = Array.from({ length: skills }, () => new Ring());
    this.easyRings = Array.from({ length: skills }, () => new Ring());
    this.perSkill = new Int32Array(skills);
  }

  /** Files a task at the back of its skill's line; `easy` also files it in the easy view (only a world with farmers says so). */
  push(skill: number, task: number, easy = false): void {
    const stamp = this.enter(skill, task, ++this.nextStamp);
    (this.rings[skill] as Ring).push(task, stamp);
    if (!easy) return;
    const ring = this.easyRings[skill] as Ring;
    this.oldestLive(ring, anyTask); // drops the stale entries in front, which no peek may come to drop
    ring.push(task, stamp);
  }

  /**
   * Puts a task just taken from the front (`take`) back in front, keeping its
   * place in line: a task nobody could take on this try (every free
   * candidate declined it) is still the oldest. Its stamp is the one it had,
   * so an entry in the easy view is live again too.
   */
  putBack(skill: number, task: number): void {
    if (task !== this.heldTask) throw new Error(`backlog: putBack of task ${task}, but ${this.heldTask} was taken last`);
    (this.rings[skill] as Ring).unshift(task, this.enter(skill, task, this.heldStamp));
    this.heldTask = -1;
  }

  /** Counts a live entry of `task` under `stamp` and returns the stamp. */
  private enter(skill: number, task: number, stamp: number): number {
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
    return this.oldestLive(this.rings[skill] as Ring, isLive);
  }

  /** The oldest entry of `ring` whose stamp is current and that `isLive` accepts, shifting off the others; -1 when none. */
  private oldestLive(ring: Ring, isLive: (task: number) => boolean): number {
    while (ring.size > 0) {
      const t = ring.peek();
      if (this.stampOf[t] === ring.peekStamp() && isLive(t)) return t;
      ring.shift();
    }
    return -1;
  }

  /**
   * Removes the entry `peek` returned. If it is not assigned, `putBack` must
   * follow before any push or peek of the skill: those drop stale entries,
   * and its entry in the easy view is stale until then.
   */
  take(skill: number): number {
    this.perSkill[skill]!--;
    this.length--;
    const ring = this.rings[skill] as Ring;
    this.heldStamp = ring.peekStamp();
    const task = ring.shift();
    this.heldTask = task;
    this.stampOf[task] = 0;
    return task;
  }

  /**
   * The oldest live entry for `skill` filed as easy that `isLive` accepts,
   * dropping stale ones; -1 when none. Does not remove it.
   */
  peekEasy(skill: number, isLive: (task: number) => boolean): number {
    return this.oldestLive(this.easyRings[skill] as Ring, isLive);
  }

  /**
   * Removes the entry `peekEasy` returned, from both views: its stamp is
   * cleared, so its entries (here and somewhere in the main ring) turn
   * stale where they stand and `restore` can revive them in place.
   */
  takeEasy(skill: number): number {
    const ring = this.easyRings[skill] as Ring;
    const task = ring.peek();
    this.heldStamp = ring.peekStamp();
    this.heldTask = task;
    this.stampOf[task] = 0;
    this.perSkill[skill]!--;
    this.length--;
    return task;
  }

  /**
   * Returns the task `takeEasy` just removed to its place in both lines (no
   * push or peek of the skill may come in between: either could drop its
   * entries, stale until then).
   */
  restore(skill: number, task: number): void {
    if (task !== this.heldTask) throw new Error(`backlog: restore of task ${task}, but ${this.heldTask} was taken last`);
    this.enter(skill, task, this.heldStamp);
    this.heldTask = -1;
  }
}
