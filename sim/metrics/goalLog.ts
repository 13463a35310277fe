// One row per finished (counted) goal, as typed columns that grow together:
// a single capacity check per row instead of one per column, since a long run
// appends millions of rows. Only what per-goal analysis needs is kept per row
// (makespan distribution, outcome, cost per goal); the cost breakdown is
// summed as goals end (GoalTotals), since every extra column is another
// memory stream written per goal.

import { ensureLength } from '../util/columns.js';

/**
 * Sums over counted goals of what is not kept per row. The credit sums are
 * created holding NaN and then zeroed, so V8 stores them as doubles from the
 * start: a field born a small integer that later takes a fraction changes
 * the object's hidden class, and optimized code that touched it deoptimizes
 * (see recorder.ts).
 */
export class GoalTotals {
  fees = NaN;
  overhead = NaN;
  harm = NaN;
  monitoring = NaN;
  verification = NaN;
  adaptation = NaN;
  recovered = NaN;
  attempts = 0;
  deadlineMisses = 0;

  constructor() {
    this.fees = this.overhead = this.harm = this.monitoring = this.verification = this.adaptation = this.recovered = 0;
  }
}

export class GoalLog {
  length = 0;
  template: Int32Array;
  arrival: Float64Array;
  end: Float64Array;
  /** GoalState code. */
  state: Uint8Array;
  tasks: Int32Array;
  /** Visible failures of the goal's attempts. */
  failures: Int32Array;
  /** The goal's total cost in credits (all components, net of recoveries settled before it ended). */
  cost: Float64Array;
  readonly totals = new GoalTotals();

  constructor(capacity: number) {
    this.template = new Int32Array(capacity);
    this.arrival = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
    this.tasks = new Int32Array(capacity);
    this.failures = new Int32Array(capacity);
    this.cost = new Float64Array(capacity);
  }

  /** Reserves the next row and returns its index; the caller fills every column. */
  addRow(): number {
    const i = this.length++;
    if (i >= this.arrival.length) this.grow(i + 1);
    return i;
  }

  private grow(n: number): void {
    this.template = ensureLength(this.template, n);
    this.arrival = ensureLength(this.arrival, n);
    this.end = ensureLength(this.end, n);
    this.state = ensureLength(this.state, n);
    this.tasks = ensureLength(this.tasks, n);
    this.failures = ensureLength(this.failures, n);
    this.cost = ensureLength(this.cost, n);
  }
}
