// What a delegator can observe (MODEL.md §3 step 2, §4; paper §4.2, §4.6):
// advertised skill levels, prices, nominal speed, load, model family and kind
// of each agent, its own trust and the public reputation, how concentrated
// running work is across model families, and the characteristics of the task
// at hand. Hidden reliability is deliberately absent — policies must learn it
// through trust or ignore it.

import type { Rng } from '../engine/random.js';
import type { AgentTable } from '../model/agents.js';
import type { TaskTable } from '../model/tasks.js';
import type { GoalTable } from '../model/goals.js';
import type { TrustStore } from '../model/trust/trustStore.js';
import type { ReputationLedger } from '../model/trust/reputation.js';

export interface Observables {
  agents: AgentTable;
  tasks: TaskTable;
  goals: GoalTable;
  trust: TrustStore;
  reputation: ReputationLedger;
  /** Tasks running per model family right now. */
  busyByFamily: Int32Array;
  /** Weight of reputation in the combined trust estimate. */
  reputationWeight: number;
  /** Credits lost per unit of criticality when a task fails badly. */
  lossPerCriticality: number;
}

export class PolicyView {
  /** Current simulated time in minutes. */
  now = 0;
  /**
   * Bids of the shortlisted agents in a contract-net round, by shortlist
   * position (filled by the world only for policies that negotiate by auction):
   * the fee asked, the ETA in minutes, the success chance claimed (strategic
   * agents overstate it) and the bond offered.
   */
  readonly bidPrice = new Float64Array(1024);
  readonly bidEta = new Float64Array(1024);
  readonly bidConfidence = new Float64Array(1024);
  readonly bidBond = new Float64Array(1024);
  /** Tasks running in total right now. */
  busySlots = 0;
  private readonly agents: AgentTable;
  private readonly tasks: TaskTable;
  private readonly goals: GoalTable;
  private readonly trustStore: TrustStore;
  private readonly reputationLedger: ReputationLedger;
  private readonly busyByFamily: Int32Array;
  private readonly reputationWeight: number;
  /** Credits lost per unit of criticality when a task fails badly (from the scenario's costs). */
  readonly lossPerCriticality: number;

  constructor(o: Observables) {
    this.agents = o.agents;
    this.tasks = o.tasks;
    this.goals = o.goals;
    this.trustStore = o.trust;
    this.reputationLedger = o.reputation;
    this.busyByFamily = o.busyByFamily;
    this.reputationWeight = o.reputationWeight;
    this.lossPerCriticality = o.lossPerCriticality;
  }

  /** Price per minute the agent currently asks (spikes included). */
  price(agent: number): number {
    return (this.agents.price[agent] as number) * (this.agents.priceFactor[agent] as number);
  }

  /** Advertised speed (work-minutes per minute); degradation is not visible here. */
  speed(agent: number): number {
    return this.agents.speed[agent] as number;
  }

  /** Advertised skill level in [0,1] for `skill`, 0 when the agent lacks it. */
  skillLevel(agent: number, skill: number): number {
    const k = this.agents.skillSlot(agent, skill);
    return k < 0 ? 0 : (this.agents.skillLevel[k] as number);
  }

  /** The agent's skill slot of `skill` (what `candidates.slots` holds), -1 when it lacks the skill. */
  slotOf(agent: number, skill: number): number {
    return this.agents.skillSlot(agent, skill);
  }

  /** Advertised skill level of a skill slot (a shortlist's `slots[i]`), in [0,1]. */
  slotSkillLevel(slot: number): number {
    return this.agents.skillLevel[slot] as number;
  }

  /** Share of the agent's capacity in use, in [0,1]. */
  load(agent: number): number {
    return (this.agents.busy[agent] as number) / Math.max(1, this.agents.capacity[agent] as number);
  }

  family(agent: number): number {
    return this.agents.family[agent] as number;
  }

  /** Share of all running tasks that run on agents of this model family, in [0,1]. */
  familyShare(family: number): number {
    return this.busySlots > 0 ? (this.busyByFamily[family] as number) / this.busySlots : 0;
  }

  /** 0 ai, 1 human, 2 model (see AGENT_KINDS). */
  kind(agent: number): number {
    return this.agents.kind[agent] as number;
  }

  /** The delegator that owns the task's goal. */
  delegator(task: number): number {
    return this.goals.delegator[this.tasks.goal(task)] as number;
  }

  // Trust and reputation, by agent or — cheaper, no (agent, skill) lookup —
  // by the candidate's skill slot that the shortlist hands over
  // (`candidates.slots[i]`, the slot of the task's skill).

  /**
   * What the delegator of `task` believes about `agent` on the task's skill:
   * its private trust blended with public reputation.
   */
  trust(task: number, agent: number): number {
    const k = this.agents.skillSlot(agent, this.tasks.skill(task));
    return k < 0 ? 0 : this.slotTrust(task, k);
  }

  /** `trust` for the agent holding skill slot `slot` (of the task's skill). */
  slotTrust(task: number, slot: number): number {
    const w = this.reputationWeight;
    const own = this.trustStore.mean(this.delegator(task), slot, this.now);
    return w === 0 ? own : (1 - w) * own + w * this.reputationLedger.mean(slot);
  }

  /** A Thompson sample of the delegator's private trust (blended with reputation like `trust`). */
  trustSample(task: number, agent: number, rng: Rng): number {
    const k = this.agents.skillSlot(agent, this.tasks.skill(task));
    return k < 0 ? 0 : this.slotTrustSample(task, k, rng);
  }

  /** `trustSample` by skill slot. */
  slotTrustSample(task: number, slot: number, rng: Rng): number {
    const w = this.reputationWeight;
    const own = this.trustStore.sample(this.delegator(task), slot, this.now, rng);
    return w === 0 ? own : (1 - w) * own + w * this.reputationLedger.mean(slot);
  }

  /** Decayed evidence behind the delegator's trust in the agent (0 for a stranger). */
  trustEvidence(task: number, agent: number): number {
    const k = this.agents.skillSlot(agent, this.tasks.skill(task));
    return k < 0 ? 0 : this.slotTrustEvidence(task, k);
  }

  /** `trustEvidence` by skill slot. */
  slotTrustEvidence(task: number, slot: number): number {
    return this.trustStore.evidence(this.delegator(task), slot, this.now);
  }

  /** Outcomes on the public record for the agent on the task's skill. */
  reputationCount(task: number, agent: number): number {
    const k = this.agents.skillSlot(agent, this.tasks.skill(task));
    return k < 0 ? 0 : this.reputationLedger.count(k);
  }

  /** `reputationCount` by skill slot. */
  slotReputationCount(slot: number): number {
    return this.reputationLedger.count(slot);
  }

  taskSkill(task: number): number {
    return this.tasks.skill(task);
  }

  /** Expected work in minutes at speed 1, before noise. */
  taskDuration(task: number): number {
    return this.tasks.duration(task);
  }

  taskCriticality(task: number): number {
    return this.tasks.criticality(task);
  }

  taskComplexity(task: number): number {
    return this.tasks.complexity(task);
  }

  taskVerifiability(task: number): number {
    return this.tasks.verifiability(task);
  }

  taskSubjectivity(task: number): number {
    return this.tasks.subjectivity(task);
  }

  taskReversibility(task: number): number {
    return this.tasks.reversibility(task);
  }

  taskUncertainty(task: number): number {
    return this.tasks.uncertainty(task);
  }

  /** Absolute deadline in minutes, Infinity for none. */
  taskDeadline(task: number): number {
    return this.tasks.deadline(task);
  }

  /** The agent the delegator last gave the task to (after a failure; in a sub-delegation chain the first hop, not who ran it), or -1. */
  lastAgent(task: number): number {
    return this.tasks.lastAgent(task);
  }
}
