// Tasks (MODEL.md §1: the paper's eleven task characteristics, §2.2). Every
// task stores all eleven: complexity, criticality, uncertainty, duration,
// cost, resources (the required skill), constraints (the deadline),
// verifiability, reversibility, contextuality and subjectivity — plus its
// lifecycle, settlement and mechanism fields.
//
// Layout: one record of STRIDE doubles per task in a single Float64Array,
// fields grouped by the handler that reads them (identity and state; the
// running attempt; outcome and characteristics; settlement and cascades;
// permissions and oversight), eight doubles to a group: one 64-byte cache
// line's worth, though JavaScript cannot align the buffer, so a group may
// straddle two lines. Tasks are
// touched one at a time, at random, each event reading a dozen or more of a
// task's fields: with 10^4 agents some 6·10^4 tasks are in flight (~19 MB),
// far more than the CPU caches hold, and one column per field cost one cache
// miss per field read. With records, the scaled enterprise benchmark
// (bench/run.mjs model) ran ~1.3× faster on the bench machine.
// Every field is a double; the integer ones hold exact small integers, so
// values are the same as the typed columns they replace.
//
// A goal's tasks are one contiguous block of ids (see plan.ts). Blocks are
// recycled by size when a goal ends, so the table holds only tasks in flight
// and memory stays flat however many goals a run processes.

import { ensureLength } from '../util/columns.js';

export const TaskState = {
  /** Waiting for inputs. */
  Pending: 0,
  /** Inputs done; in the backlog or being assigned. */
  Ready: 1,
  Running: 2,
  Done: 3,
  Failed: 4,
  Cancelled: 5,
  /** Delivered; waiting for its verification verdict before it counts as done. */
  Verifying: 6,
  /** Waiting for an escalation (human review) before it is re-delegated. */
  Escalated: 7,
  /** Waiting for a human overseer to approve its delegation. */
  AwaitingApproval: 8,
  /** In a contract-net round or queued at the registry orchestrator. */
  Negotiating: 9,
} as const;

export const TASK_STATE_NAMES = ['pending', 'ready', 'running', 'done', 'failed', 'cancelled', 'verifying', 'escalated', 'awaiting-approval', 'negotiating'] as const;

/** Doubles per task record: 39 fields in five cache lines. */
const STRIDE = 40;

// Field offsets within a record.
const F_STATE = 0;
const F_GOAL = 1;
const F_SKILL = 2;
const F_TOKEN = 3;
const F_AGENT = 4;
const F_NODE = 5;
const F_INPUTS_LEFT = 6;
const F_LAST_AGENT = 7;
const F_START_TIME = 8;
const F_READY_TIME = 9;
const F_DURATION = 10;
const F_COMPLEXITY = 11;
const F_UNCERTAINTY = 12;
const F_STALLED = 13;
const F_ATTEMPTS = 14;
const F_SLOT = 15;
const F_CRITICALITY = 16;
const F_VERIFIABILITY = 17;
const F_SUBJECTIVITY = 18;
const F_CONTEXTUALITY = 19;
const F_REVERSIBILITY = 20;
const F_DEADLINE = 21;
const F_COST = 22;
const F_DEFECTIVE = 23;
const F_AGREED_FEE = 24;
const F_DEFAULTED_FEE = 25;
const F_LAST_FEE = 26;
const F_DEFECT_ORIGIN = 27;
const F_PLANTED = 28;
const F_METHOD = 29;
const F_GARBLED = 30;
const F_CHAIN_DEPTH = 31;
const F_ATTRIBUTABLE = 32;
const F_PERMIT = 33;
const F_APPROVED = 34;
const F_PROPOSED = 35;
const F_REQUESTED_AT = 36;
const F_REDELEGATIONS = 37;
const F_PREV_AGENT = 38;

export class TaskTable {
  /** Task records: task t's fields at [t·STRIDE, (t+1)·STRIDE). */
  private rec = new Float64Array(0);
  private top = 0;
  private readonly freeBlocks = new Map<number, number[]>();

  /** Number of task ids ever used at once (the high-water mark). */
  get highWater(): number {
    return this.top;
  }

  /** Returns the first id of a block of `size` consecutive task ids. */
  allocate(size: number): number {
    const recycled = this.freeBlocks.get(size)?.pop();
    if (recycled !== undefined) return recycled;
    const first = this.top;
    this.top += size;
    if (this.top * STRIDE > this.rec.length) this.rec = ensureLength(this.rec, this.top * STRIDE);
    return first;
  }

  /** Gives a goal's block back for reuse. */
  release(first: number, size: number): void {
    let list = this.freeBlocks.get(size);
    if (!list) this.freeBlocks.set(size, (list = []));
    list.push(first);
  }

  // Field accessors: `tasks.state(t)` reads, `tasks.setState(t, v)` writes.

  /** Lifecycle state (TaskState). */
  state(t: number): number {
    return this.rec[t * STRIDE + F_STATE] as number;
  }
  setState(t: number, value: number): void {
    this.rec[t * STRIDE + F_STATE] = value;
  }

  /** Goal id the task belongs to. */
  goal(t: number): number {
    return this.rec[t * STRIDE + F_GOAL] as number;
  }
  setGoal(t: number, value: number): void {
    this.rec[t * STRIDE + F_GOAL] = value;
  }

  /** Required skill id (the "resources" characteristic). */
  skill(t: number): number {
    return this.rec[t * STRIDE + F_SKILL] as number;
  }
  setSkill(t: number, value: number): void {
    this.rec[t * STRIDE + F_SKILL] = value;
  }

  /** Bumped on every start, so events of a superseded attempt can be recognised and dropped. */
  token(t: number): number {
    return this.rec[t * STRIDE + F_TOKEN] as number;
  }
  setToken(t: number, value: number): void {
    this.rec[t * STRIDE + F_TOKEN] = value;
  }
  /** Bumps t's token and returns the new one: pending events of its earlier attempts no longer match. */
  nextToken(t: number): number {
    const i = t * STRIDE + F_TOKEN;
    const token = (this.rec[i] as number) + 1;
    this.rec[i] = token;
    return token;
  }

  /** Agent holding the task now, or -1. */
  agent(t: number): number {
    return this.rec[t * STRIDE + F_AGENT] as number;
  }
  setAgent(t: number, value: number): void {
    this.rec[t * STRIDE + F_AGENT] = value;
  }

  /** Node of the goal's plan this task is. */
  node(t: number): number {
    return this.rec[t * STRIDE + F_NODE] as number;
  }
  setNode(t: number, value: number): void {
    this.rec[t * STRIDE + F_NODE] = value;
  }

  /** Inputs not yet done; the task becomes ready at 0. */
  inputsLeft(t: number): number {
    return this.rec[t * STRIDE + F_INPUTS_LEFT] as number;
  }
  setInputsLeft(t: number, value: number): void {
    this.rec[t * STRIDE + F_INPUTS_LEFT] = value;
  }

  /** The last agent that held it (for re-delegation away from it), or -1. */
  lastAgent(t: number): number {
    return this.rec[t * STRIDE + F_LAST_AGENT] as number;
  }
  setLastAgent(t: number, value: number): void {
    this.rec[t * STRIDE + F_LAST_AGENT] = value;
  }

  /** When the current attempt started (minutes). */
  startTime(t: number): number {
    return this.rec[t * STRIDE + F_START_TIME] as number;
  }
  setStartTime(t: number, value: number): void {
    this.rec[t * STRIDE + F_START_TIME] = value;
  }

  /** When the task last became ready (minutes). */
  readyTime(t: number): number {
    return this.rec[t * STRIDE + F_READY_TIME] as number;
  }
  setReadyTime(t: number, value: number): void {
    this.rec[t * STRIDE + F_READY_TIME] = value;
  }

  /** Work in minutes at speed 1. */
  duration(t: number): number {
    return this.rec[t * STRIDE + F_DURATION] as number;
  }
  setDuration(t: number, value: number): void {
    this.rec[t * STRIDE + F_DURATION] = value;
  }

  /** Complexity in [0,1]. */
  complexity(t: number): number {
    return this.rec[t * STRIDE + F_COMPLEXITY] as number;
  }
  setComplexity(t: number, value: number): void {
    this.rec[t * STRIDE + F_COMPLEXITY] = value;
  }

  /** Uncertainty in [0,1]. */
  uncertainty(t: number): number {
    return this.rec[t * STRIDE + F_UNCERTAINTY] as number;
  }
  setUncertainty(t: number, value: number): void {
    this.rec[t * STRIDE + F_UNCERTAINTY] = value;
  }

  /** 1 while the current attempt is stalled (makes no progress). */
  stalled(t: number): number {
    return this.rec[t * STRIDE + F_STALLED] as number;
  }
  setStalled(t: number, value: number): void {
    this.rec[t * STRIDE + F_STALLED] = value;
  }

  /**
   * CSR skill slot (see AgentTable) of the agent running the current or last
   * attempt, for the task's skill: set when the attempt starts, so handlers
   * that later read the executor's per-skill data (hidden reliability, trust,
   * reputation) need no (agent, skill) lookup.
   */
  slot(t: number): number {
    return this.rec[t * STRIDE + F_SLOT] as number;
  }
  setSlot(t: number, value: number): void {
    this.rec[t * STRIDE + F_SLOT] = value;
  }

  /** Failed attempts so far. */
  attempts(t: number): number {
    return this.rec[t * STRIDE + F_ATTEMPTS] as number;
  }
  setAttempts(t: number, value: number): void {
    this.rec[t * STRIDE + F_ATTEMPTS] = value;
  }

  /** The agent before lastAgent, to count oscillations (A → B → A), or -1. */
  prevAgent(t: number): number {
    return this.rec[t * STRIDE + F_PREV_AGENT] as number;
  }
  setPrevAgent(t: number, value: number): void {
    this.rec[t * STRIDE + F_PREV_AGENT] = value;
  }

  /** Criticality in [0,1]. */
  criticality(t: number): number {
    return this.rec[t * STRIDE + F_CRITICALITY] as number;
  }
  setCriticality(t: number, value: number): void {
    this.rec[t * STRIDE + F_CRITICALITY] = value;
  }

  /** Verifiability in [0,1]. */
  verifiability(t: number): number {
    return this.rec[t * STRIDE + F_VERIFIABILITY] as number;
  }
  setVerifiability(t: number, value: number): void {
    this.rec[t * STRIDE + F_VERIFIABILITY] = value;
  }

  /** Subjectivity in [0,1]. */
  subjectivity(t: number): number {
    return this.rec[t * STRIDE + F_SUBJECTIVITY] as number;
  }
  setSubjectivity(t: number, value: number): void {
    this.rec[t * STRIDE + F_SUBJECTIVITY] = value;
  }

  /** Contextuality in [0,1]. */
  contextuality(t: number): number {
    return this.rec[t * STRIDE + F_CONTEXTUALITY] as number;
  }
  setContextuality(t: number, value: number): void {
    this.rec[t * STRIDE + F_CONTEXTUALITY] = value;
  }

  /** Reversibility in [0,1]. */
  reversibility(t: number): number {
    return this.rec[t * STRIDE + F_REVERSIBILITY] as number;
  }
  setReversibility(t: number, value: number): void {
    this.rec[t * STRIDE + F_REVERSIBILITY] = value;
  }

  /** Absolute deadline in minutes (the "constraints" characteristic); Infinity for none. */
  deadline(t: number): number {
    return this.rec[t * STRIDE + F_DEADLINE] as number;
  }
  setDeadline(t: number, value: number): void {
    this.rec[t * STRIDE + F_DEADLINE] = value;
  }

  /** Intrinsic cost in credits (a price floor). */
  cost(t: number): number {
    return this.rec[t * STRIDE + F_COST] as number;
  }
  setCost(t: number, value: number): void {
    this.rec[t * STRIDE + F_COST] = value;
  }

  /** 1 when the task's output is wrong (silent defect or contaminated input). */
  defective(t: number): number {
    return this.rec[t * STRIDE + F_DEFECTIVE] as number;
  }
  setDefective(t: number, value: number): void {
    this.rec[t * STRIDE + F_DEFECTIVE] = value;
  }

  /** Fee agreed in a contract (paid on delivery), NaN when paid by the minute. */
  agreedFee(t: number): number {
    return this.rec[t * STRIDE + F_AGREED_FEE] as number;
  }
  setAgreedFee(t: number, value: number): void {
    this.rec[t * STRIDE + F_AGREED_FEE] = value;
  }

  /** Agreed fee of a contract the last agent defaulted on, NaN if none: it pays the re-auction's difference. */
  defaultedFee(t: number): number {
    return this.rec[t * STRIDE + F_DEFAULTED_FEE] as number;
  }
  setDefaultedFee(t: number, value: number): void {
    this.rec[t * STRIDE + F_DEFAULTED_FEE] = value;
  }

  /** Fee charged for the last attempt (refunded if verification rejects it). */
  lastFee(t: number): number {
    return this.rec[t * STRIDE + F_LAST_FEE] as number;
  }
  setLastFee(t: number, value: number): void {
    this.rec[t * STRIDE + F_LAST_FEE] = value;
  }

  /** Task id whose silent defect this task's defect descends from, or -1. */
  defectOrigin(t: number): number {
    return this.rec[t * STRIDE + F_DEFECT_ORIGIN] as number;
  }
  setDefectOrigin(t: number, value: number): void {
    this.rec[t * STRIDE + F_DEFECT_ORIGIN] = value;
  }

  /** 1 when the task's defect was planted by an adversarial agent. */
  planted(t: number): number {
    return this.rec[t * STRIDE + F_PLANTED] as number;
  }
  setPlanted(t: number, value: number): void {
    this.rec[t * STRIDE + F_PLANTED] = value;
  }

  /** Verification method chosen for the delivered output (see verification.ts), -1 for none. */
  method(t: number): number {
    return this.rec[t * STRIDE + F_METHOD] as number;
  }
  setMethod(t: number, value: number): void {
    this.rec[t * STRIDE + F_METHOD] = value;
  }

  /** 1 when a hop of its chain garbled the intent (the output will be wrong). */
  garbled(t: number): number {
    return this.rec[t * STRIDE + F_GARBLED] as number;
  }
  setGarbled(t: number, value: number): void {
    this.rec[t * STRIDE + F_GARBLED] = value;
  }

  /** Hops from the delegator to the executor of the current attempt (1 = direct). */
  chainDepth(t: number): number {
    return this.rec[t * STRIDE + F_CHAIN_DEPTH] as number;
  }
  setChainDepth(t: number, value: number): void {
    this.rec[t * STRIDE + F_CHAIN_DEPTH] = value;
  }

  /** 0 when the current chain went past the firebreak depth without a firebreak. */
  attributable(t: number): number {
    return this.rec[t * STRIDE + F_ATTRIBUTABLE] as number;
  }
  setAttributable(t: number, value: number): void {
    this.rec[t * STRIDE + F_ATTRIBUTABLE] = value;
  }

  /** Capability token of the current executor, -1 without permissions. */
  permit(t: number): number {
    return this.rec[t * STRIDE + F_PERMIT] as number;
  }
  setPermit(t: number, value: number): void {
    this.rec[t * STRIDE + F_PERMIT] = value;
  }

  /** 1 once a human approved the task's delegation (it is not asked again). */
  approved(t: number): number {
    return this.rec[t * STRIDE + F_APPROVED] as number;
  }
  setApproved(t: number, value: number): void {
    this.rec[t * STRIDE + F_APPROVED] = value;
  }

  /** The agent proposed in the pending approval request. */
  proposed(t: number): number {
    return this.rec[t * STRIDE + F_PROPOSED] as number;
  }
  setProposed(t: number, value: number): void {
    this.rec[t * STRIDE + F_PROPOSED] = value;
  }

  /** When the pending approval was requested. */
  requestedAt(t: number): number {
    return this.rec[t * STRIDE + F_REQUESTED_AT] as number;
  }
  setRequestedAt(t: number, value: number): void {
    this.rec[t * STRIDE + F_REQUESTED_AT] = value;
  }

  /** Re-delegations so far (for the rising re-delegation fee). */
  redelegations(t: number): number {
    return this.rec[t * STRIDE + F_REDELEGATIONS] as number;
  }
  setRedelegations(t: number, value: number): void {
    this.rec[t * STRIDE + F_REDELEGATIONS] = value;
  }
}
