// Which tasks each agent is running right now, so a crash or a family shock
// can stop exactly the work it interrupts without scanning all tasks
// (infrastructure for MODEL.md §3 step 4 and the shocks of §3 step 6 and §8;
// no paper section of its own). Each agent owns a fixed segment of slots
// sized by its base capacity (capacity shocks only lower the effective
// capacity); remove is O(1) swap-remove.

import type { AgentTable } from './agents.js';
import { ensureLength } from '../util/columns.js';

export class RunningTasks {
  private readonly start: Int32Array;
  readonly count: Int32Array;
  private readonly slots: Int32Array;
  /** Position of each task in its agent's segment (indexed by task id). */
  private position = new Int32Array(1024);

  constructor(agents: AgentTable) {
    this.start = new Int32Array(agents.count + 1);
    for (let a = 0; a < agents.count; a++) this.start[a + 1] = this.start[a]! + agents.baseCapacity[a]!;
    this.count = new Int32Array(agents.count);
    this.slots = new Int32Array(this.start[agents.count]!);
  }

  add(a: number, t: number): void {
    const at = this.count[a]!;
    this.slots[this.start[a]! + at] = t;
    this.position = ensureLength(this.position, t + 1);
    this.position[t] = at;
    this.count[a] = at + 1;
  }

  remove(a: number, t: number): void {
    const base = this.start[a]!;
    const last = this.count[a]! - 1;
    const at = this.position[t]!;
    const moved = this.slots[base + last]!;
    this.slots[base + at] = moved;
    this.position[moved] = at;
    this.count[a] = last;
  }

  /** The i-th running task of agent a (0 ≤ i < count[a]). */
  at(a: number, i: number): number {
    return this.slots[this.start[a]! + i]!;
  }
}
