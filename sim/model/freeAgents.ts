// The index of capable agents with room, by skill (MODEL.md §3 step 2: the
// delegator's candidate set; paper §4.2). DESIGN.md forbids scanning all
// agents per task, so each skill keeps a dense array of the agents holding it
// that can take a task now; insert and remove are O(1) (swap-remove with a
// position map), and a shortlist samples at most K of them — a bounded
// search, as a real delegator consults a few providers, not the whole market.
//
// Each member is stored with its CSR skill slot beside it, and a shortlist
// hands both to the policy: per-skill data (advertised level, trust,
// reputation) is then read by slot without an (agent, skill) lookup, and a
// swap-remove knows the moved member's slot. With 10^4 agents those lookups
// are cache misses, the main cost per task.

import type { Rng } from '../engine/random.js';
import type { AgentTable } from './agents.js';

/**
 * A reusable candidate list handed to policies: agents ids[0 .. size), and
 * slots[i], candidate i's CSR slot of the task's skill (see AgentTable).
 */
export class Shortlist {
  ids: Int32Array;
  slots: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  /** The skill slot listed for `agent`, or -1 when it is not on the list. */
  slotOf(agent: number): number {
    for (let i = 0; i < this.size; i++) if (this.ids[i] === agent) return this.slots[i] as number;
    return -1;
  }
}

export class FreeAgentIndex {
  /** Per skill: agents with room, and each one's slot of that skill at the same index. */
  private readonly members: Int32Array[];
  private readonly memberSlots: Int32Array[];
  private readonly sizes: Int32Array;
  /** Position of each CSR skill slot in its skill's member array, -1 if absent. */
  private readonly position: Int32Array;
  private readonly listed: Uint8Array;

  constructor(private readonly agents: AgentTable) {
    const nSkills = agents.skillNames.length;
    const holders = new Int32Array(nSkills);
    for (let k = 0; k < agents.skillId.length; k++) holders[agents.skillId[k] as number]!++;
    this.members = Array.from(holders, (h) => new Int32Array(h));
    this.memberSlots = Array.from(holders, (h) => new Int32Array(h));
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
      const slots = this.memberSlots[s] as Int32Array;
      if (room) {
        const at = this.sizes[s] as number;
        list[at] = a;
        slots[at] = k;
        this.position[k] = at;
        this.sizes[s] = at + 1;
      } else {
        const at = this.position[k] as number;
        const last = (this.sizes[s] as number) - 1;
        const movedSlot = slots[last] as number;
        list[at] = list[last] as number;
        slots[at] = movedSlot;
        this.position[movedSlot] = at;
        this.position[k] = -1;
        this.sizes[s] = last;
      }
    }
  }

  /** Consistency problems (for the invariant checks): members with room, each with its own slot, positions that agree. */
  problems(): string[] {
    const out: string[] = [];
    const { agents } = this;
    for (let s = 0; s < this.sizes.length; s++) {
      const list = this.members[s] as Int32Array;
      const slots = this.memberSlots[s] as Int32Array;
      for (let i = 0; i < (this.sizes[s] as number); i++) {
        const a = list[i] as number;
        const k = slots[i] as number;
        if (agents.skillSlot(a, s) !== k) out.push(`free index: skill ${s} lists agent ${a} with slot ${k}, not its own`);
        if (this.position[k] !== i) out.push(`free index: slot ${k} is at ${i}, position says ${this.position[k]}`);
        if (!agents.hasRoom(a)) out.push(`free index: agent ${a} is listed for skill ${s} without room`);
      }
    }
    return out;
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
    const slots = this.memberSlots[skill] as Int32Array;
    if (n <= k) {
      for (let i = 0; i < n; i++) {
        out.ids[i] = list[i] as number;
        out.slots[i] = slots[i] as number;
      }
      out.size = n;
      return;
    }
    let at = Math.floor(rng() * n);
    for (let i = 0; i < k; i++) {
      out.ids[i] = list[at] as number;
      out.slots[i] = slots[at] as number;
      if (++at === n) at = 0;
    }
    out.size = k;
  }
}
