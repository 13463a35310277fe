// EventQueue: the engine's pending-event set, a min-heap of events stored as
// data (time, seq, kind, a, b) in parallel typed arrays.
//
// Why typed arrays and not objects: the queue is the simulator's hot path, and
// keeping events as plain numbers means pushing and popping allocate nothing,
// the garbage collector never sees an event, and the queue's contents can be
// copied out wholesale (trace, snapshot/restore).
//
// Why (time, seq): `seq` is an insertion counter, so events at the same time
// pop in the order they were pushed. Ties are broken by data, never by the
// heap's shape, which makes every run deterministic.

/**
 * A priority queue of events ordered by time, first-in first-out among equal
 * times. Each event is a time, a `kind` (which handler runs it) and two
 * integer ids `a`, `b` (a task and an agent, say).
 *
 * `pop` writes the removed event into the public fields `time`, `kind`, `a`
 * and `b` instead of returning an object, so the hot loop allocates nothing.
 * `kind`, `a` and `b` are stored as 32-bit signed integers.
 *
 * @example
 * ```ts
 * const q = new EventQueue();
 * q.push(2.5, ARRIVAL, taskId, 0);
 * q.push(1.0, FINISH, taskId, agentId);
 * while (q.pop()) handlers[q.kind]!(q.a, q.b); // FINISH at 1.0, then ARRIVAL
 * ```
 */
export class EventQueue {
  /** Time of the event last removed by {@link EventQueue.pop}. */
  time = 0;
  /** Kind of the event last removed by {@link EventQueue.pop}. */
  kind = 0;
  /** First id of the event last removed by {@link EventQueue.pop}. */
  a = 0;
  /** Second id of the event last removed by {@link EventQueue.pop}. */
  b = 0;

  // Heap columns; slot i of each array together is one event, slots [0, n) live.
  private times: Float64Array;
  // A plain double counter: exact up to 2^53 pushes, far beyond any run.
  private seqs: Float64Array;
  private kinds: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private n = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    // At least one slot, so doubling always makes room.
    const cap = Math.max(1, Math.floor(initialCapacity) || 1);
    this.times = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.kinds = new Int32Array(cap);
    this.as = new Int32Array(cap);
    this.bs = new Int32Array(cap);
  }

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /**
   * Adds an event. Throws a RangeError if `time` is NaN (it would compare
   * false with everything and silently corrupt the heap order).
   *
   * @example
   * ```ts
   * q.push(sim.now + 3, TIMEOUT, taskId, 0);
   * ```
   */
  push(time: number, kind: number, a: number, b: number): void {
    if (time !== time) throw new RangeError('EventQueue.push: time is NaN');
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const as = this.as;
    const bs = this.bs;
    const seq = this.nextSeq++;
    // Sift up with a hole: move parents down until the new event's slot is
    // found, then write it once. The new event has the largest seq so far, so
    // it only passes parents with a strictly later time; at an equal time the
    // parent was pushed earlier and must stay ahead of it.
    let hole = this.n++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = times[parent]!;
      if (pt <= time) break;
      times[hole] = pt;
      seqs[hole] = seqs[parent]!;
      kinds[hole] = kinds[parent]!;
      as[hole] = as[parent]!;
      bs[hole] = bs[parent]!;
      hole = parent;
    }
    times[hole] = time;
    seqs[hole] = seq;
    kinds[hole] = kind;
    as[hole] = a;
    bs[hole] = b;
  }

  /**
   * Removes the earliest event (the first pushed, among equal times) and
   * writes it into `time`, `kind`, `a`, `b`. Returns false if the queue is
   * empty, leaving those fields unchanged.
   *
   * @example
   * ```ts
   * if (q.pop()) console.log(q.time, q.kind, q.a, q.b);
   * ```
   */
  pop(): boolean {
    const n = this.n;
    if (n === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const as = this.as;
    const bs = this.bs;
    this.time = times[0]!;
    this.kind = kinds[0]!;
    this.a = as[0]!;
    this.b = bs[0]!;
    const last = n - 1;
    this.n = last;
    if (last === 0) return true;
    // Sift the last event down from the root with a hole.
    const t = times[last]!;
    const s = seqs[last]!;
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      let ct = times[child]!;
      let cs = seqs[child]!;
      const right = child + 1;
      if (right < last) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < cs)) {
          child = right;
          ct = rt;
          cs = seqs[right]!;
        }
      }
      if (ct > t || (ct === t && cs > s)) break;
      times[hole] = ct;
      seqs[hole] = cs;
      kinds[hole] = kinds[child]!;
      as[hole] = as[child]!;
      bs[hole] = bs[child]!;
      hole = child;
    }
    times[hole] = t;
    seqs[hole] = s;
    kinds[hole] = kinds[last]!;
    as[hole] = as[last]!;
    bs[hole] = bs[last]!;
    return true;
  }

  /**
   * Time of the earliest pending event, or Infinity when the queue is empty.
   *
   * @example
   * ```ts
   * if (q.peekTime() > horizon) return;
   * ```
   */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.times[0]!;
  }

  /**
   * Drops every pending event and restarts the insertion counter, so a
   * cleared queue orders ties exactly like a new one. Capacity is kept.
   *
   * @example
   * ```ts
   * q.clear(); // q.size === 0
   * ```
   */
  clear(): void {
    this.n = 0;
    this.nextSeq = 0;
  }

  // Doubling keeps the amortised cost of push O(1) copies per event.
  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const kinds = new Int32Array(cap);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const as = new Int32Array(cap);
    as.set(this.as);
    this.as = as;
    const bs = new Int32Array(cap);
    bs.set(this.bs);
    this.bs = bs;
  }
}
