// The world: one simulation run of the delegation cycle (MODEL.md §3; paper
// §4, Figure 1) on the event engine. It wires the population, goal arrivals,
// the backlog, the policy, failure injection and the recorder together and
// owns the event handlers. Events are data: (kind, a, b) where a and b are
// task, goal, agent or failure ids; nothing on the queue is a closure.
//
// The life of a task: Pending (waiting for inputs) → Ready (in the backlog
// or being assigned) → Running on an agent → Done; after a visible failure
// (crash, refusal, timeout, the agent going down, a tool outage) it is
// re-delegated — back to Ready, preferably to another agent — up to
// assignment.retryLimit times, unless the failure was irreversible (drawn
// with probability 1 − reversibility), which ends the goal at once and books
// harm = criticality × costs.lossPerCriticality. A silent defect looks like
// success: the task is Done but defective, and each consumer of its output
// becomes defective with probability cascade.contamination — a cascade. A
// goal ends when all its tasks are done (correct, or defective if a sink task
// is defective: then the same criticality-weighted loss is booked), when a
// task fails for good, or when it is cancelled.
//
// Every random draw comes from a named stream: `arrivals` and `goals` at
// arrival, `external` for per-goal triggers, `population` at build,
// `failures` for the failure schedule, `execution` and `outcomes` per attempt,
// `assignment` for shortlists and `policy` for the policy's own choices. Two
// policies run with the same seed therefore see the same goals, population,
// arrival times and failure schedule (common random numbers).

import { Simulator, type EventHandler } from '../engine/simulator.js';
import { RandomStreams, type Rng } from '../engine/random.js';
import type { Scenario } from '../scenario/schema.js';
import type { Policy } from '../policies/policy.js';
import { policyFactory } from '../policies/registry.js';
import { PolicyView } from '../policies/policyView.js';
import { Recorder } from '../metrics/recorder.js';
import { Fingerprint } from '../util/fingerprint.js';
import { AgentTable } from './agents.js';
import { FreeAgentIndex, Shortlist } from './freeAgents.js';
import { Backlog } from './backlog.js';
import { RunningTasks } from './running.js';
import { TaskTable, TaskState } from './tasks.js';
import { GoalTable, GoalState } from './goals.js';
import { GoalFactory } from './goalFactory.js';
import { createArrivals, type ArrivalProcess } from './arrivals.js';
import { FailureInjector, type FailureHost } from './failures.js';
import { drawOutcome, drawServiceTime, timeoutOf, Outcome, type ExecutionParams } from './execution.js';

export const EventKind = {
  GoalArrival: 0,
  TaskEnd: 1,
  TaskTimeout: 2,
  Sample: 3,
  CrashDown: 4,
  CrashUp: 5,
  DegradeStart: 6,
  DegradeEnd: 7,
  EpisodeStart: 8,
  EpisodeEnd: 9,
  DeadlineChange: 10,
  Cancel: 11,
} as const;

export interface WorldOptions {
  seed: number;
  /** Policy name; defaults to the scenario's `policy`. */
  policy?: string | undefined;
  /** Hash every created goal (for common-random-number checks); off by default for speed. */
  fingerprintGoals?: boolean | undefined;
}

export type StopCause = 'drained' | 'horizon' | 'maxEvents';

export class World implements FailureHost {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly sim = new Simulator();
  readonly streams: RandomStreams;
  readonly agents: AgentTable;
  readonly tasks = new TaskTable();
  readonly goals = new GoalTable();
  readonly free: FreeAgentIndex;
  readonly backlog: Backlog;
  readonly running: RunningTasks;
  readonly factory: GoalFactory;
  readonly recorder: Recorder;
  readonly failureInjector: FailureInjector;
  readonly policy: Policy;
  readonly view: PolicyView;

  /** Counters over the whole run (warm-up included). */
  goalsArrived = 0;
  goalsEnded = 0;
  tasksCreated = 0;
  busySlots = 0;
  failures = 0;
  /** Visible failures by Outcome code. */
  readonly failuresByOutcome = new Float64Array(7);
  reassignments = 0;
  irreversibleFailures = 0;
  agentsDown = 0;
  peakAgentsDown = 0;
  stopCause: StopCause = 'drained';
  /** Hash of every created goal, when options.fingerprintGoals is set. */
  readonly goalFingerprint: Fingerprint | null;

  /** Tasks running per model family (for the busy-by-family time series). */
  readonly busyByFamily: Int32Array;
  /** Nested down count per agent: crashes and family shocks can overlap. */
  private readonly downCount: Int32Array;
  /** Active outages per skill. */
  private readonly outages: Int32Array;
  /** Scratch: agents freed by ending a goal (at most one per task of the largest plan). */
  private freedAgents = new Int32Array(4096);
  /** Scratch for counting cascade sizes per origin within one goal. */
  private cascadeScratch = new Int32Array(64);
  private arrivalPending = false;
  private started = false;

  private readonly arrivals: ArrivalProcess;
  private readonly rngArrivals: Rng;
  private readonly rngGoals: Rng;
  private readonly rngExecution: Rng;
  private readonly rngOutcomes: Rng;
  private readonly rngAssignment: Rng;
  private readonly shortlist: Shortlist;
  private readonly shortlistSize: number;
  private readonly retryLimit: number;
  private readonly contamination: number;
  private readonly lossPerCriticality: number;
  private readonly execution: ExecutionParams;
  private readonly goalLimit: number;
  private readonly timeLimit: number;
  private readonly warmupGoals: number;
  readonly sampleInterval: number;
  private readonly handlers: EventHandler[];
  private readonly isWaiting = (t: number): boolean => this.tasks.state[t] === TaskState.Ready;

  constructor(scenario: Scenario, options: WorldOptions) {
    this.scenario = scenario;
    this.seed = options.seed;
    this.streams = new RandomStreams(options.seed);
    this.rngArrivals = this.streams.get('arrivals');
    this.rngGoals = this.streams.get('goals');
    this.rngExecution = this.streams.get('execution');
    this.rngOutcomes = this.streams.get('outcomes');
    this.rngAssignment = this.streams.get('assignment');

    this.agents = new AgentTable(scenario, this.streams.get('population'));
    this.free = new FreeAgentIndex(this.agents);
    this.backlog = new Backlog(scenario.skills.length);
    this.running = new RunningTasks(this.agents);
    this.downCount = new Int32Array(this.agents.count);
    this.busyByFamily = new Int32Array(this.agents.familyNames.length);
    this.outages = new Int32Array(scenario.skills.length);
    this.factory = new GoalFactory(scenario);
    this.arrivals = createArrivals(scenario.arrivals);
    this.goalFingerprint = options.fingerprintGoals ? new Fingerprint() : null;

    const policyName = options.policy ?? scenario.policy;
    this.policy = policyFactory(policyName)({ params: scenario.policyParams, rng: this.streams.get('policy') });
    this.view = new PolicyView(this.agents, this.tasks);

    this.shortlistSize = scenario.assignment.shortlist;
    this.shortlist = new Shortlist(this.shortlistSize);
    this.retryLimit = scenario.assignment.retryLimit;
    this.contamination = scenario.cascade.contamination;
    this.lossPerCriticality = scenario.costs.lossPerCriticality;
    this.execution = scenario.execution;
    this.goalLimit = scenario.horizon.goals ?? Infinity;
    this.timeLimit = scenario.horizon.minutes ?? Infinity;
    this.warmupGoals = scenario.horizon.warmupGoals;
    this.recorder = new Recorder(
      Number.isFinite(this.goalLimit) ? this.goalLimit - this.warmupGoals : undefined,
      this.agents.familyNames.length,
    );
    this.sampleInterval = scenario.record.sampleInterval ?? this.defaultSampleInterval();

    this.failureInjector = new FailureInjector(
      scenario.failures,
      this,
      {
        crashDown: EventKind.CrashDown,
        crashUp: EventKind.CrashUp,
        degradeStart: EventKind.DegradeStart,
        degradeEnd: EventKind.DegradeEnd,
        episodeStart: EventKind.EpisodeStart,
        episodeEnd: EventKind.EpisodeEnd,
        deadlineChange: EventKind.DeadlineChange,
        cancel: EventKind.Cancel,
      },
      this.streams.get('failures'),
      this.streams.get('external'),
      new Map(scenario.skills.map((s, i) => [s, i])),
    );

    this.handlers = [];
    this.handlers[EventKind.GoalArrival] = this.onGoalArrival.bind(this);
    this.handlers[EventKind.TaskEnd] = (t: number, token: number) => this.onTaskEnd(t, token, false);
    this.handlers[EventKind.TaskTimeout] = (t: number, token: number) => this.onTaskEnd(t, token, true);
    this.handlers[EventKind.Sample] = this.onSample.bind(this);
    for (const [kind, handler] of this.failureInjector.handlers()) this.handlers[kind] = handler;
  }

  /** About 1,000 samples over the expected span of the run. */
  private defaultSampleInterval(): number {
    const span = Number.isFinite(this.timeLimit) ? this.timeLimit : this.goalLimit / this.arrivals.meanRate;
    return Math.max(span / 1000, 1e-6);
  }

  /** Runs to the horizon (or until all goals drain) and returns why it stopped. */
  run(): StopCause {
    this.start();
    this.advance();
    return this.finish();
  }

  /** Schedules the first arrival, the first sample and the failure processes. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const first = this.arrivals.next(0, this.rngArrivals);
    this.arrivalPending = first < this.timeLimit && this.goalLimit > 0;
    if (this.arrivalPending) this.sim.scheduleAt(first, EventKind.GoalArrival);
    this.sim.scheduleAt(0, EventKind.Sample);
    this.failureInjector.start();
  }

  /**
   * Handles events up to the horizon, or at most `maxEvents` of them (for
   * tests that inspect the world between steps). Returns true when the run is over.
   */
  advance(maxEvents?: number): boolean {
    const limit = this.scenario.horizon.maxEvents;
    const left = limit === undefined ? Infinity : limit - this.sim.events;
    const reason = this.sim.run(this.handlers, {
      until: Number.isFinite(this.timeLimit) ? this.timeLimit : undefined,
      maxEvents: Math.min(left, maxEvents ?? Infinity),
    });
    if (reason === 'maxEvents' && this.sim.events < (limit ?? Infinity)) return false;
    this.stopCause = reason === 'until' ? 'horizon' : reason === 'maxEvents' ? 'maxEvents' : 'drained';
    return true;
  }

  /** Closes the measurement window. */
  finish(): StopCause {
    this.recorder.integrate(this.sim.now, this.backlog.length, this.busySlots);
    return this.stopCause;
  }

  /** Whether goal g's block of tasks belongs to a goal counted in the metrics. */
  private counted(g: number): boolean {
    return (this.goals.seq[g] as number) >= this.warmupGoals;
  }

  // ---- arrivals -------------------------------------------------------------

  private onGoalArrival(): void {
    const now = this.sim.now;
    const seq = this.goalsArrived++;
    if (seq === this.warmupGoals) this.recorder.openWindow(now, this.backlog.length, this.busySlots);
    const g = this.factory.create(seq, now, this.rngGoals, this.goals, this.tasks);
    const next = this.arrivals.next(now, this.rngArrivals);
    this.arrivalPending = this.goalsArrived < this.goalLimit && next < this.timeLimit;
    if (this.arrivalPending) this.sim.scheduleAt(next, EventKind.GoalArrival);

    const first = this.goals.firstTask[g] as number;
    const plan = this.factory.plans[this.goals.plan[g] as number]!;
    this.tasksCreated += plan.size;
    if (this.goalFingerprint) this.fingerprintGoal(g, first, plan.size);
    this.failureInjector.onGoalCreated(g, seq, now, this.earliestDeadline(first, plan.size));
    for (let i = 0; i < plan.size; i++) {
      if (plan.inputs[i] === 0) this.makeReady(first + i);
    }
  }

  private earliestDeadline(first: number, size: number): number {
    let d = Infinity;
    for (let t = first; t < first + size; t++) d = Math.min(d, this.tasks.deadline[t] as number);
    return d;
  }

  private fingerprintGoal(g: number, first: number, size: number): void {
    const { tasks } = this;
    const f = this.goalFingerprint!;
    f.add(this.goals.arrival[g] as number).add(this.goals.template[g] as number).add(size);
    for (let t = first; t < first + size; t++) {
      f.add(tasks.skill[t] as number).add(tasks.duration[t] as number).add(tasks.complexity[t] as number);
      f.add(tasks.criticality[t] as number).add(tasks.verifiability[t] as number).add(tasks.deadline[t] as number);
    }
  }

  // ---- assignment -----------------------------------------------------------

  private makeReady(t: number): void {
    this.tasks.state[t] = TaskState.Ready;
    this.tasks.readyTime[t] = this.sim.now;
    if (!this.tryAssign(t)) this.toBacklog(t);
  }

  /** Asks the policy for an agent; starts the task and returns true if it chose one. */
  private tryAssign(t: number): boolean {
    const skill = this.tasks.skill[t] as number;
    if (this.free.size(skill) === 0 || this.outages[skill]! > 0) return false;
    const list = this.shortlist;
    this.free.shortlist(skill, this.shortlistSize, this.rngAssignment, list);
    // Re-delegation goes elsewhere when there is an elsewhere.
    const last = this.tasks.lastAgent[t] as number;
    if (last >= 0 && list.size > 1) {
      for (let i = 0; i < list.size; i++) {
        if (list.ids[i] === last) {
          list.ids[i] = list.ids[--list.size] as number;
          break;
        }
      }
    }
    this.view.now = this.sim.now;
    const a = this.policy.assign(t, list, this.view);
    if (a < 0) return false;
    this.startAttempt(t, a);
    return true;
  }

  private toBacklog(t: number): void {
    this.recorder.integrate(this.sim.now, this.backlog.length + 1, this.busySlots);
    this.backlog.push(this.tasks.skill[t] as number, t);
  }

  /** Offers the oldest waiting task among the agent's skills to assignment; true if one was started. */
  private pullFromBacklog(a: number): boolean {
    if (this.backlog.length === 0 || !this.agents.hasRoom(a)) return false;
    const { skillStart, skillId } = this.agents;
    let best = -1;
    let bestSkill = -1;
    const end = skillStart[a + 1] as number;
    for (let k = skillStart[a] as number; k < end; k++) {
      const s = skillId[k] as number;
      if (this.backlog.waiting(s) === 0 || this.outages[s]! > 0) continue;
      const t = this.backlog.peek(s, this.isWaiting);
      if (t >= 0 && (best < 0 || (this.tasks.readyTime[t] as number) < (this.tasks.readyTime[best] as number))) {
        best = t;
        bestSkill = s;
      }
    }
    if (best < 0) return false;
    this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
    this.backlog.take(bestSkill);
    if (this.tryAssign(best)) return true;
    this.toBacklog(best);
    return false;
  }

  /** Fills an agent that has room again with backlog work, as far as it goes. */
  private refill(a: number): void {
    while (this.pullFromBacklog(a));
  }

  /** Offers waiting tasks of one skill to assignment (after an outage ends). */
  private drainBacklog(skill: number): void {
    let tries = this.backlog.waiting(skill);
    while (tries-- > 0 && this.free.size(skill) > 0) {
      const t = this.backlog.peek(skill, this.isWaiting);
      if (t < 0) return;
      this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
      this.backlog.take(skill);
      if (!this.tryAssign(t)) {
        this.toBacklog(t);
        return;
      }
    }
  }

  // ---- execution ------------------------------------------------------------

  private startAttempt(t: number, a: number): void {
    const { agents, tasks, goals } = this;
    if (!agents.hasRoom(a) || agents.skillSlot(a, tasks.skill[t] as number) < 0) {
      throw new Error(`policy '${this.policy.name}' chose agent ${a}, which cannot take task ${t}`);
    }
    const now = this.sim.now;
    this.recorder.integrate(now, this.backlog.length, this.busySlots + 1);
    agents.busy[a]!++;
    this.busySlots++;
    this.busyByFamily[agents.family[a]!]!++;
    this.free.refresh(a);
    this.running.add(a, t);

    const g = tasks.goal[t] as number;
    tasks.state[t] = TaskState.Running;
    tasks.agent[t] = a;
    tasks.startTime[t] = now;
    const token = ++tasks.token[t]!;
    goals.attempts[g]!++;
    if (this.counted(g)) this.recorder.waits.push(now - (tasks.readyTime[t] as number));

    const service = drawServiceTime(this.execution, tasks, agents, t, a, this.rngExecution);
    const limit = timeoutOf(this.execution, tasks, agents, t, a);
    if (service > limit) this.sim.schedule(limit, EventKind.TaskTimeout, t, token);
    else this.sim.schedule(service, EventKind.TaskEnd, t, token);
  }

  private onTaskEnd(t: number, token: number, timedOut: boolean): void {
    const { tasks } = this;
    if (tasks.token[t] !== token || tasks.state[t] !== TaskState.Running) return; // a superseded attempt
    const a = tasks.agent[t] as number;
    const outcome = timedOut ? Outcome.Timeout : drawOutcome(tasks, this.agents, t, a, this.rngOutcomes);
    this.stopAttempt(t, a);
    if (outcome === Outcome.Success || outcome === Outcome.SilentDefect) {
      if (outcome === Outcome.SilentDefect && tasks.defective[t] === 0) {
        tasks.defective[t] = 1;
        tasks.defectOrigin[t] = t;
      }
      this.complete(t);
    } else {
      this.visibleFailure(t, outcome);
    }
    this.refill(a);
  }

  /** Ends the running attempt of t on a: charges its fee and frees the agent (no backlog pull). */
  private stopAttempt(t: number, a: number): void {
    const { tasks, goals, agents } = this;
    const g = tasks.goal[t] as number;
    const elapsed = this.sim.now - (tasks.startTime[t] as number);
    goals.fees[g]! += (tasks.cost[t] as number) + elapsed * (agents.price[a] as number) * (agents.priceFactor[a] as number);
    tasks.agent[t] = -1;
    tasks.lastAgent[t] = a;
    this.running.remove(a, t);
    this.recorder.integrate(this.sim.now, this.backlog.length, this.busySlots - 1);
    agents.busy[a]!--;
    this.busySlots--;
    this.busyByFamily[agents.family[a]!]!--;
    this.free.refresh(a);
  }

  private complete(t: number): void {
    const { tasks, goals } = this;
    tasks.state[t] = TaskState.Done;
    const g = tasks.goal[t] as number;
    const first = goals.firstTask[g] as number;
    const plan = this.factory.plans[goals.plan[g] as number]!;
    const node = tasks.node[t] as number;
    if (this.sim.now > (tasks.deadline[t] as number)) goals.deadlineMissed[g] = 1;
    const end = plan.succStart[node + 1] as number;
    for (let k = plan.succStart[node] as number; k < end; k++) {
      const s = first + (plan.succ[k] as number);
      // A defective input contaminates its consumer with a fixed probability: a cascade.
      if (tasks.defective[t] === 1 && tasks.defective[s] === 0 && this.rngOutcomes() < this.contamination) {
        tasks.defective[s] = 1;
        tasks.defectOrigin[s] = tasks.defectOrigin[t] as number;
      }
      if (--tasks.inputsLeft[s]! === 0) this.makeReady(s);
    }
    if (--goals.tasksLeft[g]! === 0) {
      let worst = -1; // criticality of the most critical defective deliverable
      for (let i = 0; i < plan.sinks.length; i++) {
        const sink = first + (plan.sinks[i] as number);
        if (tasks.defective[sink] === 1) worst = Math.max(worst, tasks.criticality[sink] as number);
      }
      if (worst >= 0) goals.harm[g]! += worst * this.lossPerCriticality;
      this.endGoal(g, worst >= 0 ? GoalState.CompletedDefective : GoalState.CompletedCorrect);
    }
  }

  private visibleFailure(t: number, outcome: number): void {
    const { tasks, goals } = this;
    const g = tasks.goal[t] as number;
    goals.failures[g]!++;
    this.failures++;
    this.failuresByOutcome[outcome]!++;
    // Irreversible with probability 1 − reversibility: the damage is done, no retry.
    if (this.rngOutcomes() >= (tasks.reversibility[t] as number)) {
      this.irreversibleFailures++;
      goals.harm[g]! += (tasks.criticality[t] as number) * this.lossPerCriticality;
      tasks.state[t] = TaskState.Failed;
      this.endGoal(g, GoalState.Failed);
      return;
    }
    if (++tasks.attempts[t]! > this.retryLimit) {
      tasks.state[t] = TaskState.Failed;
      this.endGoal(g, GoalState.Failed);
      return;
    }
    this.reassignments++;
    this.makeReady(t);
  }

  /** Ends goal g in a terminal state: stops its other tasks, records it, frees its slots. */
  private endGoal(g: number, state: number): void {
    const { tasks, goals } = this;
    const first = goals.firstTask[g] as number;
    const plan = this.factory.plans[goals.plan[g] as number]!;
    goals.state[g] = state;
    // Stop everything first, refill the freed agents after: a refill must not
    // pick up a task of this very goal from the backlog.
    let freed = 0;
    if (this.freedAgents.length < plan.size) this.freedAgents = new Int32Array(plan.size);
    for (let t = first; t < first + plan.size; t++) {
      const st = tasks.state[t];
      if (st === TaskState.Running) {
        const a = tasks.agent[t] as number;
        tasks.token[t]!++; // its pending end event is now stale
        this.stopAttempt(t, a);
        this.freedAgents[freed++] = a;
      } else if (st === TaskState.Ready) {
        this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
        this.backlog.forget(tasks.skill[t] as number);
      }
      if (st !== TaskState.Done && st !== TaskState.Failed) tasks.state[t] = TaskState.Cancelled;
    }
    this.goalsEnded++;
    if (this.counted(g)) {
      this.recordGoal(g, plan.size);
      this.recordCascades(first, plan.size);
    }
    tasks.release(first, plan.size);
    goals.release(g);
    // Failure processes run forever; the run is over once every goal has ended.
    if (!this.arrivalPending && goals.inFlight === 0) this.sim.stop();
    // Copy out: refills can end other goals, which reuse the scratch.
    const agentsToRefill = freed === 0 ? null : this.freedAgents.slice(0, freed);
    if (agentsToRefill) for (let i = 0; i < agentsToRefill.length; i++) this.refill(agentsToRefill[i]!);
  }

  private recordGoal(g: number, size: number): void {
    const log = this.recorder.goals;
    const goals = this.goals;
    const i = log.addRow();
    log.seq[i] = goals.seq[g] as number;
    log.template[i] = goals.template[g] as number;
    log.arrival[i] = goals.arrival[g] as number;
    log.end[i] = this.sim.now;
    log.state[i] = goals.state[g] as number;
    log.tasks[i] = size;
    log.attempts[i] = goals.attempts[g] as number;
    log.failures[i] = goals.failures[g] as number;
    log.fees[i] = goals.fees[g] as number;
    log.overhead[i] = goals.overhead[g] as number;
    log.harm[i] = goals.harm[g] as number;
    log.deadlineMissed[i] = goals.deadlineMissed[g] as number;
  }

  /** Records the size of each cascade in a goal: the tasks whose defect descends from one silent defect. */
  private recordCascades(first: number, size: number): void {
    const { tasks } = this;
    let any = false;
    for (let t = first; t < first + size; t++) if (tasks.defectOrigin[t]! >= 0) any = true;
    if (!any) return;
    if (this.cascadeScratch.length < size) this.cascadeScratch = new Int32Array(size);
    const counts = this.cascadeScratch.fill(0, 0, size);
    for (let t = first; t < first + size; t++) {
      const origin = tasks.defectOrigin[t] as number;
      if (origin >= 0) counts[origin - first]!++;
    }
    for (let i = 0; i < size; i++) if (counts[i]! > 0) this.recorder.cascades.push(counts[i]!);
  }

  // ---- failure host ---------------------------------------------------------

  agentDown(a: number): void {
    if (this.downCount[a]!++ > 0) return;
    this.agents.up[a] = 0;
    this.agentsDown++;
    if (this.agentsDown > this.peakAgentsDown) this.peakAgentsDown = this.agentsDown;
    this.free.refresh(a);
    // Interrupt everything it was running: each task fails visibly and is re-delegated.
    while (this.running.count[a]! > 0) {
      const t = this.running.at(a, 0);
      this.tasks.token[t]!++;
      this.stopAttempt(t, a);
      this.visibleFailure(t, Outcome.Interrupted);
    }
  }

  agentUp(a: number): void {
    if (--this.downCount[a]! > 0) return;
    this.agents.up[a] = 1;
    this.agentsDown--;
    this.free.refresh(a);
    this.refill(a);
  }

  agentChanged(a: number): void {
    this.free.refresh(a);
    this.refill(a);
  }

  skillOutage(skill: number, delta: number): void {
    this.outages[skill]! += delta;
    if (delta < 0) {
      if (this.outages[skill] === 0) this.drainBacklog(skill);
      return;
    }
    if (this.outages[skill] !== 1) return;
    // The tool is gone: every running task that needs it fails visibly.
    const { agents, tasks } = this;
    for (let a = 0; a < agents.count; a++) {
      for (let i = this.running.count[a]! - 1; i >= 0; i--) {
        if (i >= this.running.count[a]!) continue; // ending a goal stopped more of this agent's tasks
        const t = this.running.at(a, i);
        if (tasks.skill[t] !== skill) continue;
        tasks.token[t]!++;
        this.stopAttempt(t, a);
        this.visibleFailure(t, Outcome.Outage);
      }
    }
  }

  /** Whether goal slot g still holds goal number seq, in flight (its events may be stale otherwise). */
  private isLive(g: number, seq: number): boolean {
    return this.goals.seq[g] === seq && this.goals.state[g] === GoalState.InFlight && this.goals.tasksLeft[g]! > 0;
  }

  cancelGoal(g: number, seq: number): void {
    if (!this.isLive(g, seq)) return;
    this.failureInjector.cancellations++;
    this.endGoal(g, GoalState.Cancelled);
  }

  changeDeadline(g: number, seq: number, factor: number): void {
    if (!this.isLive(g, seq)) return;
    this.failureInjector.deadlineChanges++;
    const first = this.goals.firstTask[g] as number;
    const size = this.factory.plans[this.goals.plan[g] as number]!.size;
    const now = this.sim.now;
    for (let t = first; t < first + size; t++) {
      const d = this.tasks.deadline[t] as number;
      if (Number.isFinite(d)) this.tasks.deadline[t] = now + (d - now) * factor;
    }
  }

  // ---- sampling -------------------------------------------------------------

  private onSample(): void {
    this.recorder.sample(
      this.sim.now,
      this.backlog.length,
      this.busySlots,
      this.goals.inFlight,
      this.goalsEnded,
      this.failures,
      this.agentsDown,
      this.busyByFamily,
    );
    if (this.arrivalPending || this.goals.inFlight > 0) this.sim.schedule(this.sampleInterval, EventKind.Sample);
  }
}
