// One row per finished (counted) goal, as typed columns that grow together:
// a single capacity check per row instead of one per column, since a long run
// appends millions of rows.

import { ensureLength } from '../util/columns.js';

export class GoalLog {
  length = 0;
  /** Arrival index of the goal in the run. */
  seq: Float64Array;
  template: Int32Array;
  arrival: Float64Array;
  end: Float64Array;
  /** GoalState code. */
  state: Uint8Array;
  tasks: Int32Array;
  attempts: Int32Array;
  failures: Int32Array;
  fees: Float64Array;
  overhead: Float64Array;
  harm: Float64Array;
  monitoring: Float64Array;
  verification: Float64Array;
  adaptation: Float64Array;
  recovered: Float64Array;
  /** 1 if any task finished after its deadline. */
  deadlineMissed: Uint8Array;

  constructor(capacity: number) {
    this.seq = new Float64Array(capacity);
    this.template = new Int32Array(capacity);
    this.arrival = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
    this.tasks = new Int32Array(capacity);
    this.attempts = new Int32Array(capacity);
    this.failures = new Int32Array(capacity);
    this.fees = new Float64Array(capacity);
    this.overhead = new Float64Array(capacity);
    this.harm = new Float64Array(capacity);
    this.monitoring = new Float64Array(capacity);
    this.verification = new Float64Array(capacity);
    this.adaptation = new Float64Array(capacity);
    this.recovered = new Float64Array(capacity);
    this.deadlineMissed = new Uint8Array(capacity);
  }

  /** Reserves the next row and returns its index; the caller fills every column. */
  addRow(): number {
    const i = this.length++;
    if (i >= this.seq.length) this.grow(i + 1);
    return i;
  }

  private grow(n: number): void {
    this.seq = ensureLength(this.seq, n);
    this.template = ensureLength(this.template, n);
    this.arrival = ensureLength(this.arrival, n);
    this.end = ensureLength(this.end, n);
    this.state = ensureLength(this.state, n);
    this.tasks = ensureLength(this.tasks, n);
    this.attempts = ensureLength(this.attempts, n);
    this.failures = ensureLength(this.failures, n);
    this.fees = ensureLength(this.fees, n);
    this.overhead = ensureLength(this.overhead, n);
    this.harm = ensureLength(this.harm, n);
    this.monitoring = ensureLength(this.monitoring, n);
    this.verification = ensureLength(this.verification, n);
    this.adaptation = ensureLength(this.adaptation, n);
    this.recovered = ensureLength(this.recovered, n);
    this.deadlineMissed = ensureLength(this.deadlineMissed, n);
  }
}
