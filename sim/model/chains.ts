// Sub-delegation chains and delegation capability tokens (MODEL.md §3, §5,
// §7; paper §2.3, §4.7, §5.2, §6.1).
//
// Chains: an AI delegatee given a coarse task (complexity ≥ chains.coarseAbove)
// hands it on, with probability chains.probability per hop, to another capable
// agent with room, up to chains.maxDepth hops (A → B → C). Each hop may garble
// the intent (the zone of indifference); the receiving agent challenges a
// garbled request with probability chains.challenge (a delay, and the intent
// is clarified) or executes it as understood — its output then looks done but
// is wrong (a silent defect). At chains.firebreakDepth a liability firebreak
// either makes that agent fully liable or pauses the chain for human
// re-authorisation; without one, failures deeper than it cannot be
// attributed to anyone who agreed to the work.
//
// Tokens (when permissions.enabled): each delegator holds a standing root
// token with every scope; each hop derives a token for the next holder —
// attenuated to the scopes the task's skill needs, or passed through whole
// for comparison. High-stakes tasks (criticality ≥ permissions.standingBelow)
// wait for a just-in-time grant. A compromised (adversarial) agent tries an
// operation outside its task with probability permissions.misuseRate: its
// token blocks it, or — if over-privileged — lets it through and harm is done.
// The blast radius of a compromised agent is what its live tokens, and those
// it delegated onward, could reach.
//
// Accountability (MODEL.md §3 step 8, §7): the delegator observes only the
// agent it chose, the chain's first hop, which answers for its sub-delegates;
// World.observe puts trust, reputation and settlements on that agent, never
// on the executor down the chain, whom the delegator cannot see.
//
// Circuit breaker (permissions.circuitBreaker > 0): when an observed failure
// leaves a delegator's trust in the agent it chose (its skill) below the
// threshold, the breaker trips for that skill slot and every token the agent
// holds is revoked, down its chain — a sub-delegate loses its token with its
// delegatee's. While it is tripped the agent is refused any new
// token for that skill, by the delegator or by a hop of a chain, and so is
// everyone it hands the task on to (a hop grants a subset of its own:
// nothing). Revoking alone did nothing: the next delegation issued a fresh
// token at once. What a refusal blocks is what a token gates in this model,
// an operation outside the task (MODEL.md §5: "violations blocked"): the
// task's own work is not scope-checked (see Simplifications), so the attempt
// still runs, with no permit, and any misuse is blocked and counted as
// such. The breaker withdraws authority, not work: steering work away from a
// low-trust agent is the delegation policy's business (trust, graduated
// authority, MODEL.md §4). Failing the attempt instead would need the world
// to act on a refusal (re-delegate it), which it does not.
// Re-arming: since the agent keeps working, its delegators' trust can recover
// from what they observe, so the rule is trust only (no timer): the breaker
// re-arms when a later observation shows trust back at or above the
// threshold: a failure that leaves it there (checkBreaker) or a success
// (rearm; World.observe calls one or the other). A tripped slot is one flag,
// whichever delegator tripped it, so any delegator's recovered trust re-arms
// it. A tripped honest agent loses nothing measurable: only a compromised
// executor's misuse consults a permit.
//
// Simplifications: a chain is resolved when the attempt starts (the final
// agent does the work; intermediaries hold the token, not capacity); a
// misuse is one scope check, and the task's own work is not checked at all;
// hops keep no trust of their own in their sub-delegates (only goal owners
// do), so an agent that only works down chains is never observed, and its
// breaker trips only if some delegator picks it directly.

import type { Rng } from '../engine/random.js';
import type { Scenario } from '../scenario/schema.js';
import { createMask, maskBits, scopeBit, type ScopeMask } from './permissions/scopeMask.js';
import { ScopeSpace } from './permissions/scopeSpace.js';
import { DelegationMode, TokenTable, Verdict, type DelegationModeCode } from './permissions/tokenTable.js';
import type { AgentTable } from './agents.js';
import { Behaviour } from './agents.js';

export class ChainCounters {
  chained = 0;
  /** Chained attempts by depth: 2 hops, 3 hops, 4 or more (the depth distribution). */
  depth2 = 0;
  depth3 = 0;
  depth4plus = 0;
  depthSum = 0;
  maxDepth = 0;
  garbled = 0;
  challenges = 0;
  reauthorisations = 0;
  attributableFailures = 0;
  unattributableFailures = 0;
  tokensIssued = 0;
  overPrivilegeSum = 0;
  jitGrants = 0;
  misuseBlocked = 0;
  misuseUnblocked = 0;
  misuseHarm = 0;
  blastRadiusSum = 0;
  blastRadiusSamples = 0;
  breakerTrips = 0;
  tokensRevoked = 0;
}

/** What resolving a delegation decided. */
export interface Delegation {
  executor: number;
  depth: number;
  /** Minutes of delay before work starts (challenges, re-authorisation, just-in-time grant). */
  delay: number;
  garbled: boolean;
  /** False when the chain passed the firebreak depth without a firebreak. */
  attributable: boolean;
  /** The executor's capability token, -1 when permissions are off. */
  permit: number;
  /** Harm done by a misuse that got through (credits). */
  misuseHarm: number;
}

export class Chains {
  readonly counters = new ChainCounters();
  readonly tokens: TokenTable | null;
  private readonly space: ScopeSpace | null;
  private readonly needed: ScopeMask[];
  private readonly roots: Int32Array;
  private readonly mode: DelegationModeCode;
  private readonly result: Delegation = { executor: -1, depth: 1, delay: 0, garbled: false, attributable: true, permit: -1, misuseHarm: 0 };
  /** Per skill slot: 1 while the circuit breaker has the agent's tokens revoked. */
  private readonly tripped: Uint8Array;

  constructor(
    private readonly scenario: Scenario,
    private readonly agents: AgentTable,
    private readonly rng: Rng,
  ) {
    const p = scenario.permissions;
    this.mode = p.mode === 'attenuate' ? DelegationMode.Attenuate : DelegationMode.PassThrough;
    this.tripped = new Uint8Array(agents.skillId.length);
    if (!p.enabled) {
      this.tokens = null;
      this.space = null;
      this.needed = [];
      this.roots = new Int32Array(0);
      return;
    }
    const space = new ScopeSpace(p.resources);
    this.space = space;
    this.needed = scenario.skills.map((skill, i) => {
      // Own keys only: a skill named like an Object.prototype member
      // (`toString`, `valueOf`) would otherwise find the inherited function.
      const names = Object.hasOwn(p.needs, skill) ? p.needs[skill] : undefined;
      if (names !== undefined) return space.mask(names);
      const r = i % p.resources.length;
      return createMask([scopeBit(r, 0), scopeBit(r, 1)]);
    });
    this.tokens = new TokenTable({});
    const all = space.full();
    // Delegators are not agents: their root tokens are held by ids past the population.
    this.roots = Int32Array.from({ length: scenario.trust.delegators }, (_, d) =>
      this.tokens!.grant(all, agents.count + d, 0, Infinity, scenario.chains.maxDepth + 1),
    );
  }

  get permissionsOn(): boolean {
    return this.tokens !== null;
  }

  /**
   * Resolves delegation of a task (skill, complexity, criticality) by
   * delegator d to agent a: the chain it travels, the token its executor
   * holds, and any misuse on the way. `pickNext(exclude)` returns another
   * capable agent with room, or -1.
   */
  delegate(
    d: number,
    a: number,
    skill: number,
    complexity: number,
    criticality: number,
    now: number,
    pickNext: (exclude: number) => number,
    onHop: (from: number, to: number, permit: number) => void,
  ): Delegation {
    const c = this.scenario.chains;
    const p = this.scenario.permissions;
    const out = this.result;
    const tokens = this.tokens;
    out.executor = a;
    out.depth = 1;
    out.delay = 0;
    out.garbled = false;
    out.attributable = true;
    out.misuseHarm = 0;
    let permit = tokens ? this.issue(this.roots[d]!, a, skill, now) : -1;
    if (tokens && criticality >= p.standingBelow) {
      this.counters.jitGrants++;
      out.delay += p.jitDelay;
    }
    if (this.agents.kind[a] === 0 && complexity >= c.coarseAbove) {
      while (out.depth < c.maxDepth && this.rng() < c.probability) {
        const next = pickNext(out.executor);
        if (next < 0) break;
        out.depth++;
        if (tokens) permit = this.issue(permit, next, skill, now);
        onHop(out.executor, next, permit);
        out.executor = next;
        if (this.rng() < c.garble) {
          if (this.rng() < c.challenge) {
            this.counters.challenges++;
            out.delay += c.challengeDelay;
          } else {
            out.garbled = true;
          }
        }
        if (out.depth === c.firebreakDepth && c.firebreak === 'reauthorize') {
          this.counters.reauthorisations++;
          out.delay += c.reauthorizeDelay;
        }
      }
    }
    if (out.depth > c.firebreakDepth && c.firebreak === 'none') out.attributable = false;
    if (out.depth > 1) {
      this.counters.chained++;
      if (out.depth === 2) this.counters.depth2++;
      else if (out.depth === 3) this.counters.depth3++;
      else this.counters.depth4plus++;
      this.counters.depthSum += out.depth;
      if (out.depth > this.counters.maxDepth) this.counters.maxDepth = out.depth;
    }
    if (out.garbled) this.counters.garbled++;
    out.permit = permit;
    if (tokens && (this.agents.behaviour[out.executor] as number) >= Behaviour.Shirker) this.compromised(out, skill, criticality, now);
    return out;
  }

  /**
   * Derives a token for `holder` from `parent`, for a task needing the skill's
   * scopes; -1 when the parent holds none (an earlier refusal) or the holder's
   * breaker is tripped for the skill.
   */
  private issue(parent: number, holder: number, skill: number, now: number): number {
    if (parent < 0 || this.tripped[this.agents.skillSlot(holder, skill)] === 1) return -1;
    const tokens = this.tokens!;
    const needed = this.needed[skill]!;
    const t = tokens.delegate(parent, holder, needed, now, this.scenario.permissions.ttl, this.mode);
    if (t < 0) return -1;
    this.counters.tokensIssued++;
    this.counters.overPrivilegeSum += tokens.overPrivilege(t, needed);
    return t;
  }

  /** A compromised executor: sample its blast radius, and maybe try an operation outside its task. */
  private compromised(out: Delegation, skill: number, criticality: number, now: number): void {
    const tokens = this.tokens!;
    const p = this.scenario.permissions;
    this.counters.blastRadiusSum += tokens.blastRadius(out.executor, now).scopeCount;
    this.counters.blastRadiusSamples++;
    if (this.rng() >= p.misuseRate) return;
    // The target: a scope the task does not need, chosen at random.
    const needed = this.needed[skill]!;
    const all = maskBits(this.space!.full());
    const outside = all.filter((b) => !maskBits(needed).includes(b));
    if (outside.length === 0) return;
    const bit = outside[Math.floor(this.rng() * outside.length)]!;
    if (out.permit >= 0 && tokens.check(out.permit, bit, now) === Verdict.Allowed) {
      this.counters.misuseUnblocked++;
      out.misuseHarm = p.misuseHarm * criticality * this.scenario.costs.lossPerCriticality;
      this.counters.misuseHarm += out.misuseHarm;
    } else {
      this.counters.misuseBlocked++;
    }
  }

  /** Records who answers for a failure of a chained task. */
  attribute(depth: number, attributable: boolean): void {
    if (depth < 2) return;
    if (attributable) this.counters.attributableFailures++;
    else this.counters.unattributableFailures++;
  }

  /**
   * The circuit breaker, after an observed failure of agent a's skill slot:
   * when a delegator's trust in it is below the threshold, every token the
   * agent holds is revoked, down its chain, and it gets no new token for the
   * skill until the breaker re-arms; trust at or above the threshold re-arms
   * it. Returns the number of tokens revoked (0 unless it tripped just now).
   */
  checkBreaker(a: number, slot: number, trust: number): number {
    const threshold = this.scenario.permissions.circuitBreaker;
    if (!this.tokens || threshold <= 0) return 0;
    if (trust >= threshold) {
      this.tripped[slot] = 0;
      return 0;
    }
    // Already tripped: its tokens are gone and none were issued since.
    if (this.tripped[slot] === 1) return 0;
    this.tripped[slot] = 1;
    this.counters.breakerTrips++;
    const revoked = this.tokens.revokeHolder(a);
    this.counters.tokensRevoked += revoked;
    return revoked;
  }

  /**
   * Re-arms a tripped breaker after an observed success that brought a
   * delegator's trust back to the threshold. Never trips: a success is no
   * trust drop, and a slot whose trust starts below the threshold (a low
   * prior) is not tripped until a failure is seen.
   */
  rearm(slot: number, trust: number): void {
    if (trust >= this.scenario.permissions.circuitBreaker) this.tripped[slot] = 0;
  }

  /** True while the breaker keeps new tokens for this skill slot from its agent. */
  isTripped(slot: number): boolean {
    return this.tripped[slot] === 1;
  }
}
