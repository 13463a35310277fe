// The agent population (MODEL.md §2; paper §2.1, §2.3): every delegatee as a
// row of typed columns indexed by agent id. Hidden truth (reliability) sits in
// its own columns that only the execution model reads; policies see agents
// through PolicyView, which has no accessor for it.
//
// Skills are stored sparsely (CSR): agent a holds skills
// skillId[skillStart[a] .. skillStart[a+1]), so memory grows with the skills
// actually held, not agents × declared skills. The (agent, skill) → slot
// lookup, done several times per task, also has a dense agents × skills
// table when that fits in DENSE_LOOKUP_LIMIT entries (4 bytes each): one load
// instead of a scan of the agent's row.
//
// Behaviours (MODEL.md §2, §4, §8) are fixed per group; what each does lives
// where it acts (world.ts: attacks, a farmer's declines; chains.ts).
//
// Simplifications: reliability is fixed at generation, and so is skill level
// except for humans, whose level decays without practice and recovers with it
// (World.practise, MODEL.md §7); degradation episodes scale reliability and speed through the *Factor
// columns instead of redrawing them.

import type { Rng } from '../engine/random.js';
import { compileSampler, type DistSpec } from '../engine/sampler.js';
import type { Scenario } from '../scenario/schema.js';

export const AGENT_KINDS = ['ai', 'human', 'model'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export const BEHAVIOURS = ['honest', 'overconfident', 'farmer', 'shirker', 'saboteur', 'backdoor', 'subverter', 'exhauster', 'colluder', 'sybil'] as const;
/**
 * Behaviour codes (indices into BEHAVIOURS). Codes ≥ Shirker are adversarial
 * towards the work (they attack outputs or identities, and overseers and the
 * identification metrics treat them as bad). Overconfident agents and
 * farmers game what delegators observe — bids, the reputation ledger — but
 * do their work honestly, so they sit below: whether they are bad is
 * decided by their hidden reliability, as for honest agents.
 */
export const Behaviour = {
  Honest: 0,
  Overconfident: 1,
  /** Builds its public record on easy tasks only, then takes anything (World.declines; MODEL.md §4). */
  Farmer: 2,
  Shirker: 3,
  Saboteur: 4,
  Backdoor: 5,
  Subverter: 6,
  Exhauster: 7,
  Colluder: 8,
  Sybil: 9,
} as const;
export type BehaviourName = (typeof BEHAVIOURS)[number];

/** Lower and upper bounds a sampled attribute is clamped to. */
function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Largest agents × skills for the dense slot table (2^25 entries = 128 MiB). */
const DENSE_LOOKUP_LIMIT = 2 ** 25;

export class AgentTable {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly group: Int32Array;
  readonly family: Int32Array;
  readonly behaviour: Uint8Array;
  readonly baseCapacity: Int32Array;
  /** Effective capacity (capacity shocks lower it for a while). */
  readonly capacity: Int32Array;
  /** Tasks currently held. */
  readonly busy: Int32Array;
  /** 1 while the agent is up; crashes and family shocks set it to 0. */
  readonly up: Uint8Array;
  /** Nominal speed (work-minutes per minute) and its current degradation factor. */
  readonly speed: Float64Array;
  readonly speedFactor: Float64Array;
  /** Nominal price per minute (credits) and its current spike factor. */
  readonly price: Float64Array;
  readonly priceFactor: Float64Array;
  /** Hidden reliability multiplier from degradation episodes (1 = none). */
  readonly reliabilityFactor: Float64Array;
  readonly skillStart: Int32Array;
  readonly skillId: Int32Array;
  /** The agent owning each CSR skill slot (the inverse of skillStart). */
  readonly slotAgent: Int32Array;
  readonly skillLevel: Float32Array;
  /** Hidden true reliability per held skill: never exposed to policies. */
  readonly skillReliability: Float32Array;
  /** slotOf[a · skills + s]: agent a's CSR slot of skill s, or -1; null when too large (then skillSlot scans). */
  private readonly slotOf: Int32Array | null;
  private readonly skillCount: number;

  readonly groupNames: readonly string[];
  readonly familyNames: readonly string[];
  readonly skillNames: readonly string[];

  constructor(scenario: Scenario, rng: Rng) {
    const groups = scenario.population;
    const n = groups.reduce((sum, g) => sum + g.count, 0);
    const skillIndex = new Map(scenario.skills.map((s, i) => [s, i]));
    const familyNames: string[] = [];
    const familyIndex = new Map<string, number>();
    for (const g of groups) {
      const family = g.family ?? g.name;
      if (!familyIndex.has(family)) {
        familyIndex.set(family, familyNames.length);
        familyNames.push(family);
      }
    }
    const held = groups.reduce((sum, g) => sum + g.count * Object.keys(g.skills).length, 0);

    this.count = n;
    this.kind = new Uint8Array(n);
    this.group = new Int32Array(n);
    this.family = new Int32Array(n);
    this.behaviour = new Uint8Array(n);
    this.baseCapacity = new Int32Array(n);
    this.capacity = new Int32Array(n);
    this.busy = new Int32Array(n);
    this.up = new Uint8Array(n).fill(1);
    this.speed = new Float64Array(n);
    this.speedFactor = new Float64Array(n).fill(1);
    this.price = new Float64Array(n);
    this.priceFactor = new Float64Array(n).fill(1);
    this.reliabilityFactor = new Float64Array(n).fill(1);
    this.skillStart = new Int32Array(n + 1);
    this.skillId = new Int32Array(held);
    this.slotAgent = new Int32Array(held);
    this.skillLevel = new Float32Array(held);
    this.skillReliability = new Float32Array(held);
    this.groupNames = groups.map((g) => g.name);
    this.familyNames = familyNames;
    this.skillNames = scenario.skills;

    let a = 0;
    let slot = 0;
    // A method, not a forEach callback made per world, whose optimized code
    // V8 dropped at each full GC (bench/README.md, "Parallel workers").
    for (let gi = 0; gi < groups.length; gi++) {
      slot = this.addGroup(groups[gi]!, gi, a, slot, skillIndex, familyIndex, rng);
      a += groups[gi]!.count;
    }
    this.skillStart[n] = slot;
    this.skillCount = scenario.skills.length;
    this.slotOf = n * this.skillCount <= DENSE_LOOKUP_LIMIT ? this.denseSlots() : null;
  }

  /** Draws group number `gi`'s agents from agent `a` and skill slot `slot` on; returns the next free slot. */
  private addGroup(
    g: Scenario['population'][number],
    gi: number,
    a: number,
    slot: number,
    skillIndex: ReadonlyMap<string, number>,
    familyIndex: ReadonlyMap<string, number>,
    rng: Rng,
  ): number {
    const speed = compileSampler(g.speed as DistSpec);
    const price = compileSampler(g.pricePerMinute as DistSpec);
    // Skill entries in declaration order of `skills`, so CSR rows are sorted by skill id.
    const skills = Object.entries(g.skills)
      .map(([name, s]) => ({
        id: skillIndex.get(name) as number,
        level: compileSampler(s.level as DistSpec),
        reliability: compileSampler(s.reliability as DistSpec),
      }))
      .sort((x, y) => x.id - y.id);
    const kind = AGENT_KINDS.indexOf(g.kind);
    const behaviour = BEHAVIOURS.indexOf(g.behaviour);
    const family = familyIndex.get(g.family ?? g.name) as number;
    for (let i = 0; i < g.count; i++, a++) {
      this.kind[a] = kind;
      this.group[a] = gi;
      this.family[a] = family;
      this.behaviour[a] = behaviour;
      this.baseCapacity[a] = g.capacity;
      this.capacity[a] = g.capacity;
      this.speed[a] = Math.max(1e-6, speed(rng));
      this.price[a] = Math.max(0, price(rng));
      this.skillStart[a] = slot;
      for (const s of skills) {
        this.skillId[slot] = s.id;
        this.slotAgent[slot] = a;
        this.skillLevel[slot] = clamp(s.level(rng), 0, 1);
        this.skillReliability[slot] = clamp(s.reliability(rng), 0, 1);
        slot++;
      }
    }
    return slot;
  }

  private denseSlots(): Int32Array {
    const table = new Int32Array(this.count * this.skillCount).fill(-1);
    for (let a = 0; a < this.count; a++) {
      for (let k = this.skillStart[a] as number; k < (this.skillStart[a + 1] as number); k++) {
        table[a * this.skillCount + (this.skillId[k] as number)] = k;
      }
    }
    return table;
  }

  /** The CSR slot of `skill` for agent `a`, or -1 when the agent lacks it. */
  skillSlot(a: number, skill: number): number {
    if (this.slotOf !== null) return this.slotOf[a * this.skillCount + skill] as number;
    const end = this.skillStart[a + 1] as number;
    for (let k = this.skillStart[a] as number; k < end; k++) {
      if (this.skillId[k] === skill) return k;
    }
    return -1;
  }

  /** Whether the agent can take one more task now (up, under capacity). */
  hasRoom(a: number): boolean {
    return this.up[a] === 1 && (this.busy[a] as number) < (this.capacity[a] as number);
  }
}
