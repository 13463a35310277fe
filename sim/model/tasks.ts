// Tasks as struct-of-arrays columns (MODEL.md §1: the paper's eleven task
// characteristics, §2.2). Every task stores all eleven: complexity,
// criticality, uncertainty, duration, cost, resources (the required skill),
// constraints (the deadline), verifiability, reversibility, contextuality and
// subjectivity.
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

export class TaskTable {
  goal = new Int32Array(0);
  node = new Int32Array(0);
  state = new Uint8Array(0);
  inputsLeft = new Int32Array(0);
  /** Agent holding the task now, or -1. */
  agent = new Int32Array(0);
  /** The last agent that held it (for re-delegation away from it), or -1. */
  lastAgent = new Int32Array(0);
  /** The agent before lastAgent, to count oscillations (A → B → A), or -1. */
  prevAgent = new Int32Array(0);
  /** Failed attempts so far. */
  attempts = new Int32Array(0);
  /** Re-delegations so far (for the rising re-delegation fee). */
  redelegations = new Int32Array(0);
  /** 1 while the current attempt is stalled (makes no progress). */
  stalled = new Uint8Array(0);
  /** Fee charged for the last attempt (refunded if verification rejects it). */
  lastFee = new Float64Array(0);
  /** Fee agreed in a contract (paid on delivery), NaN when paid by the minute. */
  agreedFee = new Float64Array(0);
  /** Agreed fee of a contract the last agent defaulted on, NaN if none: it pays the re-auction's difference. */
  defaultedFee = new Float64Array(0);
  /** 1 when a hop of its chain garbled the intent (the output will be wrong). */
  garbled = new Uint8Array(0);
  /** Hops from the delegator to the executor of the current attempt (1 = direct). */
  chainDepth = new Uint8Array(0);
  /** 0 when the current chain went past the firebreak depth without a firebreak. */
  attributable = new Uint8Array(0);
  /** Capability token of the current executor, -1 without permissions. */
  permit = new Int32Array(0);
  /** 1 once a human approved the task's delegation (it is not asked again). */
  approved = new Uint8Array(0);
  /** The agent proposed in the pending approval request. */
  proposed = new Int32Array(0);
  /** When the pending approval was requested. */
  requestedAt = new Float64Array(0);
  /** Verification method chosen for the delivered output (see verification.ts), -1 for none. */
  method = new Int8Array(0);
  /** Bumped on every start, so events of a superseded attempt can be recognised and dropped. */
  token = new Int32Array(0);
  readyTime = new Float64Array(0);
  startTime = new Float64Array(0);
  /** 1 when the task's output is wrong (silent defect or contaminated input). */
  defective = new Uint8Array(0);
  /** Task id whose silent defect this task's defect descends from, or -1. */
  defectOrigin = new Int32Array(0);
  /** 1 when the task's defect was planted by an adversarial agent. */
  planted = new Uint8Array(0);

  // The eleven characteristics.
  complexity = new Float64Array(0);
  criticality = new Float64Array(0);
  uncertainty = new Float64Array(0);
  /** Work in minutes at speed 1. */
  duration = new Float64Array(0);
  /** Intrinsic cost in credits (a price floor). */
  cost = new Float64Array(0);
  /** Required skill id (the "resources" characteristic). */
  skill = new Int32Array(0);
  /** Absolute deadline in minutes (the "constraints" characteristic); Infinity for none. */
  deadline = new Float64Array(0);
  verifiability = new Float64Array(0);
  reversibility = new Float64Array(0);
  contextuality = new Float64Array(0);
  subjectivity = new Float64Array(0);

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
    if (this.top > this.goal.length) this.grow(this.top);
    return first;
  }

  /** Gives a goal's block back for reuse. */
  release(first: number, size: number): void {
    let list = this.freeBlocks.get(size);
    if (!list) this.freeBlocks.set(size, (list = []));
    list.push(first);
  }

  private grow(length: number): void {
    this.goal = ensureLength(this.goal, length);
    this.node = ensureLength(this.node, length);
    this.state = ensureLength(this.state, length);
    this.inputsLeft = ensureLength(this.inputsLeft, length);
    this.agent = ensureLength(this.agent, length);
    this.lastAgent = ensureLength(this.lastAgent, length);
    this.prevAgent = ensureLength(this.prevAgent, length);
    this.attempts = ensureLength(this.attempts, length);
    this.redelegations = ensureLength(this.redelegations, length);
    this.stalled = ensureLength(this.stalled, length);
    this.lastFee = ensureLength(this.lastFee, length);
    this.method = ensureLength(this.method, length);
    this.approved = ensureLength(this.approved, length);
    this.garbled = ensureLength(this.garbled, length);
    this.chainDepth = ensureLength(this.chainDepth, length);
    this.attributable = ensureLength(this.attributable, length);
    this.permit = ensureLength(this.permit, length);
    this.agreedFee = ensureLength(this.agreedFee, length);
    this.defaultedFee = ensureLength(this.defaultedFee, length);
    this.proposed = ensureLength(this.proposed, length);
    this.requestedAt = ensureLength(this.requestedAt, length);
    this.token = ensureLength(this.token, length);
    this.readyTime = ensureLength(this.readyTime, length);
    this.startTime = ensureLength(this.startTime, length);
    this.defective = ensureLength(this.defective, length);
    this.defectOrigin = ensureLength(this.defectOrigin, length);
    this.planted = ensureLength(this.planted, length);
    this.complexity = ensureLength(this.complexity, length);
    this.criticality = ensureLength(this.criticality, length);
    this.uncertainty = ensureLength(this.uncertainty, length);
    this.duration = ensureLength(this.duration, length);
    this.cost = ensureLength(this.cost, length);
    this.skill = ensureLength(this.skill, length);
    this.deadline = ensureLength(this.deadline, length);
    this.verifiability = ensureLength(this.verifiability, length);
    this.reversibility = ensureLength(this.reversibility, length);
    this.contextuality = ensureLength(this.contextuality, length);
    this.subjectivity = ensureLength(this.subjectivity, length);
  }
}
