// Tasks (MODEL.md §1: the paper's eleven task characteristics, §2.2). Every
// task stores all eleven: complexity, criticality, uncertainty, duration,
// cost, resources (the required skill), constraints (the deadline),
// verifiability, reversibility, contextuality and subjectivity — plus its
// lifecycle, settlement and mechanism fields.
//
// Layout: one 224-byte record per task in a single buffer, read through a
// Float64Array for the fractional fields and an Int32Array for the integer
// ones (ids, states, counters, flags), grouped by how handlers use them: the
// identity, state and running-attempt integers in the first 64 bytes, then
// the times, characteristics and fees, then the rarely read permission and
// oversight integers. Tasks are touched one at a time, at random, each event
// reading a dozen or more of a task's fields: with 10^4 agents some 6·10^4
// to 10^5 tasks are in flight, far more than the CPU caches hold, so the
// number of cache lines a record spans is what an event pays. One column per
// field cost a miss per field read; records of doubles (320 bytes) ran the
// scaled enterprise benchmark ~1.3× faster; Int32 integers shrink a record
// to 224 bytes (JavaScript cannot align the buffer, so a group may straddle
// two lines). Integer fields hold small integers exactly, so results are the
// same whatever the layout.
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

/** TaskTable.settlement: the background verification caught the defect (no second settlement at goal end). */
export const SETTLEMENT_CAUGHT = -2;

export const TASK_STATE_NAMES = ['pending', 'ready', 'running', 'done', 'failed', 'cancelled', 'verifying', 'escalated', 'awaiting-approval', 'negotiating'] as const;

/**
 * Bytes per task record: 224 (28 doubles). Integer fields are Int32s, the
 * rest doubles, in one buffer seen through both views:
 *   bytes   0– 63  16 Int32s: identity, state and the running attempt
 *   bytes  64–191  16 doubles: times, the characteristics, fees
 *   bytes 192–223   8 Int32s: permissions, oversight, attribution and settlement (rarely read)
 */
const RECORD_DOUBLES = 28;
const RECORD_INTS = 2 * RECORD_DOUBLES;

// Int32 fields: offsets in Int32s from the record's start.
const I_STATE = 0;
const I_GOAL = 1;
const I_SKILL = 2;
const I_TOKEN = 3;
const I_AGENT = 4;
const I_NODE = 5;
const I_INPUTS_LEFT = 6;
const I_LAST_AGENT = 7;
const I_SLOT = 8;
const I_STALLED = 9;
const I_ATTEMPTS = 10;
const I_PREV_AGENT = 11;
const I_DEFECTIVE = 12;
const I_DEFECT_ORIGIN = 13;
const I_METHOD = 14;
const I_REDELEGATIONS = 15;
const I_PLANTED = 48;
const I_GARBLED = 49;
const I_CHAIN_DEPTH = 50;
const I_ATTRIBUTABLE = 51;
const I_PERMIT = 52;
const I_APPROVED = 53;
const I_PROPOSED = 54;
const I_SETTLEMENT = 55;

// Double fields: offsets in doubles from the record's start.
const D_START_TIME = 8;
const D_READY_TIME = 9;
const D_DURATION = 10;
const D_COMPLEXITY = 11;
const D_UNCERTAINTY = 12;
const D_CRITICALITY = 13;
const D_VERIFIABILITY = 14;
const D_SUBJECTIVITY = 15;
const D_CONTEXTUALITY = 16;
const D_REVERSIBILITY = 17;
const D_DEADLINE = 18;
const D_COST = 19;
const D_AGREED_FEE = 20;
const D_DEFAULTED_FEE = 21;
const D_LAST_FEE = 22;
/** Time-shared: when the pending approval was requested (before the task runs), when its output was accepted (once done). */
const D_REQUESTED_AT = 23;

export class TaskTable {
  /** Task records, as doubles: task t's double fields at t·RECORD_DOUBLES + D_*. */
  private rec = new Float64Array(0);
  /** The same records as Int32s: task t's integer fields at t·RECORD_INTS + I_*. */
  private ints = new Int32Array(0);
  private top = 0;
  /** Recycled blocks by size: freeBlocks[size] lists first ids (an array, not a Map: a block is taken and given back per goal). */
  private readonly freeBlocks: number[][] = [];

  /** Returns the first id of a block of `size` consecutive task ids. */
  allocate(size: number): number {
    const recycled = this.freeBlocks[size]?.pop();
    if (recycled !== undefined) return recycled;
    const first = this.top;
    this.top += size;
    if (this.top * RECORD_DOUBLES > this.rec.length) {
      this.rec = ensureLength(this.rec, this.top * RECORD_DOUBLES);
      this.ints = new Int32Array(this.rec.buffer); // the integer view follows the grown buffer
    }
    return first;
  }

  /** Gives a goal's block back for reuse. */
  release(first: number, size: number): void {
    while (this.freeBlocks.length <= size) this.freeBlocks.push([]);
    const list = this.freeBlocks[size]!;
    list.push(first);
  }

  // Field accessors: `tasks.state(t)` reads, `tasks.setState(t, v)` writes.

  /** Lifecycle state (TaskState). */
  state(t: number): number {
    return this.ints[t * RECORD_INTS + I_STATE] as number;
  }
  setState(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_STATE] = value;
  }

  /** Goal id the task belongs to. */
  goal(t: number): number {
    return this.ints[t * RECORD_INTS + I_GOAL] as number;
  }
  setGoal(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_GOAL] = value;
  }

  /** Required skill id (the "resources" characteristic). */
  skill(t: number): number {
    return this.ints[t * RECORD_INTS + I_SKILL] as number;
  }
  setSkill(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_SKILL] = value;
  }

  /** Bumped on every start, so events of a superseded attempt can be recognised and dropped. */
  token(t: number): number {
    return this.ints[t * RECORD_INTS + I_TOKEN] as number;
  }
  /** Bumps t's token and returns the new one: pending events of its earlier attempts no longer match. */
  nextToken(t: number): number {
    const i = t * RECORD_INTS + I_TOKEN;
    const token = (this.ints[i] as number) + 1;
    this.ints[i] = token;
    return token;
  }

  /** Agent holding the task now, or -1. */
  agent(t: number): number {
    return this.ints[t * RECORD_INTS + I_AGENT] as number;
  }
  setAgent(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_AGENT] = value;
  }

  /** Node of the goal's plan this task is. */
  node(t: number): number {
    return this.ints[t * RECORD_INTS + I_NODE] as number;
  }
  setNode(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_NODE] = value;
  }

  /** Inputs not yet done; the task becomes ready at 0. */
  inputsLeft(t: number): number {
    return this.ints[t * RECORD_INTS + I_INPUTS_LEFT] as number;
  }
  setInputsLeft(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_INPUTS_LEFT] = value;
  }

  /** The agent its delegator last gave it to (for re-delegation away from it) — in a sub-delegation chain the first hop, not the executor — or -1. */
  lastAgent(t: number): number {
    return this.ints[t * RECORD_INTS + I_LAST_AGENT] as number;
  }
  setLastAgent(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_LAST_AGENT] = value;
  }

  /** When the current attempt started (minutes). */
  startTime(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_START_TIME] as number;
  }
  setStartTime(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_START_TIME] = value;
  }

  /** When the task last became ready (minutes). */
  readyTime(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_READY_TIME] as number;
  }
  setReadyTime(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_READY_TIME] = value;
  }

  /** Work in minutes at speed 1. */
  duration(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_DURATION] as number;
  }
  setDuration(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_DURATION] = value;
  }

  /** Complexity in [0,1]. */
  complexity(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_COMPLEXITY] as number;
  }
  setComplexity(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_COMPLEXITY] = value;
  }

  /** Uncertainty in [0,1]. */
  uncertainty(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_UNCERTAINTY] as number;
  }
  setUncertainty(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_UNCERTAINTY] = value;
  }

  /** 1 while the current attempt is stalled (makes no progress). */
  stalled(t: number): number {
    return this.ints[t * RECORD_INTS + I_STALLED] as number;
  }
  setStalled(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_STALLED] = value;
  }

  /**
   * CSR skill slot (see AgentTable) of the agent running the current or last
   * attempt (the executor: in a sub-delegation chain the last hop), for the
   * task's skill: set when the attempt starts, so handlers that later read
   * the executor's per-skill data (skill level, hidden reliability) need no
   * (agent, skill) lookup. Trust and reputation are about the delegatee the
   * delegator chose, whose slot the world keeps beside the record when chains
   * are on (World.contractSlotOf).
   */
  slot(t: number): number {
    return this.ints[t * RECORD_INTS + I_SLOT] as number;
  }
  setSlot(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_SLOT] = value;
  }

  /** Failed attempts so far, delegations a human overseer refused included: both count against assignment.retryLimit. */
  attempts(t: number): number {
    return this.ints[t * RECORD_INTS + I_ATTEMPTS] as number;
  }
  setAttempts(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_ATTEMPTS] = value;
  }

  /** The agent before lastAgent (also as its delegator chose), to count oscillations (A → B → A), or -1. */
  prevAgent(t: number): number {
    return this.ints[t * RECORD_INTS + I_PREV_AGENT] as number;
  }
  setPrevAgent(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_PREV_AGENT] = value;
  }

  /** Criticality in [0,1]. */
  criticality(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_CRITICALITY] as number;
  }
  setCriticality(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_CRITICALITY] = value;
  }

  /** Verifiability in [0,1]. */
  verifiability(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_VERIFIABILITY] as number;
  }
  setVerifiability(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_VERIFIABILITY] = value;
  }

  /** Subjectivity in [0,1]. */
  subjectivity(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_SUBJECTIVITY] as number;
  }
  setSubjectivity(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_SUBJECTIVITY] = value;
  }

  /** Contextuality in [0,1]. */
  contextuality(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_CONTEXTUALITY] as number;
  }
  setContextuality(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_CONTEXTUALITY] = value;
  }

  /** Reversibility in [0,1]. */
  reversibility(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_REVERSIBILITY] as number;
  }
  setReversibility(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_REVERSIBILITY] = value;
  }

  /** Absolute deadline in minutes (the "constraints" characteristic); Infinity for none. */
  deadline(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_DEADLINE] as number;
  }
  setDeadline(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_DEADLINE] = value;
  }

  /** Intrinsic cost in credits (a price floor). */
  cost(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_COST] as number;
  }
  setCost(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_COST] = value;
  }

  /** 1 when the task's output is wrong (silent defect or contaminated input). */
  defective(t: number): number {
    return this.ints[t * RECORD_INTS + I_DEFECTIVE] as number;
  }
  setDefective(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_DEFECTIVE] = value;
  }

  /** Fee agreed in a contract (paid on delivery), NaN when paid by the minute. */
  agreedFee(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_AGREED_FEE] as number;
  }
  setAgreedFee(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_AGREED_FEE] = value;
  }

  /** Agreed fee of a contract the last agent defaulted on, NaN if none: it pays the re-auction's difference. */
  defaultedFee(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_DEFAULTED_FEE] as number;
  }
  setDefaultedFee(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_DEFAULTED_FEE] = value;
  }

  /** Fee charged for the last attempt (refunded if verification rejects it). */
  lastFee(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_LAST_FEE] as number;
  }
  setLastFee(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_LAST_FEE] = value;
  }

  /** Task id whose silent defect this task's defect descends from, or -1. */
  defectOrigin(t: number): number {
    return this.ints[t * RECORD_INTS + I_DEFECT_ORIGIN] as number;
  }
  setDefectOrigin(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_DEFECT_ORIGIN] = value;
  }

  /** 1 when the task's defect was planted by an adversarial agent. */
  planted(t: number): number {
    return this.ints[t * RECORD_INTS + I_PLANTED] as number;
  }
  setPlanted(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_PLANTED] = value;
  }

  /** Verification method chosen for the delivered output (see verification.ts), -1 for none. */
  method(t: number): number {
    return this.ints[t * RECORD_INTS + I_METHOD] as number;
  }
  setMethod(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_METHOD] = value;
  }

  /** 1 when a hop of its chain garbled the intent (the output will be wrong). */
  garbled(t: number): number {
    return this.ints[t * RECORD_INTS + I_GARBLED] as number;
  }
  setGarbled(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_GARBLED] = value;
  }

  /** Hops from the delegator to the executor of the current attempt (1 = direct). */
  chainDepth(t: number): number {
    return this.ints[t * RECORD_INTS + I_CHAIN_DEPTH] as number;
  }
  setChainDepth(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_CHAIN_DEPTH] = value;
  }

  /** 0 when the current chain went past the firebreak depth without a firebreak. */
  attributable(t: number): number {
    return this.ints[t * RECORD_INTS + I_ATTRIBUTABLE] as number;
  }
  setAttributable(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_ATTRIBUTABLE] = value;
  }

  /** Capability token of the current executor, -1 without permissions. */
  permit(t: number): number {
    return this.ints[t * RECORD_INTS + I_PERMIT] as number;
  }
  setPermit(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_PERMIT] = value;
  }

  /** 1 once a human approved the task's delegation (it is not asked again). */
  approved(t: number): number {
    return this.ints[t * RECORD_INTS + I_APPROVED] as number;
  }
  setApproved(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_APPROVED] = value;
  }

  /** The agent proposed in the pending approval request. */
  proposed(t: number): number {
    return this.ints[t * RECORD_INTS + I_PROPOSED] as number;
  }
  setProposed(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_PROPOSED] = value;
  }

  /** When the pending approval was requested. */
  requestedAt(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_REQUESTED_AT] as number;
  }
  setRequestedAt(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_REQUESTED_AT] = value;
  }

  /** When the task's output was accepted (Done); shares its field with requestedAt, which only a task not yet run needs. */
  deliveredAt(t: number): number {
    return this.rec[t * RECORD_DOUBLES + D_REQUESTED_AT] as number;
  }
  setDeliveredAt(t: number, value: number): void {
    this.rec[t * RECORD_DOUBLES + D_REQUESTED_AT] = value;
  }

  /**
   * Optimistic settlement of the task's delivered output: the id of its open
   * settlement (a background verification pending), SETTLEMENT_CAUGHT once that
   * verification found the defect, or -1.
   */
  settlement(t: number): number {
    return this.ints[t * RECORD_INTS + I_SETTLEMENT] as number;
  }
  setSettlement(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_SETTLEMENT] = value;
  }

  /** Re-delegations so far (for the rising re-delegation fee). */
  redelegations(t: number): number {
    return this.ints[t * RECORD_INTS + I_REDELEGATIONS] as number;
  }
  setRedelegations(t: number, value: number): void {
    this.ints[t * RECORD_INTS + I_REDELEGATIONS] = value;
  }
}
