// The world: one simulation run of the delegation cycle (MODEL.md §3; paper
// §4, Figure 1) on the event engine. It wires the population, goal arrivals,
// the backlog, the policy and the recorder together and owns the event
// handlers. Events are data: (kind, a, b) where a and b are task, goal or
// agent ids; nothing is a closure on the queue.
//
// The life of a task: Pending (waiting for inputs) → Ready (in the backlog
// or being assigned) → Running on an agent → Done, or back to Ready after a
// visible failure (re-delegation, up to assignment.retryLimit), or Failed.
// A goal ends when all its tasks are done (correct or defective deliverable)
// or when one of its tasks fails for good.
//
// Every random draw comes from a named stream: `arrivals` and `goals` at
// arrival, `population` at build, `execution` and `outcomes` per attempt,
// `assignment` for shortlists and `policy` for the policy's own choices. Two
// policies run with the same seed therefore see the same goals, population
// and arrival times (common random numbers).

import { Simulator, type EventHandler } from '../engine/simulator.js';
import { RandomStreams, type Rng } from '../engine/random.js';
import type { Scenario } from '../scenario/schema.js';
import type { Policy } from '../policies/policy.js';
import { policyFactory } from '../policies/registry.js';
import { PolicyView } from '../policies/policyView.js';
import { Recorder } from '../metrics/recorder.js';
import { AgentTable } from './agents.js';
import { FreeAgentIndex, Shortlist } from './freeAgents.js';
import { Backlog } from './backlog.js';
import { TaskTable, TaskState } from './tasks.js';
import { GoalTable, GoalState } from './goals.js';
import { GoalFactory } from './goalFactory.js';
import { createArrivals, type ArrivalProcess } from './arrivals.js';
import { drawOutcome, drawServiceTime, expectedServiceTime, Outcome, type ExecutionParams } from './execution.js';

export const EventKind = {
  GoalArrival: 0,
  TaskEnd: 1,
  TaskTimeout: 2,
  Sample: 3,
} as const;

export interface WorldOptions {
  seed: number;
  /** Policy name; defaults to the scenario's `policy`. */
  policy?: string;
}

export type StopCause = 'drained' | 'horizon' | 'maxEvents';

export class World {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly sim = new Simulator();
  readonly streams: RandomStreams;
  readonly agents: AgentTable;
  readonly tasks = new TaskTable();
  readonly goals = new GoalTable();
  readonly free: FreeAgentIndex;
  readonly backlog: Backlog;
  readonly factory: GoalFactory;
  readonly recorder: Recorder;
  readonly policy: Policy;
  readonly view: PolicyView;

  /** Counters over the whole run (warm-up included). */
  goalsArrived = 0;
  goalsEnded = 0;
  busySlots = 0;
  failures = 0;
  stopCause: StopCause = 'drained';
  /** Whether a goal arrival is on the queue (the arrival process is not exhausted). */
  private arrivalPending = false;

  private readonly arrivals: ArrivalProcess;
  private readonly rngArrivals: Rng;
  private readonly rngGoals: Rng;
  private readonly rngExecution: Rng;
  private readonly rngOutcomes: Rng;
  private readonly rngAssignment: Rng;
  private readonly shortlist: Shortlist;
  private readonly shortlistSize: number;
  private readonly retryLimit: number;
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
    this.factory = new GoalFactory(scenario);
    this.arrivals = createArrivals(scenario.arrivals);

    const policyName = options.policy ?? scenario.policy;
    this.policy = policyFactory(policyName)({ params: scenario.policyParams, rng: this.streams.get('policy') });
    this.view = new PolicyView(this.agents, this.tasks);

    this.shortlistSize = scenario.assignment.shortlist;
    this.shortlist = new Shortlist(this.shortlistSize);
    this.retryLimit = scenario.assignment.retryLimit;
    this.execution = scenario.execution;
    this.goalLimit = scenario.horizon.goals ?? Infinity;
    this.timeLimit = scenario.horizon.minutes ?? Infinity;
    this.warmupGoals = scenario.horizon.warmupGoals;
    this.recorder = new Recorder(Number.isFinite(this.goalLimit) ? this.goalLimit - this.warmupGoals : undefined);
    this.sampleInterval = scenario.record.sampleInterval ?? this.defaultSampleInterval();

    this.handlers = [];
    this.handlers[EventKind.GoalArrival] = this.onGoalArrival.bind(this);
    this.handlers[EventKind.TaskEnd] = (t: number, token: number) => this.onTaskEnd(t, token, false);
    this.handlers[EventKind.TaskTimeout] = (t: number, token: number) => this.onTaskEnd(t, token, true);
    this.handlers[EventKind.Sample] = this.onSample.bind(this);
  }

  /** About 1,000 samples over the expected span of the run. */
  private defaultSampleInterval(): number {
    const span = Number.isFinite(this.timeLimit) ? this.timeLimit : this.goalLimit / this.arrivals.meanRate;
    return Math.max(span / 1000, 1e-6);
  }

  /** Runs to the horizon (or until all goals drain) and returns why it stopped. */
  run(): StopCause {
    const first = this.arrivals.next(0, this.rngArrivals);
    this.arrivalPending = first < this.timeLimit && this.goalLimit > 0;
    if (this.arrivalPending) this.sim.scheduleAt(first, EventKind.GoalArrival);
    this.sim.scheduleAt(0, EventKind.Sample);
    const reason = this.sim.run(this.handlers, {
      until: Number.isFinite(this.timeLimit) ? this.timeLimit : undefined,
      maxEvents: this.scenario.horizon.maxEvents,
    });
    this.stopCause = reason === 'until' ? 'horizon' : reason === 'maxEvents' ? 'maxEvents' : 'drained';
    this.recorder.integrate(this.sim.now, this.backlog.length, this.busySlots);
    return this.stopCause;
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
    for (let i = 0; i < plan.size; i++) {
      if (plan.inputs[i] === 0) this.makeReady(first + i);
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
    if (this.free.size(skill) === 0) return false;
    this.free.shortlist(skill, this.shortlistSize, this.rngAssignment, this.shortlist);
    this.view.now = this.sim.now;
    const a = this.policy.assign(t, this.shortlist, this.view);
    if (a < 0) return false;
    this.start(t, a);
    return true;
  }

  private toBacklog(t: number): void {
    this.recorder.integrate(this.sim.now, this.backlog.length + 1, this.busySlots);
    this.backlog.push(this.tasks.skill[t] as number, t);
  }

  /** Offers the oldest waiting task among the agent's skills to assignment. */
  private pullFromBacklog(a: number): void {
    const { skillStart, skillId } = this.agents;
    let best = -1;
    let bestSkill = -1;
    const end = skillStart[a + 1] as number;
    for (let k = skillStart[a] as number; k < end; k++) {
      const s = skillId[k] as number;
      if (this.backlog.waiting(s) === 0) continue;
      const t = this.backlog.peek(s, this.isWaiting);
      if (t >= 0 && (best < 0 || (this.tasks.readyTime[t] as number) < (this.tasks.readyTime[best] as number))) {
        best = t;
        bestSkill = s;
      }
    }
    if (best < 0) return;
    this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
    this.backlog.take(bestSkill);
    if (!this.tryAssign(best)) this.toBacklog(best);
  }

  // ---- execution ------------------------------------------------------------

  private start(t: number, a: number): void {
    const { agents, tasks, goals } = this;
    if (!agents.hasRoom(a) || agents.skillSlot(a, tasks.skill[t] as number) < 0) {
      throw new Error(`policy '${this.policy.name}' chose agent ${a}, which cannot take task ${t}`);
    }
    const now = this.sim.now;
    this.recorder.integrate(now, this.backlog.length, this.busySlots + 1);
    agents.busy[a]!++;
    this.busySlots++;
    this.free.refresh(a);

    const g = tasks.goal[t] as number;
    tasks.state[t] = TaskState.Running;
    tasks.agent[t] = a;
    tasks.startTime[t] = now;
    const token = ++tasks.token[t]!;
    goals.attempts[g]!++;
    if ((goals.seq[g] as number) >= this.warmupGoals) this.recorder.waits.push(now - (tasks.readyTime[t] as number));

    const service = drawServiceTime(this.execution, tasks, agents, t, a, this.rngExecution);
    const limit = this.execution.timeoutFactor * expectedServiceTime(this.execution, tasks, agents, t, a);
    if (service > limit) this.sim.schedule(limit, EventKind.TaskTimeout, t, token);
    else this.sim.schedule(service, EventKind.TaskEnd, t, token);
  }

  private onTaskEnd(t: number, token: number, timedOut: boolean): void {
    const { tasks, goals, agents } = this;
    if (tasks.token[t] !== token || tasks.state[t] !== TaskState.Running) return; // a superseded attempt
    const a = tasks.agent[t] as number;
    const g = tasks.goal[t] as number;
    const elapsed = this.sim.now - (tasks.startTime[t] as number);
    goals.fees[g]! += (tasks.cost[t] as number) + elapsed * (agents.price[a] as number) * (agents.priceFactor[a] as number);
    const outcome = timedOut ? Outcome.Timeout : drawOutcome(tasks, agents, t, a, this.rngOutcomes);
    tasks.agent[t] = -1;
    tasks.lastAgent[t] = a;
    this.releaseAgent(a);
    if (outcome === Outcome.Success || outcome === Outcome.SilentDefect) {
      if (outcome === Outcome.SilentDefect && tasks.defective[t] === 0) {
        tasks.defective[t] = 1;
        tasks.defectOrigin[t] = t;
      }
      this.complete(t);
    } else {
      this.visibleFailure(t);
    }
    this.pullFromBacklog(a);
  }

  private releaseAgent(a: number): void {
    this.recorder.integrate(this.sim.now, this.backlog.length, this.busySlots - 1);
    this.agents.busy[a]!--;
    this.busySlots--;
    this.free.refresh(a);
  }

  private complete(t: number): void {
    const { tasks, goals } = this;
    tasks.state[t] = TaskState.Done;
    const g = tasks.goal[t] as number;
    const first = goals.firstTask[g] as number;
    const plan = this.factory.plans[goals.plan[g] as number]!;
    const node = tasks.node[t] as number;
    const contamination = this.scenario.cascade.contamination;
    for (let k = plan.succStart[node] as number; k < (plan.succStart[node + 1] as number); k++) {
      const s = first + (plan.succ[k] as number);
      // A defective input contaminates its consumer with a fixed probability: a cascade.
      if (tasks.defective[t] === 1 && tasks.defective[s] === 0 && this.rngOutcomes() < contamination) {
        tasks.defective[s] = 1;
        tasks.defectOrigin[s] = tasks.defectOrigin[t] as number;
      }
      if (--tasks.inputsLeft[s]! === 0) this.makeReady(s);
    }
    if (--goals.tasksLeft[g]! === 0) {
      let defective = false;
      for (const sink of plan.sinks) if (tasks.defective[first + sink] === 1) defective = true;
      this.endGoal(g, defective ? GoalState.CompletedDefective : GoalState.CompletedCorrect);
    }
  }

  private visibleFailure(t: number): void {
    const { tasks, goals } = this;
    const g = tasks.goal[t] as number;
    goals.failures[g]!++;
    this.failures++;
    const attempts = ++tasks.attempts[t]!;
    if (attempts > this.retryLimit) {
      tasks.state[t] = TaskState.Failed;
      this.endGoal(g, GoalState.Failed);
      return;
    }
    this.makeReady(t);
  }

  /** Ends goal g in a terminal state: stops its other tasks, records it, frees its slots. */
  private endGoal(g: number, state: number): void {
    const { tasks, goals } = this;
    const first = goals.firstTask[g] as number;
    const plan = this.factory.plans[goals.plan[g] as number]!;
    for (let t = first; t < first + plan.size; t++) {
      const st = tasks.state[t];
      if (st === TaskState.Running) {
        tasks.token[t]!++; // its pending end event is now stale
        const a = tasks.agent[t] as number;
        tasks.agent[t] = -1;
        tasks.state[t] = TaskState.Cancelled;
        this.releaseAgent(a);
        this.pullFromBacklog(a);
      } else if (st === TaskState.Ready) {
        this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
        this.backlog.forget(tasks.skill[t] as number);
        tasks.state[t] = TaskState.Cancelled;
      } else if (st === TaskState.Pending) {
        tasks.state[t] = TaskState.Cancelled;
      }
    }
    goals.state[g] = state;
    this.goalsEnded++;
    if ((goals.seq[g] as number) >= this.warmupGoals) this.recordGoal(g, plan.size);
    tasks.release(first, plan.size);
    goals.release(g);
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
  }

  // ---- sampling -------------------------------------------------------------

  private onSample(): void {
    this.recorder.sample(this.sim.now, this.backlog.length, this.busySlots, this.goals.inFlight, this.goalsEnded, this.failures);
    if (this.arrivalPending || this.goals.inFlight > 0) this.sim.schedule(this.sampleInterval, EventKind.Sample);
  }
}
