// Goals in flight (MODEL.md §1; paper §2.2): what arrives, is decomposed into
// a task DAG and ends in exactly one terminal state. Slots are recycled when
// a goal ends; the recorder keeps the finished goal's row.

import { ensureLength } from '../util/columns.js';

export const GoalState = {
  InFlight: 0,
  CompletedCorrect: 1,
  CompletedDefective: 2,
  Failed: 3,
  Cancelled: 4,
} as const;

export const GOAL_STATE_NAMES = ['in-flight', 'completed-correct', 'completed-defective', 'failed', 'cancelled'] as const;

export class GoalTable {
  /** Arrival index: 0 for the first goal of the run. */
  seq = new Float64Array(0);
  template = new Int32Array(0);
  plan = new Int32Array(0);
  firstTask = new Int32Array(0);
  tasksLeft = new Int32Array(0);
  arrival = new Float64Array(0);
  state = new Uint8Array(0);
  /** Cost components in credits, accumulated as events happen. */
  fees = new Float64Array(0);
  overhead = new Float64Array(0);
  harm = new Float64Array(0);
  monitoring = new Float64Array(0);
  verification = new Float64Array(0);
  /** Escalations and re-delegation fees. */
  adaptation = new Float64Array(0);
  /** Stakes slashed from agents whose defects were proven (a negative cost). */
  recovered = new Float64Array(0);
  /** The delegator that owns the goal (its trust is the one consulted and updated). */
  delegator = new Int32Array(0);
  /** 1 once a budget overrun was flagged for the goal. */
  overBudget = new Uint8Array(0);
  /** Tasks started (attempts), including retries. */
  attempts = new Int32Array(0);
  failures = new Int32Array(0);
  /** 1 once any of its tasks finished after its deadline. */
  deadlineMissed = new Uint8Array(0);

  private top = 0;
  private readonly free: number[] = [];
  inFlight = 0;

  allocate(): number {
    this.inFlight++;
    const recycled = this.free.pop();
    if (recycled !== undefined) return recycled;
    const g = this.top++;
    if (this.top > this.seq.length) this.grow(this.top);
    return g;
  }

  release(g: number): void {
    this.inFlight--;
    this.free.push(g);
  }

  private grow(length: number): void {
    this.seq = ensureLength(this.seq, length);
    this.template = ensureLength(this.template, length);
    this.plan = ensureLength(this.plan, length);
    this.firstTask = ensureLength(this.firstTask, length);
    this.tasksLeft = ensureLength(this.tasksLeft, length);
    this.arrival = ensureLength(this.arrival, length);
    this.state = ensureLength(this.state, length);
    this.fees = ensureLength(this.fees, length);
    this.overhead = ensureLength(this.overhead, length);
    this.harm = ensureLength(this.harm, length);
    this.monitoring = ensureLength(this.monitoring, length);
    this.verification = ensureLength(this.verification, length);
    this.adaptation = ensureLength(this.adaptation, length);
    this.recovered = ensureLength(this.recovered, length);
    this.delegator = ensureLength(this.delegator, length);
    this.overBudget = ensureLength(this.overBudget, length);
    this.attempts = ensureLength(this.attempts, length);
    this.failures = ensureLength(this.failures, length);
    this.deadlineMissed = ensureLength(this.deadlineMissed, length);
  }
}
