// The index of capable agents with room, by skill (MODEL.md §3 step 2: the
// delegator's candidate set). DESIGN.md forbids scanning all agents per task,
// so each skill keeps a dense array of the agents holding it that can take a
// task now; insert and remove are O(1) (swap-remove with a position map), and
// a shortlist samples at most K of them — a bounded search, as a real
// delegator consults a few providers, not the whole market.

import type { Rng } from '../engine/random.js';
import type { AgentTable } from './agents.js';

/** A reusable candidate list handed to policies: ids[0 .. size). */
export class Shortlist {
  ids: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
  }
}

export class FreeAgentIndex {
  private readonly members: Int32Array[];
  private readonly sizes: Int32Array;
  /** Position of each CSR skill slot in its skill's member array, -1 if absent. */
  private readonly position: Int32Array;
  private readonly listed: Uint8Array;

  constructor(private readonly agents: AgentTable) {
    const nSkills = agents.skillNames.length;
    const holders = new Int32Array(nSkills);
    for (let k = 0; k < agents.skillId.length; k++) holders[agents.skillId[k] as number]!++;
    this.members = Array.from(holders, (h) => new Int32Array(h));
    this.sizes = new Int32Array(nSkills);
    this.position = new Int32Array(agents.skillId.length).fill(-1);
    this.listed = new Uint8Array(agents.count);
    for (let a = 0; a < agents.count; a++) this.refresh(a);
  }

  /** Number of agents with `skill` that can take a task now. */
  size(skill: number): number {
    return this.sizes[skill] as number;
  }

  /** Re-files agent `a` after its busy count, capacity or up state changed. */
  refresh(a: number): void {
    const room = this.agents.hasRoom(a);
    if (room === (this.listed[a] === 1)) return;
    this.listed[a] = room ? 1 : 0;
    const { skillStart, skillId } = this.agents;
    const end = skillStart[a + 1] as number;
    for (let k = skillStart[a] as number; k < end; k++) {
      const s = skillId[k] as number;
      const list = this.members[s] as Int32Array;
      if (room) {
        const at = this.sizes[s] as number;
        list[at] = a;
        this.position[k] = at;
        this.sizes[s] = at + 1;
      } else {
        const at = this.position[k] as number;
        const last = (this.sizes[s] as number) - 1;
        const moved = list[last] as number;
        list[at] = moved;
        this.position[this.agents.skillSlot(moved, s)] = at;
        this.position[k] = -1;
        this.sizes[s] = last;
      }
    }
  }

  /**
   * Fills `out` with up to `k` distinct agents that hold `skill` and have room:
   * all of them, in index order, when there are at most k; otherwise the k
   * consecutive entries of the dense index starting at a uniformly drawn
   * position (wrapping). One draw per shortlist instead of k: every agent is
   * shortlisted with the same probability k/n, and the index order is itself
   * shuffled by the swap-removes of normal operation.
   */
  shortlist(skill: number, k: number, rng: Rng, out: Shortlist): void {
    const n = this.sizes[skill] as number;
    const list = this.members[skill] as Int32Array;
    if (n <= k) {
      for (let i = 0; i < n; i++) out.ids[i] = list[i] as number;
      out.size = n;
      return;
    }
    let at = Math.floor(rng() * n);
    for (let i = 0; i < k; i++) {
      out.ids[i] = list[at] as number;
      if (++at === n) at = 0;
    }
    out.size = k;
  }
}
