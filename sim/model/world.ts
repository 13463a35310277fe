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
// assignment.retryLimit times (a delegation a human overseer refused counts
// as one), unless the failure was irreversible (drawn
// with probability 1 − reversibility), which ends the goal at once and books
// harm = criticality × costs.lossPerCriticality. A silent defect looks like
// success: the task is Done but defective, and each consumer of its output
// becomes defective with probability cascade.contamination — a cascade. A
// goal ends when all its tasks are done (correct, or defective if a sink task
// is defective: then the same criticality-weighted loss is booked), when a
// task fails for good, or when it is cancelled.
//
// The intelligent-delegation mechanisms (MODEL.md §3 steps 5–8, §4)
// hook into this cycle: each attempt gets a monitoring plan (outcome- or
// process-level; process checks are events that notice stalls and SLO
// breaches), each delivered output may be verified (verification.ts) before
// it counts, escrow refunds and slashes on rejection, trust and reputation
// (trust/) learn from every observation, and triggers lead to the responses
// of adaptation.ts under the stability controls (cooldown, damping, rising
// re-delegation fee). In a sub-delegation chain A → B → C (chains.ts) the
// delegator observes B, the agent it chose, which answers for C (MODEL.md
// §3 step 8, §7): trust, reputation, settlements, the circuit breaker and
// re-delegation are about B, execution and capacity are C's
// (contractSlotOf; sim/model/README.md has the full split).
//
// Reputation farming (MODEL.md §4, "open to gaming (accepting only easy
// tasks)"): a farmer turns down every task above adversaries.farmEasyMax in
// criticality or complexity until its public record on the skill holds
// adversaries.farmUntil outcomes. Turning down is not bidding: the farmer is
// dropped from the shortlist (and from the hops of a chain) before the
// policy sees it, so it leaves no failure, trust update or retry behind.
// When it frees up while farming it asks for the oldest farmable waiting
// task, not the oldest one (pullFromBacklog): it seeks easy work.
// Simplification: a farmer decides from the task's own characteristics and
// its record only, not from the fee or how busy the market is.
//
// Every random draw comes from a named stream: `arrivals` and `goals` at
// arrival, `external` for per-goal triggers, `population` at build,
// `failures` for the failure schedule, `execution` and `outcomes` per attempt,
// `monitoring`, `verification` and `latent` for those mechanisms,
// `whitewash` for sybils' identity changes, `assignment` for shortlists and
// `policy` for the policy's own choices. Two policies run with the same seed
// therefore see the same goals, population, arrival times, failure schedule
// and whitewash times (common random numbers).

import { Simulator, type EventHandler } from '../engine/simulator.js';
import { RandomStreams, type Rng } from '../engine/random.js';
import { exp, log, powInt } from '../engine/detMath.js';
import type { Scenario } from '../scenario/schema.js';
import type { Policy } from '../policies/policy.js';
import { policyFactory } from '../policies/registry.js';
import { PolicyView } from '../policies/policyView.js';
import { Recorder } from '../metrics/recorder.js';
import { Fingerprint } from '../util/fingerprint.js';
import { ensureLength } from '../util/columns.js';
import { AgentTable, Behaviour } from './agents.js';
import { FreeAgentIndex, Shortlist } from './freeAgents.js';
import { Backlog } from './backlog.js';
import { RunningTasks } from './running.js';
import { TaskTable, TaskState, TASK_STATE_NAMES, SETTLEMENT_CAUGHT } from './tasks.js';
import { GoalTable, GoalState, GOAL_STATE_NAMES } from './goals.js';
import type { Plan } from './plan.js';
import type { GoalTrace, TaskTrace } from '../metrics/goalTrace.js';
import { GoalFactory } from './goalFactory.js';
import { createArrivals, type ArrivalProcess } from './arrivals.js';
import { FailureInjector, type FailureHost } from './failures.js';
import { drawOutcome, drawServiceTime, successProbability, workOf, Outcome, type ExecutionParams } from './execution.js';
import { TrustCalibration } from './trust/calibration.js';
import { TrustStore } from './trust/trustStore.js';
import { ReputationLedger } from './trust/reputation.js';
import { SlotEvidence } from './trust/slotEvidence.js';
import { Verifier, Method, methodCode } from './verification.js';
import { decide, Response, Trigger } from './adaptation.js';
import { effectiveAccuracy, scenarioNeedsApproval } from './humans/oversight.js';
import { Chains } from './chains.js';
import { NullAuditLog, type AuditLog } from './audit/auditLog.js';
import { AuditReason, AuditOutcome } from './audit/auditRecord.js';
import { MonitorPlan } from '../policies/policy.js';
import { RunCounters, zeroCounters } from '../metrics/counters.js';
import { IdentificationTally } from '../metrics/identification.js';
import { COMPLEXITY_PER_SPLIT } from './decomposition.js';

/** AGENT_KINDS index of humans. */
const HUMAN_KIND = 1;

/** The most (agent, skill) slots the trust calibration error is measured over (the trustError metric and series). */
const CALIBRATION_SLOTS = 500;

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
  MonitorCheck: 12,
  MonitorAct: 13,
  VerifyDone: 14,
  EscalationDone: 15,
  LatentDiscovery: 16,
  BackgroundVerify: 17,
  BackdoorHarm: 18,
  Whitewash: 19,
  ApprovalDone: 20,
  NegotiationDone: 21,
  /** The arrival of goal number warmupGoals, the first one counted (see onFirstCountedArrival). */
  FirstCountedArrival: 22,
} as const;

// A module constant, not `EventKind.FirstCountedArrival` where it is used: reading a property in a branch
// first taken mid-run needs type feedback too, and its absence deoptimized the arrival handler (arrivalKind).
const FIRST_COUNTED_ARRIVAL: number = EventKind.FirstCountedArrival;

/** World.watch: a skill slot's identity in the identification metrics (firstAssigned, identifiedAt). */
const Watch = {
  /** Neither bad nor adversarial: not tracked. */
  No: 0,
  /** Bad or adversarial, not yet given work. */
  Unassigned: 1,
  /** Has had work (firstAssigned is set), not yet identified. */
  Working: 2,
  /** Identified (identifiedAt is set). */
  Identified: 3,
} as const;

/**
 * An open settlement of a delivered output: an optimistic acceptance whose
 * background verification is pending, or a latent defect that may surface.
 * One per output: a latent discovery of an output whose background check is
 * still pending reuses its settlement, and whichever comes first settles it.
 */
interface LateSettlement {
  /** The task while its goal is in flight (-1 after: the slot may be reused). */
  task: number;
  /** The goal ended with this defect undetected; count it so unless the background check catches it. */
  undetectedAtGoalEnd: boolean;
  planted: boolean;
  /** The defect came from an input (it belongs to its origin's cascade); only a defect planted on top of it is counted here. */
  inherited: boolean;
  /** The goal slot and number of the task's goal: its refund is booked to that goal (World.bookLate). */
  goal: number;
  goalSeq: number;
  /** Skill slot of the delegatee (the agent the delegator chose): trust and the ledger are revised against it. */
  slot: number;
  delegator: number;
  fee: number;
  criticality: number;
  deliveredAt: number;
  defective: boolean;
  method: number;
  verifiability: number;
  subjectivity: number;
}

export interface WorldOptions {
  seed: number;
  /** Policy name; defaults to the scenario's `policy`. */
  policy?: string | undefined;
  /** Hash every created goal (for common-random-number checks); off by default for speed. */
  fingerprintGoals?: boolean | undefined;
  /** Capture the full task DAG of the first N counted goals that end (for the run explorer). */
  traceGoals?: number | undefined;
  /** Where every delegation decision is recorded (hash-chained); off by default. */
  audit?: AuditLog | undefined;
}

/**
 * Why a run stopped: every goal ended ('drained'), the time horizon, the
 * event limit, or 'stalled' — all goals have arrived, some are still in
 * flight, and for ten times the run's expected span no task started and no
 * goal ended while nothing ran and no agent or tool was down: work nobody
 * will take (say, only reputation farmers for a hard task, or a policy that
 * declines), which would otherwise keep the periodic events going for ever.
 */
export type StopCause = 'drained' | 'horizon' | 'maxEvents' | 'stalled';

// The constructor's loops over agents and slots live in these small module
// functions. Not inside it: V8 compiles a function with a hot loop while the
// loop runs (on-stack replacement), and with the loops inside, the
// constructor — once per run — cost 130 ms of compiler time in every pool
// worker (`--trace-opt`, 2026-11-28). Not as callbacks made per world
// (`Array.from(…, (k) => …)`): V8 dropped their optimized code at each full
// GC and a pool worker compiled them again (bench/README.md, "Parallel
// workers").

/** The agents of one behaviour type. */
function agentsBehaving(agents: AgentTable, behaviour: number): Int32Array {
  const ids: number[] = [];
  for (let a = 0; a < agents.count; a++) if (agents.behaviour[a] === behaviour) ids.push(a);
  return Int32Array.from(ids);
}

/** The skill slots that belong to humans. */
function humanSkillSlots(agents: AgentTable): number[] {
  const slots: number[] = [];
  for (let k = 0; k < agents.skillId.length; k++) if (agents.kind[agents.slotAgent[k]!] === HUMAN_KIND) slots.push(k);
  return slots;
}

/** Indices 0, stride, 2·stride, … below `length`. */
function everyNthIndex(length: number, stride: number): Int32Array {
  const out = new Int32Array(Math.ceil(length / stride));
  for (let i = 0; i < out.length; i++) out[i] = i * stride;
  return out;
}

/** `out[i] = values[at[i]]` for every i; returns `out`. */
function gather<T extends Int32Array | Float32Array>(values: ArrayLike<number>, at: Int32Array, out: T): T {
  for (let i = 0; i < at.length; i++) out[i] = values[at[i]!] as number;
  return out;
}

/** Watch flags at the start: slots known to be bad, or held by an adversary, are watched until first assigned. */
function initialWatch(agents: AgentTable, badBelow: number): Uint8Array {
  const watch = new Uint8Array(agents.slotAgent.length);
  for (let k = 0; k < watch.length; k++) {
    const a = agents.slotAgent[k] as number;
    watch[k] = (agents.skillReliability[k] as number) < badBelow || (agents.behaviour[a] as number) >= Behaviour.Shirker ? Watch.Unassigned : Watch.No;
  }
  return watch;
}

/** The population's mean price per minute of work (price ÷ speed), 0 without agents. */
function meanPricePerMinuteOfWork(agents: AgentTable): number {
  let sum = 0;
  for (let a = 0; a < agents.count; a++) sum += (agents.price[a] as number) / (agents.speed[a] as number);
  return agents.count > 0 ? sum / agents.count : 0;
}

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
  /**
   * Where a goal's rows go, by whether it is counted: [a scratch recorder
   * nobody reads, the run's recorder]. Warm-up goals are written too, so the
   * first counted goal runs no code V8 has not seen (metrics/recorder.ts).
   */
  private readonly goalRecorders: [Recorder, Recorder];
  readonly failureInjector: FailureInjector;
  readonly policy: Policy;
  readonly view: PolicyView;

  readonly trust: TrustStore;
  readonly chains: Chains;
  readonly audit: AuditLog;
  readonly reputation: ReputationLedger;
  readonly verifier: Verifier;

  /** Counters over the whole run (warm-up included). */
  goalsArrived = 0;
  goalsEnded = 0;
  tasksCreated = 0;
  busySlots = 0;
  /** Visible failures in the measurement window; failuresBeforeWindow holds those before it (for the time series). */
  failures = 0;
  private failuresBeforeWindow = 0;
  /** Visible failures by Outcome code. */
  readonly failuresByOutcome = new Float64Array(7);
  readonly counters = new RunCounters();
  /** Per skill slot of a watched agent (see firstAssigned): when a delegator became confident it is below trust.badBelow (World.observe); NaN if never. */
  readonly identifiedAt: Float64Array;
  /** Identities ended by a whitewash (their slot now holds a new one), for the identification metrics. */
  readonly closedIdentities = new IdentificationTally();
  /** Per skill slot of a bad (hidden reliability < trust.badBelow) or adversarial agent: when it first got a task; NaN if never (or not watched). */
  readonly firstAssigned: Float64Array;
  /**
   * Per skill slot, where its identity stands for the identification metrics
   * (Watch): whether it is watched at all, has worked, has been identified.
   * Every attempt and every observation asks; one byte per slot stays in
   * cache, where firstAssigned and identifiedAt (and the reliability and
   * behaviour that decide "watched") were a cache miss each at 10^4 agents.
   */
  private readonly watch: Uint8Array;
  agentsDown = 0;
  peakAgentsDown = 0;
  /** The event whose agent-down interruptions are being summed, and their count so far. */
  private interruptEvent = -1;
  private interruptedByEvent = 0;
  stopCause: StopCause = 'drained';
  /** Task DAGs of the first options.traceGoals counted goals to end. */
  readonly goalTraces: GoalTrace[] = [];
  private readonly traceLimit: number;
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
  private readonly rngMonitoring: Rng;
  private readonly rngVerification: Rng;
  private readonly rngLatent: Rng;
  private readonly lateSettlements = new Map<number, LateSettlement>();
  private nextSettlement = 0;
  /** Delegator 0's trust against hidden reliability over a fixed, evenly spread subset of slots (the trustError series and metric). */
  private readonly calibration: TrustCalibration;
  private readonly delegators: number;
  private readonly trustEnabled: boolean;
  private readonly badBelow: number;
  private readonly monitoring: Scenario['monitoring'];
  private readonly adaptation: Scenario['adaptation'];
  private readonly cooldown: number;
  private readonly defaultMonitorPlan: number;
  private readonly defaultMethod: number;
  private readonly optimistic: boolean;
  private readonly meanPrice: number;
  private readonly adversaries: Scenario['adversaries'];
  private readonly rngAdversary: Rng;
  /** Sybil whitewash times: a stream of their own, so they are the same under every policy (attacks draw from rngAdversary as often as a policy lets them). */
  private readonly rngWhitewash: Rng;
  /** Farmers in the population: only then are shortlists filtered (World.declines), so runs without them take no extra step. */
  private readonly farming: boolean;
  private readonly farmUntil: number;
  private readonly farmEasyMax: number;
  /** Colluding agents, so a colluder can rate its ring. */
  private readonly colluders: Int32Array;
  /** Delegators below this index file false failure reports. */
  private readonly maliciousBelow: number;
  /** Pending backdoor harms by id: credits of harm each will do, and the goal (slot and number) whose output carried it. */
  private readonly backdoors = new Map<number, { harm: number; goal: number; goalSeq: number }>();
  private nextBackdoor = 0;
  private readonly oversight: Scenario['oversight'];
  private readonly rngOversight: Rng;
  /**
   * Approval requests waiting for an overseer (task ids, FIFO; -1 where a
   * request was withdrawn because its goal ended), how many are still live,
   * and overseers reviewing now.
   */
  private readonly approvalQueue: number[] = [];
  private approvalHead = 0;
  private approvalsWaiting = 0;
  private overseersBusy = 0;
  /** Per skill slot of a human: when its level was last brought up to date (de-skilling). */
  private readonly practicedAt: Float64Array;
  private readonly hasHumans: boolean;
  /** Skill slots of human agents (at most 500, evenly spread), for the human-skill series. */
  private readonly humanSlots: Int32Array;
  private readonly market: Scenario['market'];
  private readonly chainsOn: boolean;
  /**
   * Per task, with chains on: the skill slot of the agent the delegator
   * chose for the current or last attempt — its delegatee, the first hop of
   * the chain (tasks.slot is the executor's, the last hop). Trust, the ledger
   * and settlements answer to it (contractSlotOf). Empty without chains,
   * where the two are one agent.
   */
  private contractSlot: Int32Array;
  private readonly hopList = new Shortlist(16);
  /** When the registry orchestrator is next free to make an assignment. */
  private orchestratorFree = 0;
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
  private readonly isWaiting = (t: number): boolean => this.tasks.state(t) === TaskState.Ready;

  constructor(scenario: Scenario, options: WorldOptions) {
    this.scenario = scenario;
    this.seed = options.seed;
    this.streams = new RandomStreams(options.seed);
    this.rngArrivals = this.streams.get('arrivals');
    this.rngGoals = this.streams.get('goals');
    this.rngExecution = this.streams.get('execution');
    this.rngOutcomes = this.streams.get('outcomes');
    this.rngAssignment = this.streams.get('assignment');
    this.rngMonitoring = this.streams.get('monitoring');
    this.rngVerification = this.streams.get('verification');
    this.rngLatent = this.streams.get('latent');

    this.agents = new AgentTable(scenario, this.streams.get('population'));
    this.free = new FreeAgentIndex(this.agents);
    this.backlog = new Backlog(scenario.skills.length);
    this.running = new RunningTasks(this.agents);
    this.downCount = new Int32Array(this.agents.count);
    this.busyByFamily = new Int32Array(this.agents.familyNames.length);
    this.outages = new Int32Array(scenario.skills.length);
    this.arrivals = createArrivals(scenario.arrivals);
    this.goalFingerprint = options.fingerprintGoals ? new Fingerprint() : null;
    this.traceLimit = options.traceGoals ?? 0;

    const policyName = options.policy ?? scenario.policy;
    this.policy = policyFactory(policyName)({ params: scenario.policyParams, rng: this.streams.get('policy'), scenario });
    this.factory = new GoalFactory(scenario, this.policy.decomposition ?? scenario.decomposition);

    const slots = this.agents.skillId.length;
    const evidence = new SlotEvidence(scenario.trust.delegators, slots);
    this.trust = new TrustStore(scenario.trust, slots, evidence);
    this.reputation = new ReputationLedger(slots, evidence);
    this.verifier = new Verifier(scenario.verification);
    this.identifiedAt = new Float64Array(slots).fill(NaN);
    this.firstAssigned = new Float64Array(slots).fill(NaN);
    // At most CALIBRATION_SLOTS: every sample reads each tracked slot's trust entry.
    const stride = Math.max(1, Math.ceil(slots / CALIBRATION_SLOTS));
    const tracked = everyNthIndex(slots, stride);
    const n = tracked.length;
    this.calibration = new TrustCalibration(
      this.trust,
      tracked,
      gather(this.agents.slotAgent, tracked, new Int32Array(n)),
      gather(this.agents.skillReliability, tracked, new Float32Array(n)),
    );
    this.delegators = scenario.trust.delegators;
    this.trustEnabled = scenario.trust.enabled;
    this.badBelow = scenario.trust.badBelow;
    this.watch = initialWatch(this.agents, this.badBelow);
    this.monitoring = scenario.monitoring;
    this.adaptation = scenario.adaptation;
    this.cooldown = this.policy.cooldown ?? scenario.adaptation.cooldown;
    this.defaultMonitorPlan =
      scenario.monitoring.target === 'outcome'
        ? MonitorPlan.Outcome
        : scenario.monitoring.access === 'direct'
          ? MonitorPlan.ProcessDirect
          : MonitorPlan.ProcessIndirect;
    this.defaultMethod = methodCode(scenario.verification.method);
    this.optimistic = scenario.settlement.mode === 'optimistic';
    this.adversaries = scenario.adversaries;
    this.rngAdversary = this.streams.get('adversary');
    this.rngWhitewash = this.streams.get('whitewash');
    this.colluders = agentsBehaving(this.agents, Behaviour.Colluder);
    this.farming = this.agents.behaviour.includes(Behaviour.Farmer);
    this.farmUntil = scenario.adversaries.farmUntil;
    this.farmEasyMax = scenario.adversaries.farmEasyMax;
    this.oversight = scenario.oversight;
    this.rngOversight = this.streams.get('oversight');
    this.practicedAt = new Float64Array(this.agents.skillId.length);
    this.hasHumans = this.agents.kind.includes(HUMAN_KIND);
    const humanSlots = humanSkillSlots(this.agents);
    const humanStride = Math.max(1, Math.floor(humanSlots.length / 500));
    const sampled = everyNthIndex(humanSlots.length, humanStride);
    this.humanSlots = gather(humanSlots, sampled, new Int32Array(sampled.length));
    this.market = scenario.market;
    this.chains = new Chains(scenario, this.agents, this.streams.get('chains'));
    this.audit = options.audit ?? new NullAuditLog();
    this.chainsOn = scenario.chains.probability > 0 || scenario.permissions.enabled;
    this.contractSlot = new Int32Array(this.chainsOn ? 1024 : 0);
    this.maliciousBelow = Math.round(scenario.adversaries.maliciousDelegators * scenario.trust.delegators);
    this.meanPrice = meanPricePerMinuteOfWork(this.agents);

    this.shortlistSize = scenario.assignment.shortlist;
    this.shortlist = new Shortlist(this.shortlistSize);
    this.retryLimit = scenario.assignment.retryLimit;
    this.contamination = scenario.cascade.contamination;
    this.lossPerCriticality = scenario.costs.lossPerCriticality;
    this.execution = scenario.execution;
    this.goalLimit = scenario.horizon.goals ?? Infinity;
    this.timeLimit = scenario.horizon.minutes ?? Infinity;
    this.warmupGoals = scenario.horizon.warmupGoals;
    this.view = new PolicyView({
      agents: this.agents,
      tasks: this.tasks,
      goals: this.goals,
      trust: this.trust,
      reputation: this.reputation,
      busyByFamily: this.busyByFamily,
      reputationWeight: scenario.trust.reputationWeight,
      lossPerCriticality: scenario.costs.lossPerCriticality,
    });
    this.recorder = new Recorder(
      Number.isFinite(this.goalLimit) ? this.goalLimit - this.warmupGoals : undefined,
      this.agents.familyNames.length,
    );
    this.goalRecorders = [new Recorder(this.warmupGoals, this.agents.familyNames.length), this.recorder];
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
    this.handlers[EventKind.FirstCountedArrival] = this.onFirstCountedArrival.bind(this);
    // Handlers are bound methods, never closures made per world: a closure's optimized code, with all it
    // inlined, would be compiled anew in a pool worker after every full GC (bench/README.md, "Parallel
    // workers"). Task ends bind the flag rather than go through a wrapper method each: TurboFan compiled
    // such a wrapper with all of onTaskEnd inlined on top of onTaskEnd itself, 45–80 ms more compiler time.
    this.handlers[EventKind.TaskEnd] = this.onTaskEnd.bind(this, false);
    this.handlers[EventKind.TaskTimeout] = this.onTaskEnd.bind(this, true);
    this.handlers[EventKind.Sample] = this.onSample.bind(this);
    this.handlers[EventKind.MonitorCheck] = this.onMonitorCheck.bind(this);
    this.handlers[EventKind.MonitorAct] = this.onMonitorAct.bind(this);
    this.handlers[EventKind.VerifyDone] = this.onVerifyDone.bind(this);
    this.handlers[EventKind.EscalationDone] = this.onEscalationDone.bind(this);
    this.handlers[EventKind.LatentDiscovery] = this.onLatentDiscovery.bind(this);
    this.handlers[EventKind.BackgroundVerify] = this.onBackgroundVerify.bind(this);
    this.handlers[EventKind.BackdoorHarm] = this.onBackdoorHarm.bind(this);
    this.handlers[EventKind.Whitewash] = this.onWhitewash.bind(this);
    this.handlers[EventKind.ApprovalDone] = this.onApprovalDone.bind(this);
    this.handlers[EventKind.NegotiationDone] = this.onNegotiationDone.bind(this);
    for (const [kind, handler] of this.failureInjector.handlers()) this.handlers[kind] = handler;
  }

  /** The run's expected length in minutes: the time horizon, or the goals' expected arrival span. */
  private expectedSpan(): number {
    return Number.isFinite(this.timeLimit) ? this.timeLimit : this.goalLimit / this.arrivals.meanRate;
  }

  /** About 1,000 samples over the expected span of the run. */
  private defaultSampleInterval(): number {
    return Math.max(this.expectedSpan() / 1000, 1e-6);
  }

  /**
   * When a sample last saw a task start or a goal end since the one before
   * (isStalled), and the count of both it saw: read per sample, not kept up
   * by the handlers. Born NaN so V8 stores it as a double from the start (see
   * recorder.ts); start() sets 0.
   */
  private lastProgress = NaN;
  private progressSeen = 0;
  private stalled = false;

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
    this.lastProgress = 0;
    this.recorder.openWindow(0, 0, 0, false); // the integrals run from here; the window opens at the first counted arrival
    const first = this.arrivals.next(0, this.rngArrivals);
    this.arrivalPending = first < this.timeLimit && this.goalLimit > 0;
    if (this.arrivalPending) this.sim.scheduleAt(first, this.arrivalKind(0));
    this.sim.scheduleAt(0, EventKind.Sample);
    this.failureInjector.start();
    for (let a = 0; a < this.agents.count; a++) {
      if (this.agents.behaviour[a] === Behaviour.Sybil) {
        this.sim.schedule(-log(1 - this.rngWhitewash()) * this.adversaries.whitewashEvery, EventKind.Whitewash, a, 0);
      }
    }
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
    this.stopCause = this.stalled ? 'stalled' : reason === 'until' ? 'horizon' : reason === 'maxEvents' ? 'maxEvents' : 'drained';
    return true;
  }

  /** Closes the measurement window. */
  finish(): StopCause {
    this.recorder.integrate(this.sim.now, this.backlog.length, this.busySlots);
    this.audit.flush();
    return this.stopCause;
  }

  /**
   * The measurement window opens (the first counted goal arrives): every event
   * counter starts from zero, so counter-based metrics cover the same window as
   * the time integrals — warm-up deletion by time. An event of a warm-up goal's
   * task after this point is counted; goal-based metrics (costs, makespans)
   * count the goals that arrive from here on instead. goalsArrived and
   * tasksCreated keep counting the whole run.
   */
  private startCounting(): void {
    this.counters.reset();
    zeroCounters(this.chains.counters);
    this.failuresBeforeWindow = this.failures;
    this.failures = 0;
    this.failuresByOutcome.fill(0);
    this.peakAgentsDown = this.agentsDown;
  }

  /** Whether goal g's block of tasks belongs to a goal counted in the metrics. */
  private counted(g: number): boolean {
    return (this.goals.seq[g] as number) >= this.warmupGoals;
  }

  /** The recorder goal g's records go to: the run's, or the warm-up scratch. */
  private recorderOf(g: number): Recorder {
    return this.goalRecorders[this.counted(g) ? 1 : 0];
  }

  // ---- arrivals -------------------------------------------------------------

  /**
   * The event kind of the arrival of goal number `seq`. The first counted
   * goal's arrival is an event of its own kind, handled apart: the counters
   * restart there, and that call, met once, mid-run, inside the arrival
   * handler, deoptimized it (a call site TurboFan had no type feedback for):
   * `run mmc`'s first 100,000 events took ~30 ms longer while it ran
   * unoptimized and was compiled again (median of 12 paired runs). The kind
   * changes nothing else: same time, same order, same outputs.
   */
  private arrivalKind(seq: number): number {
    return seq === this.warmupGoals ? FIRST_COUNTED_ARRIVAL : EventKind.GoalArrival;
  }

  private onFirstCountedArrival(): void {
    this.startCounting();
    this.onGoalArrival();
  }

  private onGoalArrival(): void {
    const now = this.sim.now;
    const seq = this.goalsArrived++;
    if (seq <= this.warmupGoals) this.recorder.openWindow(now, this.backlog.length, this.busySlots, seq === this.warmupGoals);
    const g = this.factory.create(seq, now, this.rngGoals, this.goals, this.tasks);
    this.goals.delegator[g] = seq % this.delegators;
    const next = this.arrivals.next(now, this.rngArrivals);
    this.arrivalPending = this.goalsArrived < this.goalLimit && next < this.timeLimit;
    if (this.arrivalPending) this.sim.scheduleAt(next, this.arrivalKind(this.goalsArrived));

    const first = this.goals.firstTask[g] as number;
    const plan = this.factory.plans[this.goals.plan[g] as number]!;
    this.tasksCreated += plan.size;
    if (this.goalFingerprint) this.fingerprintGoal(g, first, plan.size);
    if (this.failureInjector.hasGoalTriggers) this.failureInjector.onGoalCreated(g, seq, now, this.earliestDeadline(first, plan.size));
    for (let i = 0; i < plan.size; i++) {
      if (plan.inputs[i] === 0) this.makeReady(first + i);
    }
  }

  private earliestDeadline(first: number, size: number): number {
    let d = Infinity;
    for (let t = first; t < first + size; t++) d = Math.min(d, this.tasks.deadline(t));
    return d;
  }

  private fingerprintGoal(g: number, first: number, size: number): void {
    const { tasks } = this;
    const f = this.goalFingerprint!;
    f.add(this.goals.arrival[g] as number).add(this.goals.template[g] as number).add(size);
    for (let t = first; t < first + size; t++) {
      f.add(tasks.skill(t)).add(tasks.duration(t)).add(tasks.complexity(t));
      f.add(tasks.criticality(t)).add(tasks.verifiability(t)).add(tasks.deadline(t));
    }
  }

  // ---- assignment -----------------------------------------------------------

  private makeReady(t: number): void {
    this.tasks.setState(t, TaskState.Ready);
    this.tasks.setReadyTime(t, this.sim.now);
    if (this.policy.negotiation !== undefined) {
      this.negotiate(t);
      return;
    }
    if (!this.tryAssign(t)) this.toBacklog(t);
  }

  /**
   * Negotiation before assignment (MODEL.md §6): a contract-net round takes
   * market.rfqTime, in parallel for every task; a centralized registry
   * handles one assignment at a time at market.orchestratorRate per minute,
   * so under load tasks queue at the orchestrator.
   */
  private negotiate(t: number): void {
    const now = this.sim.now;
    let delay = this.market.rfqTime;
    if (this.policy.negotiation === 'registry') {
      this.orchestratorFree = Math.max(now, this.orchestratorFree) + 1 / this.market.orchestratorRate;
      delay = this.orchestratorFree - now;
    }
    this.counters.negotiations++;
    this.counters.negotiationMinutes += delay;
    this.tasks.setState(t, TaskState.Negotiating);
    this.sim.schedule(delay, EventKind.NegotiationDone, t, this.tasks.token(t));
  }

  private onNegotiationDone(t: number, token: number): void {
    if (this.tasks.token(t) !== token || this.tasks.state(t) !== TaskState.Negotiating) return;
    this.tasks.setState(t, TaskState.Ready);
    if (!this.tryAssign(t)) this.toBacklog(t);
  }

  /**
   * The shortlisted agents bid (contract-net): a fee of (1 + margin) × their
   * expected price, an ETA, a claimed success chance — their true one, plus
   * market.lie for strategic (overconfident) agents — and a bond.
   */
  private collectBids(t: number): void {
    const { agents, tasks, view } = this;
    const list = this.shortlist;
    const work = workOf(this.execution, tasks, t);
    const skill = tasks.skill(t);
    for (let i = 0; i < list.size; i++) {
      const a = list.ids[i] as number;
      const eta = work / (agents.speed[a] as number);
      const price = (1 + this.market.margin) * (tasks.cost(t) + eta * (agents.price[a] as number) * (agents.priceFactor[a] as number));
      const truth = successProbability(tasks, agents, t, a, agents.skillSlot(a, skill));
      const lie = agents.behaviour[a] === Behaviour.Overconfident ? this.market.lie : 0;
      view.bidPrice[i] = price;
      view.bidEta[i] = eta;
      view.bidConfidence[i] = Math.min(1, truth + lie);
      view.bidBond[i] = this.market.bond * price;
    }
  }

  /**
   * Closes an auction: the fee agreed with agent a and the cheapest bid on
   * offer, kept on the task until the contract takes effect (bookAward). A
   * human the de-skilling reserve picked (`reserved`) was not chosen by the
   * policy, so it is paid its own bid.
   */
  private award(t: number, a: number, reserved: boolean): void {
    const { tasks, view } = this;
    const fee = reserved ? this.bidOf(a) : this.policy.agreedFee ? this.policy.agreedFee(t, a, view) : NaN;
    tasks.setAgreedFee(t, fee);
    if (Number.isNaN(fee)) return;
    let lowest = Infinity;
    for (let i = 0; i < this.shortlist.size; i++) lowest = Math.min(lowest, view.bidPrice[i] as number);
    if (this.lowestBid.length <= t) this.lowestBid = ensureLength(this.lowestBid, t + 1);
    this.lowestBid[t] = Number.isFinite(lowest) ? lowest : fee;
  }

  /**
   * Books the contract of t with agent a as its attempt starts: the award,
   * what was agreed against the cheapest bid, and a defaulter's debt. Booked
   * here, not when the auction closes, because a delegation a human overseer
   * refuses, or approves for an agent that has filled up meanwhile, goes back
   * to auction: only the award that ends in an attempt is a contract. The
   * debt is the replacement's fee above the defaulted one; if the goal ends
   * before a replacement contract takes effect (cancelled, or failed while
   * the task was re-auctioned or awaited approval), the delegator pays no
   * replacement, so there is no difference to recover: the defaulter has
   * paid its bond (stopAttempt) and owes nothing more.
   */
  private bookAward(t: number, a: number): void {
    const { tasks } = this;
    const fee = tasks.agreedFee(t);
    const c = this.counters;
    c.awards++;
    c.intervalAwards++;
    if (this.agents.behaviour[a] === Behaviour.Overconfident) {
      c.awardsToLiars++;
      c.intervalAwardsToLiars++;
    }
    c.pricePaid += fee;
    c.priceLowest += this.lowestBid[t] as number;
    const defaulted = tasks.defaultedFee(t);
    if (!Number.isNaN(defaulted)) {
      // The agent that defaulted pays the difference of the re-auction.
      const debt = Math.max(0, fee - defaulted);
      c.defaulterPayments += debt;
      this.goals.recovered[tasks.goal(t)]! += debt;
      tasks.setDefaultedFee(t, NaN);
    }
  }

  /** Agent a's bid price in the current auction (NaN if it did not bid). */
  private bidOf(a: number): number {
    const list = this.shortlist;
    for (let i = 0; i < list.size; i++) if (list.ids[i] === a) return this.view.bidPrice[i] as number;
    return NaN;
  }

  /** Asks the policy for an agent; starts the task and returns true if it chose one. */
  private tryAssign(t: number): boolean {
    const skill = this.tasks.skill(t);
    if (this.free.size(skill) === 0 || this.outages[skill]! > 0) return false;
    const list = this.shortlist;
    this.free.shortlist(skill, this.shortlistSize, this.rngAssignment, list);
    if (this.farming && this.dropDeclined(t, list) === 0) return false;
    // Re-delegation goes elsewhere when there is an elsewhere.
    const last = this.tasks.lastAgent(t);
    if (last >= 0 && list.size > 1) {
      for (let i = 0; i < list.size; i++) {
        if (list.ids[i] === last) {
          list.size--;
          list.ids[i] = list.ids[list.size] as number;
          list.slots[i] = list.slots[list.size] as number;
          break;
        }
      }
    }
    this.view.now = this.sim.now;
    this.view.busySlots = this.busySlots;
    const reserved = this.oversight.reserveShare > 0 ? this.humanOnShortlist() : -1;
    if (this.policy.negotiation === 'auction') this.collectBids(t);
    const a = reserved >= 0 ? reserved : this.policy.assign(t, list, this.view);
    if (a >= 0 && this.policy.agreedFee) this.award(t, a, reserved >= 0);
    // An approval is of a delegation — this task to this agent: another agent (the approved one
    // had filled up meanwhile, or a re-delegation after a failure) needs its own review.
    // (needsApproval first: it is pure, and without oversight it spares a read of the record's rarely used end.)
    if (a >= 0 && this.needsApproval(t) && (this.tasks.approved(t) === 0 || this.tasks.proposed(t) !== a)) {
      this.requestApproval(t, a);
      return true;
    }
    if (a < 0) {
      // Under-delegation: the policy declined although a good agent was on offer.
      for (let i = 0; i < list.size; i++) {
        if ((this.agents.skillReliability[list.slots[i] as number] as number) >= this.badBelow) {
          this.counters.underDelegations++;
          break;
        }
      }
      return false;
    }
    const slot = list.slotOf(a);
    const reliability = slot >= 0 ? (this.agents.skillReliability[slot] as number) : this.hiddenReliability(a, skill);
    if (reliability < this.badBelow) this.counters.overDelegations++;
    this.startAttempt(t, a, slot);
    return true;
  }

  /** Whether task t is easy and low-stakes enough for a farmer building its record. */
  private farmable(t: number): boolean {
    const { tasks } = this;
    return tasks.criticality(t) <= this.farmEasyMax && tasks.complexity(t) <= this.farmEasyMax;
  }

  /** Whether a farmer's public record on skill slot k is still short of adversaries.farmUntil outcomes: while it is, the farmer takes only farmable work there. */
  private buildingRecord(k: number): boolean {
    return this.reputation.count(k) < this.farmUntil;
  }

  /** Whether agent a (holding skill slot k) turns task t down: a farmer still building its record, offered a task that is not farmable. */
  private declines(t: number, a: number, k: number): boolean {
    return this.agents.behaviour[a] === Behaviour.Farmer && this.buildingRecord(k) && !this.farmable(t);
  }

  /** Removes from the shortlist the agents that turn t down (as if they had not answered the call); returns the size left. */
  private dropDeclined(t: number, list: Shortlist): number {
    for (let i = 0; i < list.size; ) {
      if (this.declines(t, list.ids[i] as number, list.slots[i] as number)) {
        list.size--;
        list.ids[i] = list.ids[list.size] as number;
        list.slots[i] = list.slots[list.size] as number;
      } else {
        i++;
      }
    }
    return list.size;
  }

  /**
   * The de-skilling knob (MODEL.md §7): with probability oversight.reserveShare
   * the task goes to a human on the shortlist, so humans keep practising.
   */
  private humanOnShortlist(): number {
    if (this.rngOversight() >= this.oversight.reserveShare) return -1;
    const list = this.shortlist;
    for (let i = 0; i < list.size; i++) {
      const a = list.ids[i] as number;
      if (this.agents.kind[a] === HUMAN_KIND) {
        this.counters.reservedForHumans++;
        return a;
      }
    }
    return -1;
  }

  private needsApproval(t: number): boolean {
    if (this.policy.needsApproval) return this.policy.needsApproval(t, this.view);
    const { tasks } = this;
    return scenarioNeedsApproval(this.oversight, tasks.criticality(t), tasks.uncertainty(t), tasks.reversibility(t));
  }

  /** Puts the delegation of t to a before a human overseer. */
  private requestApproval(t: number, a: number): void {
    const { tasks } = this;
    tasks.setState(t, TaskState.AwaitingApproval);
    tasks.setProposed(t, a);
    tasks.setApproved(t, 0);
    tasks.setRequestedAt(t, this.sim.now);
    this.counters.approvalRequests++;
    // A free overseer takes it at once. Right after a decision that is the
    // overseer who made it, ahead of any queue: a delegation re-proposed after
    // a refusal, or after an approval for an agent that filled up meanwhile,
    // continues the same case. (Sent to the back of the queue instead, each
    // re-proposal waited a full queue again, by then more agents were full,
    // and on healthcare the reviews' load grew until approval delays and
    // makespans doubled.)
    if (this.overseersBusy < this.oversight.overseers) {
      this.startReview(t);
    } else {
      this.approvalQueue.push(t);
      this.approvalsWaiting++;
    }
  }

  /**
   * The goal of t ended while t awaited approval: its request is withdrawn.
   * A queued one is struck from the queue: left in place, it would start a
   * review of whatever task next holds slot t — a second review of a request
   * already under review, or one that jumps the queue — and count as load.
   * One under review is dropped: the overseer is told the delegation is moot
   * and turns to the next request, as it never reads a withdrawn queued one.
   * Returns true if it was under review (its overseer is free; the caller
   * starts the next review once the goal's other requests are withdrawn too).
   */
  private withdrawApproval(t: number): boolean {
    const queue = this.approvalQueue;
    for (let i = this.approvalHead; i < queue.length; i++) {
      if (queue[i] === t) {
        queue[i] = -1;
        this.approvalsWaiting--;
        return false;
      }
    }
    this.overseersBusy--;
    return true;
  }

  private startReview(t: number): void {
    this.overseersBusy++;
    this.sim.schedule(this.oversight.reviewTime, EventKind.ApprovalDone, t, this.tasks.token(t));
  }

  /** An overseer decides; then takes the next waiting request. */
  private onApprovalDone(t: number, token: number): void {
    const { tasks } = this;
    // A review whose goal ended is stale: withdrawApproval freed its overseer then.
    if (tasks.token(t) !== token || tasks.state(t) !== TaskState.AwaitingApproval) return;
    this.overseersBusy--;
    this.decideApproval(t);
    this.reviewNext();
  }

  /** Free overseers take the oldest waiting requests. */
  private reviewNext(): void {
    while (this.overseersBusy < this.oversight.overseers && this.approvalHead < this.approvalQueue.length) {
      const next = this.approvalQueue[this.approvalHead++]!;
      if (next < 0) continue; // withdrawn
      this.approvalsWaiting--;
      this.startReview(next);
    }
    if (this.approvalHead > 1024 && this.approvalHead * 2 > this.approvalQueue.length) {
      this.approvalQueue.splice(0, this.approvalHead);
      this.approvalHead = 0;
    }
  }

  private decideApproval(t: number): void {
    const { tasks, agents } = this;
    const a = tasks.proposed(t);
    const skill = tasks.skill(t);
    this.counters.approvalDelayMinutes += this.sim.now - tasks.requestedAt(t);
    // A bad delegation: to an agent below the bar or adversarial (a watched identity), or lacking the skill.
    const k = agents.skillSlot(a, skill);
    if (k < 0 || this.watch[k] !== Watch.No) {
      this.counters.badDelegationsReviewed++;
      const waiting = this.overseersBusy + 1 + this.approvalsWaiting;
      if (this.rngOversight() < effectiveAccuracy(this.oversight, waiting)) {
        // Caught: the delegation is refused and the task goes to someone else — the refused agent
        // becomes its last agent, which the next pick leaves out as after a failure. A refusal counts
        // against assignment.retryLimit like a failed attempt: a policy that ranks the same kind of
        // agent first (the cheapest bid under lowest-price, the best advertised skill) may propose
        // one bad agent after another, and an accurate overseer refuses each, forever. A delegator
        // that finds no acceptable delegatee within its retries gives up: the goal fails.
        this.counters.approvalRejections++;
        if (this.audit.enabled) this.audit.record(this.sim.now, -1, a, t, tasks.goal(t), -1, AuditReason.Deny, AuditOutcome.Refused);
        tasks.setPrevAgent(t, tasks.lastAgent(t));
        tasks.setLastAgent(t, a);
        if (!this.spendRetry(t)) return;
        this.makeReady(t);
        return;
      }
      this.counters.rubberStamps++;
    }
    this.counters.approvals++;
    tasks.setApproved(t, 1);
    if (this.audit.enabled) this.audit.record(this.sim.now, -1, a, t, tasks.goal(t), -1, AuditReason.Approve, AuditOutcome.Pending);
    if (agents.hasRoom(a)) this.startAttempt(t, a, -1);
    else this.makeReady(t);
  }

  /** Base hidden reliability of agent a on a skill (for metrics only: never shown to policies). */
  private hiddenReliability(a: number, skill: number): number {
    const k = this.agents.skillSlot(a, skill);
    return k < 0 ? 0 : (this.agents.skillReliability[k] as number);
  }

  private toBacklog(t: number): void {
    this.recorder.integrate(this.sim.now, this.backlog.length + 1, this.busySlots);
    // With farmers, a farmable task is also filed in the backlog's easy view, where a farmer looks (pullFromBacklog).
    this.backlog.push(this.tasks.skill(t), t, this.farming && this.farmable(t));
  }

  /**
   * Offers the oldest waiting task among the agent's skills to assignment;
   * true if one was started. The task goes to assignment like any other (the
   * agent is only the one asking), and one nobody took goes back to its place
   * in line. A farmer still building its record on a skill (MODEL.md §4,
   * "accepting only easy tasks") asks there for the oldest *farmable* task
   * (the backlog's easy view): the oldest task, which it would turn down,
   * would leave it idle while easy work waited behind it.
   */
  private pullFromBacklog(a: number): boolean {
    if (this.backlog.length === 0 || !this.agents.hasRoom(a)) return false;
    const farmer = this.farming && this.agents.behaviour[a] === Behaviour.Farmer;
    const { skillStart, skillId } = this.agents;
    let best = -1;
    let bestSkill = -1;
    let bestEasy = false;
    const end = skillStart[a + 1] as number;
    for (let k = skillStart[a] as number; k < end; k++) {
      const s = skillId[k] as number;
      if (this.backlog.waiting(s) === 0 || this.outages[s]! > 0) continue;
      const easy = farmer && this.buildingRecord(k);
      const t = easy ? this.backlog.peekEasy(s, this.isWaiting) : this.backlog.peek(s, this.isWaiting);
      if (t >= 0 && (best < 0 || this.tasks.readyTime(t) < this.tasks.readyTime(best))) {
        best = t;
        bestSkill = s;
        bestEasy = easy;
      }
    }
    return best >= 0 && this.offerWaiting(bestSkill, bestEasy);
  }

  /**
   * Offers the waiting task of a skill that the caller has just peeked — the
   * oldest, or in the easy view the oldest farmable one — to assignment; one
   * nobody took goes back to its place in line.
   */
  private offerWaiting(skill: number, easy: boolean): boolean {
    this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
    const t = easy ? this.backlog.takeEasy(skill) : this.backlog.take(skill);
    if (this.tryAssign(t)) return true;
    this.recorder.integrate(this.sim.now, this.backlog.length + 1, this.busySlots);
    if (easy) this.backlog.restore(skill, t);
    else this.backlog.putBack(skill, t);
    return false;
  }

  /** Fills an agent that has room again with backlog work, as far as it goes. */
  private refill(a: number): void {
    while (this.pullFromBacklog(a));
  }

  /** Offers waiting tasks of one skill to assignment (after an outage ends). */
  private drainBacklog(skill: number): void {
    let tries = this.backlog.waiting(skill);
    while (tries-- > 0 && this.free.size(skill) > 0 && this.backlog.peek(skill, this.isWaiting) >= 0 && this.offerWaiting(skill, false));
    // The oldest task may be one the free farmers turn down: the farmable ones behind it are still on offer.
    if (this.farming) while (this.free.size(skill) > 0 && this.backlog.peekEasy(skill, this.isWaiting) >= 0 && this.offerWaiting(skill, true));
  }

  // ---- execution ------------------------------------------------------------

  /** Starts an attempt of t on `chosen` (or on the end of its sub-delegation chain); `chosenSlot` is its skill slot if known, else -1. */
  private startAttempt(t: number, chosen: number, chosenSlot: number): void {
    const { agents, tasks, goals } = this;
    const skill = tasks.skill(t);
    const g0 = tasks.goal(t);
    const contracted = !Number.isNaN(tasks.agreedFee(t));
    if (contracted) this.bookAward(t, chosen);
    if (this.audit.enabled) {
      const reason = contracted ? AuditReason.Award : tasks.attempts(t) > 0 ? AuditReason.Redelegate : AuditReason.Assign;
      this.audit.record(this.sim.now, goals.delegator[g0] as number, chosen, t, g0, -1, reason, AuditOutcome.Pending);
    }
    let a = chosen;
    let delay = 0;
    // Without chains a task keeps the direct-delegation values the goal factory gave it
    // (not garbled, depth 1, no permit): the attempt then leaves the record's rarely used end alone.
    if (this.chainsOn) {
      const d = this.chains.delegate(
        goals.delegator[g0] as number,
        chosen,
        skill,
        tasks.complexity(t),
        tasks.criticality(t),
        this.sim.now,
        (exclude) => this.pickHop(t, skill, exclude),
        (from, to, permit) => {
          if (this.audit.enabled) this.audit.record(this.sim.now, from, to, t, g0, permit, AuditReason.Subdelegate, AuditOutcome.Pending);
        },
      );
      a = d.executor;
      delay = d.delay;
      tasks.setGarbled(t, d.garbled ? 1 : 0);
      tasks.setChainDepth(t, d.depth);
      tasks.setAttributable(t, d.attributable ? 1 : 0);
      tasks.setPermit(t, d.permit);
      if (d.misuseHarm > 0) {
        goals.harm[g0]! += d.misuseHarm;
        this.counters.adversaryDamage += d.misuseHarm;
      }
    }
    // The delegatee's slot (the delegator's contract is with `chosen`, whoever runs the work) and the executor's.
    const contract = chosenSlot >= 0 ? chosenSlot : agents.skillSlot(chosen, skill);
    const slot = a === chosen ? contract : agents.skillSlot(a, skill);
    if (!agents.hasRoom(a) || slot < 0) {
      throw new Error(`policy '${this.policy.name}' chose agent ${a}, which cannot take task ${t}`);
    }
    tasks.setSlot(t, slot);
    if (this.chainsOn) {
      if (this.contractSlot.length <= t) this.contractSlot = ensureLength(this.contractSlot, t + 1);
      this.contractSlot[t] = contract;
    }
    if (this.farming && !this.farmable(t)) this.countHighStakes(t, chosen, contract, a, slot);
    const now = this.sim.now;
    this.recorder.integrate(now, this.backlog.length, this.busySlots + 1);
    agents.busy[a]!++;
    this.busySlots++;
    this.busyByFamily[agents.family[a]!]!++;
    this.free.refresh(a);
    this.running.add(a, t);
    // When a bad or adversarial agent first got work (for the time-to-identify metrics, which only look at those):
    // as the delegatee, which its delegator's trust can then single out, or as the executor down a chain, which
    // no delegator sees — such an identity counts as working unidentified.
    this.markFirstWork(slot, now);
    if (contract !== slot) this.markFirstWork(contract, now);
    if (agents.kind[a] === HUMAN_KIND) this.practise(slot, false); // skill as it is now, after any decay

    const g = tasks.goal(t);
    // Oscillation is the delegator's doing (A → B → A): counted on the agents it chose, as lastAgent keeps them.
    if (chosen === tasks.prevAgent(t)) this.counters.oscillations++;
    tasks.setState(t, TaskState.Running);
    tasks.setAgent(t, a);
    tasks.setStartTime(t, now);
    const token = tasks.nextToken(t);
    goals.attempts[g]!++;
    this.recorderOf(g).waits.push(now - tasks.readyTime(t));

    const work = workOf(this.execution, tasks, t);
    const limit = delay + (this.execution.timeoutFactor * work) / (agents.speed[a] as number);
    const stalled = this.execution.stallProbability > 0 && this.rngExecution() < this.execution.stallProbability;
    tasks.setStalled(t, stalled ? 1 : 0);
    if (stalled) {
      // A stalled attempt makes no progress: only monitoring or the timeout ends it.
      this.counters.stalls++;
      this.sim.schedule(limit, EventKind.TaskTimeout, t, token);
    } else {
      const behaviour = agents.behaviour[a] as number;
      const service =
        delay +
        drawServiceTime(this.execution, tasks, agents, t, a, this.rngExecution, work) *
          (behaviour === Behaviour.Shirker ? this.adversaries.shirkFactor : behaviour === Behaviour.Exhauster ? this.adversaries.exhaustionFactor : 1);
      if (service > limit) this.sim.schedule(limit, EventKind.TaskTimeout, t, token);
      else this.sim.schedule(service, EventKind.TaskEnd, t, token);
    }
    // The delegator plans monitoring for the agent it chose (a chain's later hops are unknown to it).
    const plan = this.policy.monitorPlan ? this.policy.monitorPlan(t, chosen, this.view) : this.defaultMonitorPlan;
    if (plan !== MonitorPlan.Outcome) {
      if (this.monitorDirect.length <= t) this.monitorDirect = ensureLength(this.monitorDirect, t + 1);
      this.monitorDirect[t] = plan === MonitorPlan.ProcessDirect ? 1 : 0;
      this.sim.schedule(this.firstCheckDelay(t, a), EventKind.MonitorCheck, t, token);
    }
  }

  /** Records when skill slot k's identity first got work, if it is bad or adversarial (the identification metrics look only at those). */
  private markFirstWork(k: number, now: number): void {
    if (this.watch[k] === Watch.Unassigned) {
      this.watch[k] = Watch.Working;
      this.firstAssigned[k] = now;
    }
  }

  /**
   * The skill slot of task t's delegatee in its current or last attempt: the
   * agent its delegator chose, which answers to it for the work (MODEL.md §3
   * step 8, §7 — in a chain A → B → C, B; tasks.slot holds C's). Without
   * chains, the executor's.
   */
  private contractSlotOf(t: number): number {
    return this.chainsOn ? (this.contractSlot[t] as number) : this.tasks.slot(t);
  }

  /**
   * A high-stakes attempt (one a farmer building its record would decline)
   * starts: the delegator gave it to agent b (skill slot kb), on whose public
   * reputation it relied, and agent a (slot ka) runs it — b itself, or the
   * end of b's sub-delegation chain. Counts who got it and how far b's
   * reputation exceeds the true chance that the work succeeds (a's), for
   * farmers and, as the baseline, honest agents (the highStakesToFarmers and
   * farmerOverrating metrics).
   */
  private countHighStakes(t: number, b: number, kb: number, a: number, ka: number): void {
    const c = this.counters;
    c.highStakesStarts++;
    const behaviour = this.agents.behaviour[b] as number;
    if (behaviour !== Behaviour.Farmer && behaviour !== Behaviour.Honest) return;
    const overrating = this.reputation.mean(kb) - successProbability(this.tasks, this.agents, t, a, ka);
    if (behaviour === Behaviour.Farmer) {
      c.highStakesToFarmers++;
      c.farmerOverratingSum += overrating;
    } else {
      c.highStakesToHonest++;
      c.honestOverratingSum += overrating;
    }
  }

  /** Another capable agent with room for the next hop of task t's chain, or -1; a farmer may turn it down, as it may a direct offer. */
  private pickHop(t: number, skill: number, exclude: number): number {
    const list = this.hopList;
    this.free.shortlist(skill, list.ids.length, this.rngAssignment, list);
    let pick = -1;
    let seen = 0;
    for (let i = 0; i < list.size; i++) {
      const b = list.ids[i] as number;
      if (b === exclude || (this.farming && this.declines(t, b, list.slots[i] as number))) continue;
      // Reservoir choice among the eligible: uniform without a second pass.
      if (this.rngAssignment() * ++seen < 1) pick = b;
    }
    return pick;
  }

  /** Per task: the cheapest bid of the auction that awarded its pending contract (see award). */
  private lowestBid = new Float64Array(1024);

  /** Scratch per task: 1 when the current attempt is monitored with direct access. */
  private monitorDirect = new Uint8Array(1024);

  /** Minutes the delegator expects an attempt of t on a to take (advertised speed, no noise). */
  private expectedTime(t: number, a: number): number {
    return workOf(this.execution, this.tasks, t) / (this.agents.speed[a] as number);
  }

  private firstCheckDelay(t: number, a: number): number {
    const m = this.monitoring;
    switch (m.cadence) {
      case 'continuous':
        return m.interval / 10;
      case 'periodic':
        return m.interval;
      default:
        // Event-triggered: the first check fires when the attempt breaches its SLO.
        return m.sloFactor * this.expectedTime(t, a);
    }
  }

  /** A process-monitoring observation of a running attempt. */
  private onMonitorCheck(t: number, token: number): void {
    const { tasks } = this;
    if (tasks.token(t) !== token || tasks.state(t) !== TaskState.Running) return;
    const a = tasks.agent(t);
    const g = tasks.goal(t);
    const m = this.monitoring;
    const direct = this.monitorDirect[t] === 1;
    this.goals.monitoring[g]! += m.costPerObservation * (direct ? m.directCostFactor : 1);
    this.counters.monitorObservations++;
    const elapsed = this.sim.now - tasks.startTime(t);
    // An event-triggered check fires exactly at the SLO bound, where now − start can round a hair
    // below it: a relative tolerance keeps that first check from missing the breach it was scheduled for.
    const breach = tasks.stalled(t) === 1 || elapsed >= m.sloFactor * this.expectedTime(t, a) * (1 - 1e-9);
    if (breach && elapsed >= this.cooldown && this.rngMonitoring() < (direct ? m.detection.direct : m.detection.indirect)) {
      this.sim.schedule(m.delay, EventKind.MonitorAct, t, token);
      return;
    }
    this.sim.schedule(m.cadence === 'continuous' ? m.interval / 10 : m.interval, EventKind.MonitorCheck, t, token);
  }

  /** Monitoring noticed a stall or an SLO breach: adapt. */
  private onMonitorAct(t: number, token: number): void {
    const { tasks } = this;
    if (tasks.token(t) !== token || tasks.state(t) !== TaskState.Running) return;
    if (!this.adaptation.enabled) return;
    const stalled = tasks.stalled(t) === 1;
    const trigger = stalled ? Trigger.Stall : Trigger.Slo;
    const response = decide(trigger, this.situation(t, 0), this.adaptation.escalateAbove);
    if (response === Response.Adjust) {
      this.counters.adjustments++;
      return;
    }
    const a = tasks.agent(t);
    if (stalled) {
      this.counters.stallsCaughtByMonitoring++;
      this.counters.stallDetectionMinutes += this.sim.now - tasks.startTime(t);
    } else {
      this.counters.sloBreachesActedOn++;
    }
    tasks.nextToken(t);
    this.abortAttempt(t, a);
    this.observe(t, false);
    this.afterFailure(t, trigger, Outcome.Timeout, false);
    this.refill(a);
  }

  /** A task's attempt ends: its work is done (TaskEnd) or its time is up (TaskTimeout, `timedOut`). */
  private onTaskEnd(timedOut: boolean, t: number, token: number): void {
    const { tasks } = this;
    if (tasks.token(t) !== token || tasks.state(t) !== TaskState.Running) return; // a superseded attempt
    const a = tasks.agent(t);
    if (timedOut && tasks.stalled(t) === 1) {
      this.counters.stallsTimedOut++;
      this.counters.stallDetectionMinutes += this.sim.now - tasks.startTime(t);
    }
    let outcome: number = timedOut ? Outcome.Timeout : drawOutcome(tasks, this.agents, t, a, this.rngOutcomes);
    if (outcome === Outcome.Success && (this.agents.behaviour[a] as number) >= Behaviour.Shirker) outcome = this.attack(t, a);
    // Garbled intent: the work is done as (mis)understood — it looks right and is not.
    if (this.chainsOn && outcome === Outcome.Success && tasks.garbled(t) === 1) outcome = Outcome.SilentDefect;
    if (this.audit.enabled) {
      const g = tasks.goal(t);
      this.audit.record(this.sim.now, this.goals.delegator[g] as number, a, t, g, tasks.permit(t), AuditReason.Assign, outcome);
    }
    if (this.agents.kind[a] === HUMAN_KIND) {
      this.counters.humanTasks++;
      this.practise(tasks.slot(t), true);
    }
    if (outcome === Outcome.Success || outcome === Outcome.SilentDefect) {
      this.stopAttempt(t, a);
      if (outcome === Outcome.SilentDefect && tasks.defective(t) === 0) {
        tasks.setDefective(t, 1);
        tasks.setDefectOrigin(t, t);
      }
      this.deliver(t);
    } else {
      this.abortAttempt(t, a);
      this.visibleFailure(t, outcome);
    }
    this.refill(a);
  }

  /**
   * An adversarial agent's move on an output that came out right
   * (MODEL.md §8; paper §4.9): a shirker's skipped work and a saboteur's
   * planted defect turn it into a silent defect; a backdoor leaves it correct
   * but schedules harm for later. Returns the outcome to deliver.
   */
  private attack(t: number, a: number): number {
    const adv = this.adversaries;
    const behaviour = this.agents.behaviour[a] as number;
    const u = this.rngAdversary();
    if (
      (behaviour === Behaviour.Shirker && u >= adv.shirkFactor) ||
      (behaviour === Behaviour.Saboteur && u < adv.sabotageRate)
    ) {
      this.counters.attacks++;
      this.tasks.setPlanted(t, 1);
      return Outcome.SilentDefect;
    }
    if (behaviour === Behaviour.Backdoor && u < adv.backdoorRate) {
      this.counters.attacks++;
      const id = this.nextBackdoor++;
      const g = this.tasks.goal(t);
      this.backdoors.set(id, { harm: this.tasks.criticality(t) * this.lossPerCriticality, goal: g, goalSeq: this.goals.seq[g] as number });
      this.sim.schedule(-log(1 - this.rngAdversary()) * adv.backdoorDelay, EventKind.BackdoorHarm, id, 0);
    }
    return Outcome.Success;
  }

  /** A backdoor planted earlier does its harm, booked to the goal whose output carried it (usually ended by now). */
  private onBackdoorHarm(id: number): void {
    const backdoor = this.backdoors.get(id);
    if (backdoor === undefined) return;
    this.backdoors.delete(id);
    this.counters.attacksSucceeded++;
    this.counters.adversaryDamage += backdoor.harm;
    this.bookLate(backdoor.goal, backdoor.goalSeq, 0, 0, backdoor.harm);
  }

  /**
   * Books a cost settled after its output was delivered — a refund (negative
   * fees), a slashed stake (recovered) or a backdoor's harm — to the goal it
   * belongs to: to the goal's own sums while it is in flight, so its row
   * includes it, else to the totals of the recorder its row went to. A late
   * cost of a warm-up goal thus never lands among the counted goals' costs.
   */
  private bookLate(g: number, seq: number, fees: number, recovered: number, harm: number): void {
    const { goals } = this;
    if (goals.seq[g] === seq && goals.state[g] === GoalState.InFlight) {
      goals.fees[g]! += fees;
      goals.recovered[g]! += recovered;
      goals.harm[g]! += harm;
      return;
    }
    const totals = this.goalRecorders[seq >= this.warmupGoals ? 1 : 0].goals.totals;
    totals.fees += fees;
    totals.recovered += recovered;
    totals.harm += harm;
  }

  /** A sybil discards its identity: trust and reputation of its skills start over. */
  private onWhitewash(a: number): void {
    const { agents } = this;
    this.counters.whitewashes++;
    for (let k = agents.skillStart[a] as number; k < (agents.skillStart[a + 1] as number); k++) {
      this.closedIdentities.add(agents, k, this.badBelow, this.firstAssigned[k] as number, this.identifiedAt[k] as number);
      this.reputation.reset(k);
      for (let d = 0; d < this.delegators; d++) this.trust.reset(d, k);
      this.identifiedAt[k] = NaN;
      this.firstAssigned[k] = NaN;
      if (this.watch[k] !== Watch.No) this.watch[k] = Watch.Unassigned;
    }
    this.sim.schedule(-log(1 - this.rngWhitewash()) * this.adversaries.whitewashEvery, EventKind.Whitewash, a, 0);
  }

  /**
   * Ends the running attempt of t on a: charges its fee and frees the agent
   * (no backlog pull). An undelivered contract is in default only when the
   * contractor is `atFault`: not when the delegator ended the goal or a tool
   * outage stopped the work.
   */
  private stopAttempt(t: number, a: number, delivered = true, atFault = true): void {
    const { tasks, goals, agents } = this;
    const g = tasks.goal(t);
    const elapsed = this.sim.now - tasks.startTime(t);
    const agreed = tasks.agreedFee(t);
    // By the minute, or as contracted: paid on delivery, nothing otherwise.
    const fee = Number.isNaN(agreed)
      ? tasks.cost(t) + elapsed * (agents.price[a] as number) * (agents.priceFactor[a] as number)
      : delivered
        ? agreed
        : 0;
    if (!delivered && atFault && !Number.isNaN(agreed)) {
      // A contract in default: its bond (market.bond × the agreed fee) goes to the delegator now,
      // and the price difference of the re-auction follows in award().
      this.counters.defaults++;
      tasks.setDefaultedFee(t, agreed);
      const bond = this.market.bond * agreed;
      this.counters.bondsForfeited += bond;
      goals.recovered[g]! += bond;
    }
    tasks.setAgreedFee(t, NaN);
    goals.fees[g]! += fee;
    tasks.setLastFee(t, fee);
    tasks.setAgent(t, -1);
    tasks.setPrevAgent(t, tasks.lastAgent(t));
    // The agent the delegator chose (the first hop of a chain): re-delegation avoids it, oscillation counts it.
    tasks.setLastAgent(t, this.chainsOn ? (this.agents.slotAgent[this.contractSlot[t] as number] as number) : a);
    this.running.remove(a, t);
    this.recorder.integrate(this.sim.now, this.backlog.length, this.busySlots - 1);
    agents.busy[a]!--;
    this.busySlots--;
    this.busyByFamily[agents.family[a]!]!--;
    this.free.refresh(a);
  }

  /** Stops an attempt that will not deliver: its minutes and fee are wasted work. */
  private abortAttempt(t: number, a: number, atFault = true): void {
    this.counters.wastedMinutes += this.sim.now - this.tasks.startTime(t);
    this.stopAttempt(t, a, false, atFault);
    this.counters.wastedFees += this.tasks.lastFee(t);
  }

  /**
   * Human skill (MODEL.md §7, paper §5.6): it decays without practice,
   * level · exp(−skillDecay · minutes since last practice), and each task done
   * moves it practiceGain of the way to 1.
   */
  private practise(k: number, practised: boolean): void {
    const o = this.oversight;
    const level = (this.agents.skillLevel[k] as number) * exp(-o.skillDecay * (this.sim.now - (this.practicedAt[k] as number)));
    this.agents.skillLevel[k] = practised ? level + o.practiceGain * (1 - level) : level;
    this.practicedAt[k] = this.sim.now;
  }

  /** Mean current skill level of human (agent, skill) pairs, decay included (NaN without humans). */
  humanSkill(): number {
    const { agents } = this;
    const o = this.oversight;
    const slots = this.humanSlots;
    let sum = 0;
    for (let i = 0; i < slots.length; i++) {
      const k = slots[i] as number;
      sum += (agents.skillLevel[k] as number) * exp(-o.skillDecay * (this.sim.now - (this.practicedAt[k] as number)));
    }
    return slots.length > 0 ? sum / slots.length : NaN;
  }

  /** The delegatee says it is done: verify the output (if the policy or scenario says so) or accept it. */
  private deliver(t: number): void {
    const { tasks, goals } = this;
    const g = tasks.goal(t);
    this.checkBudget(g, t);
    // The delegator decides about the output of the agent it chose (lastAgent: the first hop of a chain).
    const method = this.policy.shouldVerify ? this.policy.shouldVerify(t, tasks.lastAgent(t), this.view) : this.scenarioMethod();
    if (method < 0) {
      this.observe(t, true); // accepted on its word: a silent defect fools the delegator here
      this.complete(t);
      return;
    }
    this.counters.verifications++;
    goals.verification[g]! += this.verifier.cost(method);
    if (this.optimistic) {
      // Optimistic acceptance: the output flows on now; the check settles later, within the dispute window.
      const id = this.openSettlement(t, this.sim.now);
      tasks.setSettlement(t, id);
      this.observe(t, true);
      this.complete(t);
      this.sim.schedule(this.verifier.time(method), EventKind.BackgroundVerify, id, method);
      return;
    }
    tasks.setMethod(t, method);
    tasks.setState(t, TaskState.Verifying);
    this.sim.schedule(this.verifier.time(method), EventKind.VerifyDone, t, tasks.token(t));
  }

  /** The scenario's verification rule, for policies without their own. */
  private scenarioMethod(): number {
    const v = this.scenario.verification;
    if (v.policy === 'none') return Method.None;
    if (v.policy === 'all') return this.defaultMethod;
    return this.rngVerification() < v.sampleRate ? this.defaultMethod : Method.None;
  }

  /** Escrow: the verdict on a delivered output decides payment, and whether the output flows on. */
  private onVerifyDone(t: number, token: number): void {
    const { tasks, goals } = this;
    if (tasks.token(t) !== token || tasks.state(t) !== TaskState.Verifying) return;
    const a = this.agents.slotAgent[tasks.slot(t)] as number; // the executor: who made the output, and may game its check
    const g = tasks.goal(t);
    const defective = tasks.defective(t) === 1;
    const method = tasks.method(t);
    let rejected = this.verifier.rejects(method, defective, tasks.verifiability(t), tasks.subjectivity(t), this.rngVerification);
    if (rejected && defective && this.agents.behaviour[a] === Behaviour.Subverter && this.rngAdversary() < this.adversaries.subversion) {
      // Verification subversion: the agent games the check and its defect passes.
      this.counters.attacks++;
      this.counters.attacksSucceeded++;
      rejected = false;
    }
    if (this.audit.enabled) {
      this.audit.record(this.sim.now, goals.delegator[g] as number, a, t, g, tasks.permit(t), rejected ? AuditReason.VerifyReject : AuditReason.VerifyAccept, rejected ? AuditOutcome.Refused : AuditOutcome.Success);
    }
    if (!rejected) {
      if (defective) this.counters.defectsMissed++;
      this.observe(t, true);
      this.complete(t);
      return;
    }
    // Rejected: the fee goes back to the delegator, a proven defect costs the agent its stake,
    // and the task is redone — the defect does not flow downstream (containment).
    if (tasks.planted(t) === 1) this.counters.attacksFoiled++;
    tasks.setPlanted(t, 0);
    const fee = tasks.lastFee(t);
    goals.fees[g]! -= fee;
    if (defective) {
      this.counters.defectsCaught++;
      goals.recovered[g]! += this.scenario.settlement.stake * fee;
    } else {
      this.counters.falseRejections++;
    }
    const inherited = tasks.defectOrigin(t) !== t;
    tasks.setDefective(t, 0);
    tasks.setDefectOrigin(t, -1);
    if (inherited) this.recontaminate(t);
    this.observe(t, false);
    tasks.setState(t, TaskState.Ready);
    this.afterFailure(t, Trigger.Verification, Outcome.SilentDefect, false);
  }

  /**
   * The redo of a rejected task consumes the same inputs: each defective one
   * contaminates it again with probability cascade.contamination, as the first
   * attempt was (MODEL.md §3: a task that consumes a defective input is
   * defective with a probability). Redoing a task does not repair its inputs;
   * only the defect an attempt made itself is gone with the attempt.
   */
  private recontaminate(t: number): void {
    const { tasks, goals } = this;
    const g = tasks.goal(t);
    const first = goals.firstTask[g] as number;
    const plan = this.factory.plans[goals.plan[g] as number]!;
    const node = tasks.node(t);
    const end = plan.predStart[node + 1] as number;
    for (let k = plan.predStart[node] as number; k < end; k++) this.consume(t, first + (plan.pred[k] as number));
  }

  /**
   * Task `consumer` takes the output of `input`: a defective input makes a
   * still-correct consumer defective with probability cascade.contamination,
   * inheriting its origin — a cascade (MODEL.md §3).
   */
  private consume(consumer: number, input: number): void {
    const { tasks } = this;
    if (tasks.defective(input) === 1 && tasks.defective(consumer) === 0 && this.rngOutcomes() < this.contamination) {
      tasks.setDefective(consumer, 1);
      tasks.setDefectOrigin(consumer, tasks.defectOrigin(input));
    }
  }

  /** Optimistic settlement: a background verification after the output already flowed on. */
  private onBackgroundVerify(id: number, method: number): void {
    const s = this.lateSettlements.get(id);
    if (!s) return;
    this.lateSettlements.delete(id);
    if (!this.verifier.rejects(method, s.defective, s.verifiability, s.subjectivity, this.rngVerification)) {
      if (s.defective) this.counters.defectsMissed++;
      if (s.undetectedAtGoalEnd) this.countUndetected(s.planted, s.inherited);
      else if (s.task >= 0) this.tasks.setSettlement(s.task, -1); // settled: the goal's end may open a latent one
      return;
    }
    if (s.defective) this.counters.defectsCaught++;
    else this.counters.falseRejections++;
    if (s.planted) this.counters.attacksFoiled++; // caught, though after its output flowed on
    if (s.task >= 0) this.tasks.setSettlement(s.task, s.defective ? SETTLEMENT_CAUGHT : -1);
    this.settleDispute(s);
  }

  /**
   * A silent defect nobody caught before its goal ended (and, if it was
   * planted, an attack that worked). A defect inherited from an input is its
   * origin's, counted there; a defect planted on top of one is still an attack.
   */
  private countUndetected(planted: boolean, inherited: boolean): void {
    if (!inherited) this.counters.defectsUndetected++;
    if (planted) this.counters.attacksSucceeded++;
  }

  /** A refund, and a slashed stake if the defect is real, for an output already accepted. */
  private settleDispute(s: LateSettlement): void {
    this.bookLate(s.goal, s.goalSeq, -s.fee, s.defective ? this.scenario.settlement.stake * s.fee : 0, 0);
    this.trust.observe(s.delegator, s.slot, false, s.criticality, this.sim.now);
    this.reputation.revise(s.slot);
  }

  /** Opens the settlement of t's output, delivered (accepted) at `deliveredAt`, against the delegatee of its last attempt (the contract a refund and a revision settle). */
  private openSettlement(t: number, deliveredAt: number): number {
    const { tasks } = this;
    const id = this.nextSettlement++;
    const g = tasks.goal(t);
    this.lateSettlements.set(id, {
      task: t,
      undetectedAtGoalEnd: false,
      planted: tasks.planted(t) === 1,
      inherited: tasks.defective(t) === 1 && tasks.defectOrigin(t) !== t,
      goal: g,
      goalSeq: this.goals.seq[g] as number,
      slot: this.contractSlotOf(t),
      delegator: this.goals.delegator[g] as number,
      fee: tasks.lastFee(t),
      criticality: tasks.criticality(t),
      deliveredAt,
      defective: tasks.defective(t) === 1,
      method: tasks.method(t),
      verifiability: tasks.verifiability(t),
      subjectivity: tasks.subjectivity(t),
    });
    return id;
  }

  /** A latent defect surfaces after delivery: trust and reputation are corrected retroactively. */
  private onLatentDiscovery(id: number): void {
    const s = this.lateSettlements.get(id);
    if (!s) return;
    this.lateSettlements.delete(id);
    this.counters.latentDiscovered++;
    if (s.undetectedAtGoalEnd) this.countUndetected(s.planted, s.inherited); // surfaced before its background check ended
    if (this.optimistic && this.sim.now - s.deliveredAt <= this.scenario.settlement.disputeWindow) {
      this.settleDispute(s);
    } else {
      this.trust.observe(s.delegator, s.slot, false, s.criticality, this.sim.now);
      this.reputation.revise(s.slot);
    }
  }

  /**
   * Records what the delegator of t observed of its last attempt, in trust,
   * reputation and calibration. The observation is about the delegatee, the
   * agent the delegator chose (MODEL.md §3 step 8, from what was observed):
   * in a chain A → B → C it sees B's delivery, and B answers for its
   * sub-delegates (transitive accountability, §7), so B's trust and public
   * record take the outcome. C stays invisible to A: its trust and record
   * are untouched.
   */
  private observe(t: number, success: boolean): void {
    if (!this.trustEnabled) return;
    const { tasks } = this;
    const k = this.contractSlotOf(t);
    const d = this.goals.delegator[tasks.goal(t)] as number;
    const now = this.sim.now;
    const predicted = this.trust.observe(d, k, success, tasks.criticality(t), now);
    const o = success ? 1 : 0;
    this.counters.brierSum += (predicted - o) * (predicted - o);
    this.counters.brierCount++;
    if (success && d < this.maliciousBelow && this.rngAdversary() < this.adversaries.falseReportRate) {
      // A malicious delegator reports a success as a failure: reputation sabotage.
      this.counters.falseReports++;
      this.reputation.record(k, false);
    } else {
      this.reputation.record(k, success);
    }
    if (success && this.colluders.length > 1) {
      const b = this.agents.slotAgent[k] as number;
      if (this.agents.behaviour[b] === Behaviour.Colluder) this.rateRing(b, tasks.skill(t));
    }
    if (this.chains.permissionsOn) {
      const a = this.agents.slotAgent[k] as number;
      // The circuit breaker: a failure that leaves trust below the threshold trips it; a success
      // never trips it, but re-arms it once trust is back at the threshold.
      const trust = this.trust.mean(d, k, now);
      if (success) this.chains.rearm(k, trust);
      else if (this.chains.checkBreaker(a, k, trust) > 0 && this.audit.enabled) {
        this.audit.record(now, d, a, t, tasks.goal(t), -1, AuditReason.CircuitBreaker, AuditOutcome.Revoked);
      }
    }
    // Identified: the delegator is confident the agent is below the bar — its trust's upper bound
    // (mean + 2 sd) has fallen below trust.badBelow. A mean below it is not enough: the prior's can be.
    if (this.watch[k] === Watch.Working && this.trust.upperBound(d, k, now) < this.badBelow) {
      this.watch[k] = Watch.Identified;
      this.identifiedAt[k] = now;
    }
  }

  /** A colluder files fake positive ratings for members of its ring that hold the same skill. */
  private rateRing(a: number, skill: number): void {
    let left = this.adversaries.collusionRate;
    while (left > 0) {
      // Fractional rates file one more rating with that probability.
      if (left < 1 && this.rngAdversary() >= left) break;
      left -= 1;
      const friend = this.colluders[Math.floor(this.rngAdversary() * this.colluders.length)] as number;
      const k = friend === a ? -1 : this.agents.skillSlot(friend, skill);
      if (k < 0) continue;
      this.reputation.record(k, true);
      this.counters.fakeRatings++;
    }
  }

  /** Flags a goal whose fees ran past adaptation.budgetFactor × its expected cost (once). */
  private checkBudget(g: number, t: number): void {
    const factor = this.adaptation.budgetFactor;
    if (factor === undefined || this.goals.overBudget[g] === 1) return;
    const first = this.goals.firstTask[g] as number;
    const size = this.factory.plans[this.goals.plan[g] as number]!.size;
    let expected = 0;
    for (let i = first; i < first + size; i++) expected += this.tasks.cost(i) + this.meanPrice * workOf(this.execution, this.tasks, i);
    if ((this.goals.fees[g] as number) <= factor * expected) return;
    this.goals.overBudget[g] = 1;
    this.counters.budgetOverruns++;
    if (decide(Trigger.Budget, this.situation(t, 0), this.adaptation.escalateAbove) === Response.Escalate) {
      this.counters.escalations++;
      this.goals.adaptation[g]! += this.adaptation.escalationCost;
    } else {
      this.counters.adjustments++;
    }
  }

  private situation(t: number, extraFailures: number) {
    const { tasks } = this;
    return {
      criticality: tasks.criticality(t),
      reversibility: tasks.reversibility(t),
      complexity: tasks.complexity(t),
      failures: tasks.attempts(t) + extraFailures,
    };
  }

  private complete(t: number): void {
    const { tasks, goals } = this;
    tasks.setState(t, TaskState.Done);
    tasks.setDeliveredAt(t, this.sim.now);
    const g = tasks.goal(t);
    const first = goals.firstTask[g] as number;
    const plan = this.factory.plans[goals.plan[g] as number]!;
    const node = tasks.node(t);
    if (this.sim.now > tasks.deadline(t)) goals.deadlineMissed[g] = 1;
    const end = plan.succStart[node + 1] as number;
    for (let k = plan.succStart[node] as number; k < end; k++) {
      const s = first + (plan.succ[k] as number);
      this.consume(s, t);
      const inputsLeft = tasks.inputsLeft(s) - 1;
      tasks.setInputsLeft(s, inputsLeft);
      if (inputsLeft === 0) this.makeReady(s);
    }
    if (--goals.tasksLeft[g]! === 0) {
      let worst = -1; // criticality of the most critical defective deliverable
      let planted = false;
      for (let i = 0; i < plan.sinks.length; i++) {
        const sink = first + (plan.sinks[i] as number);
        if (tasks.defective(sink) !== 1) continue;
        worst = Math.max(worst, tasks.criticality(sink));
        // An adversary's if its defect was planted at the origin or in the deliverable itself, on top
        // of an inherited one — as attacksSucceeded counts such a plant (scheduleLatentDiscoveries).
        if (tasks.planted(sink) === 1 || tasks.planted(tasks.defectOrigin(sink)) === 1) planted = true;
      }
      if (worst >= 0) {
        goals.harm[g]! += worst * this.lossPerCriticality;
        if (this.chainsOn) {
          for (let i = 0; i < plan.sinks.length; i++) {
            const origin = tasks.defectOrigin(first + (plan.sinks[i] as number));
            if (origin >= 0) this.chains.attribute(tasks.chainDepth(origin), tasks.attributable(origin) === 1);
          }
        }
      }
      if (planted) this.counters.adversaryDamage += worst * this.lossPerCriticality;
      this.endGoal(g, worst >= 0 ? GoalState.CompletedDefective : GoalState.CompletedCorrect);
    }
  }

  /** A visible failure of an attempt (crash, refusal, timeout, interruption, outage). */
  private visibleFailure(t: number, outcome: number): void {
    const { tasks, goals } = this;
    const g = tasks.goal(t);
    goals.failures[g]!++;
    this.failures++;
    this.failuresByOutcome[outcome]!++;
    // An outage is nobody's fault; everything else tells the delegator about the agent.
    if (outcome !== Outcome.Outage) this.observe(t, false);
    if (this.chainsOn) this.chains.attribute(tasks.chainDepth(t), tasks.attributable(t) === 1);
    // Irreversible with probability 1 − reversibility: the damage is done, no retry.
    if (this.rngOutcomes() >= tasks.reversibility(t)) {
      this.counters.irreversibleFailures++;
      goals.harm[g]! += tasks.criticality(t) * this.lossPerCriticality;
      tasks.setState(t, TaskState.Failed);
      this.endGoal(g, GoalState.Failed);
      return;
    }
    this.afterFailure(t, Trigger.VisibleFailure, outcome, true);
  }

  /**
   * After an attempt failed (visibly, by verification or by monitoring):
   * count it against the retry limit, then respond as adaptation.ts decides.
   */
  private afterFailure(t: number, trigger: number, _outcome: number, _visible: boolean): void {
    const { tasks, goals } = this;
    const g = tasks.goal(t);
    if (!this.spendRetry(t)) return;
    const response = decide(trigger, this.situation(t, 0), this.adaptation.escalateAbove);
    // The rising re-delegation fee: each further hand-over of the same task costs more.
    const k = tasks.redelegations(t);
    tasks.setRedelegations(t, k + 1);
    if (this.adaptation.redelegationFee > 0) goals.adaptation[g]! += this.adaptation.redelegationFee * powInt(this.adaptation.feeGrowth, k);
    this.counters.reassignments++;
    if (response === Response.Escalate) {
      this.counters.escalations++;
      if (this.audit.enabled) this.audit.record(this.sim.now, goals.delegator[g] as number, -1, t, g, -1, AuditReason.Escalate, AuditOutcome.Pending);
      goals.adaptation[g]! += this.adaptation.escalationCost;
      tasks.setState(t, TaskState.Escalated);
      this.sim.schedule(this.adaptation.escalationDelay, EventKind.EscalationDone, t, tasks.token(t));
      return;
    }
    if (response === Response.Redecompose) {
      this.counters.redecompositions++;
      tasks.setComplexity(t, tasks.complexity(t) * COMPLEXITY_PER_SPLIT);
      const d = this.factory.decomposition;
      goals.overhead[g]! += d.strategy === 'none' ? 0 : d.overheadCost;
    }
    this.makeReady(t);
  }

  /**
   * Counts one more failed delegation of t (a failed attempt or a refused
   * approval) against assignment.retryLimit. Returns true if t may be
   * delegated again; past the limit the task fails, ending its goal, and
   * this returns false.
   */
  private spendRetry(t: number): boolean {
    const { tasks } = this;
    const attempts = tasks.attempts(t) + 1;
    tasks.setAttempts(t, attempts);
    if (attempts <= this.retryLimit) return true;
    tasks.setState(t, TaskState.Failed);
    this.endGoal(tasks.goal(t), GoalState.Failed);
    return false;
  }

  private onEscalationDone(t: number, token: number): void {
    if (this.tasks.token(t) !== token || this.tasks.state(t) !== TaskState.Escalated) return;
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
    let overseerFreed = false;
    if (this.freedAgents.length < plan.size) this.freedAgents = new Int32Array(plan.size);
    for (let t = first; t < first + plan.size; t++) {
      const st = tasks.state(t);
      if (st === TaskState.Running) {
        const a = tasks.agent(t);
        tasks.nextToken(t); // its pending end event is now stale
        this.abortAttempt(t, a, false); // the goal ended (cancelled, or failed elsewhere): not the contractor's default
        this.freedAgents[freed++] = a;
      } else if (st === TaskState.Ready) {
        this.recorder.integrate(this.sim.now, this.backlog.length - 1, this.busySlots);
        this.backlog.forget(tasks.skill(t), t);
      } else if (st === TaskState.Verifying || st === TaskState.Escalated || st === TaskState.AwaitingApproval || st === TaskState.Negotiating) {
        if (st === TaskState.AwaitingApproval && this.withdrawApproval(t)) overseerFreed = true;
        tasks.nextToken(t); // its pending verdict, escalation, review or auction is now stale
      }
      if (st !== TaskState.Done && st !== TaskState.Failed) tasks.setState(t, TaskState.Cancelled);
    }
    // After the loop: a freed overseer must not take up another request of this very goal.
    if (overseerFreed) this.reviewNext();
    this.goalsEnded++;
    if (state === GoalState.CompletedCorrect || state === GoalState.CompletedDefective) this.scheduleLatentDiscoveries(first, plan.size);
    if (this.optimistic) this.detachSettlements(first, plan.size);
    const recorder = this.recorderOf(g);
    this.recordGoal(recorder, g, plan.size);
    this.recordCascades(recorder, first, plan.size);
    if (this.goalTraces.length < this.traceLimit && this.counted(g)) this.goalTraces.push(this.traceGoal(g, first, plan));
    tasks.release(first, plan.size);
    goals.release(g);
    // Failure processes run forever; the run is over once every goal has ended.
    if (!this.arrivalPending && goals.inFlight === 0) this.sim.stop();
    // Copy out: refills can end other goals, which reuse the scratch.
    const agentsToRefill = freed === 0 ? null : this.freedAgents.slice(0, freed);
    if (agentsToRefill) for (let i = 0; i < agentsToRefill.length; i++) this.refill(agentsToRefill[i]!);
  }

  private traceGoal(g: number, first: number, plan: Plan): GoalTrace {
    const { tasks, goals, agents } = this;
    const tasksOut: TaskTrace[] = [];
    const edges: [number, number][] = [];
    for (let i = 0; i < plan.size; i++) {
      const t = first + i;
      const agent = tasks.lastAgent(t);
      const origin = tasks.defectOrigin(t);
      tasksOut.push({
        node: i,
        skill: this.scenario.skills[tasks.skill(t)]!,
        state: TASK_STATE_NAMES[tasks.state(t)]!,
        defective: tasks.defective(t) === 1,
        defectOrigin: origin < 0 ? -1 : origin - first,
        agent,
        family: agent < 0 ? '' : agents.familyNames[agents.family[agent] as number]!,
        attempts: tasks.token(t) > 0 ? tasks.attempts(t) + 1 : 0,
        start: tasks.startTime(t),
        criticality: tasks.criticality(t),
        verifiability: tasks.verifiability(t),
      });
      for (let k = plan.succStart[i] as number; k < (plan.succStart[i + 1] as number); k++) edges.push([i, plan.succ[k] as number]);
    }
    return {
      seq: goals.seq[g] as number,
      template: this.scenario.goals[goals.template[g] as number]!.name,
      arrival: goals.arrival[g] as number,
      end: this.sim.now,
      state: GOAL_STATE_NAMES[goals.state[g] as number]!,
      tasks: tasksOut,
      edges,
    };
  }

  /**
   * A goal completed: counts the silent defects (and planted ones) that got
   * through, and gives each defect a chance to surface later (verification.latentDiscovery).
   */
  private scheduleLatentDiscoveries(first: number, size: number): void {
    const { tasks } = this;
    const p = this.scenario.verification.latentDiscovery;
    const mean = this.scenario.verification.latentDelay;
    for (let t = first; t < first + size; t++) {
      // A defect inherited from an input surfaces with its origin's cascade; one an adversary
      // planted on top of it (the task was already defective) is still an attack nobody caught.
      const inherited = tasks.defectOrigin(t) !== t;
      if (inherited && tasks.planted(t) === 0) continue;
      const settlement = tasks.settlement(t);
      if (settlement === SETTLEMENT_CAUGHT) continue; // the background check caught it: refunded and slashed already
      const open = settlement >= 0 ? this.lateSettlements.get(settlement) : undefined;
      if (inherited) {
        if (open !== undefined) open.undetectedAtGoalEnd = true;
        else this.countUndetected(true, true);
        continue;
      }
      const hit = this.rngLatent() < p;
      const delay = -log(1 - this.rngLatent()) * mean;
      if (open !== undefined) {
        // Its background check is still running: one settlement, whichever comes first settles it.
        open.undetectedAtGoalEnd = true;
        if (hit) this.sim.schedule(delay, EventKind.LatentDiscovery, settlement, 0);
        continue;
      }
      this.countUndetected(tasks.planted(t) === 1, false);
      if (hit) this.sim.schedule(delay, EventKind.LatentDiscovery, this.openSettlement(t, tasks.deliveredAt(t)), 0);
    }
  }

  /** The goal's task slots are about to be reused: its open settlements no longer point at them. */
  private detachSettlements(first: number, size: number): void {
    for (let t = first; t < first + size; t++) {
      const settlement = this.tasks.settlement(t);
      const open = settlement >= 0 ? this.lateSettlements.get(settlement) : undefined;
      if (open !== undefined) open.task = -1;
    }
  }

  private recordGoal(recorder: Recorder, g: number, size: number): void {
    const log = recorder.goals;
    const goals = this.goals;
    const totals = log.totals;
    const fees = goals.fees[g] as number;
    const overhead = goals.overhead[g] as number;
    const harm = goals.harm[g] as number;
    const monitoring = goals.monitoring[g] as number;
    const verification = goals.verification[g] as number;
    const adaptation = goals.adaptation[g] as number;
    const recovered = goals.recovered[g] as number;
    totals.fees += fees;
    totals.overhead += overhead;
    totals.harm += harm;
    totals.monitoring += monitoring;
    totals.verification += verification;
    totals.adaptation += adaptation;
    totals.recovered += recovered;
    totals.attempts += goals.attempts[g] as number;
    totals.deadlineMisses += goals.deadlineMissed[g] as number;
    const i = log.addRow();
    log.template[i] = goals.template[g] as number;
    log.arrival[i] = goals.arrival[g] as number;
    log.end[i] = this.sim.now;
    log.state[i] = goals.state[g] as number;
    log.tasks[i] = size;
    log.failures[i] = goals.failures[g] as number;
    log.cost[i] = fees + overhead + harm + monitoring + verification + adaptation - recovered;
  }

  /** Records the size of each cascade in a goal: the tasks whose defect descends from one silent defect. */
  private recordCascades(recorder: Recorder, first: number, size: number): void {
    const { tasks } = this;
    let any = false;
    for (let t = first; t < first + size; t++) if (tasks.defectOrigin(t) >= 0) any = true;
    if (!any) return;
    if (this.cascadeScratch.length < size) this.cascadeScratch = new Int32Array(size);
    const counts = this.cascadeScratch.fill(0, 0, size);
    for (let t = first; t < first + size; t++) {
      const origin = tasks.defectOrigin(t);
      if (origin >= 0) counts[origin - first]!++;
    }
    for (let i = 0; i < size; i++) if (counts[i]! > 0) recorder.cascades.push(counts[i]!);
  }

  // ---- failure host ---------------------------------------------------------

  agentDown(a: number): void {
    if (this.downCount[a]!++ > 0) return;
    this.agents.up[a] = 0;
    this.agentsDown++;
    if (this.agentsDown > this.peakAgentsDown) this.peakAgentsDown = this.agentsDown;
    this.free.refresh(a);
    // Interrupt everything it was running: each task fails visibly and is re-delegated.
    // Attempts interrupted by one event (a family shock downs every agent of the family at once)
    // measure the largest simultaneous failure, which depends on where the work was (MODEL.md §8).
    if (this.interruptEvent !== this.sim.events) {
      this.interruptEvent = this.sim.events;
      this.interruptedByEvent = 0;
    }
    this.interruptedByEvent += this.running.count[a]!;
    if (this.interruptedByEvent > this.counters.peakInterrupted) this.counters.peakInterrupted = this.interruptedByEvent;
    while (this.running.count[a]! > 0) {
      const t = this.running.at(a, 0);
      this.tasks.nextToken(t);
      this.abortAttempt(t, a);
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
    const freed: number[] = [];
    for (let a = 0; a < agents.count; a++) {
      for (let i = this.running.count[a]! - 1; i >= 0; i--) {
        if (i >= this.running.count[a]!) continue; // ending a goal stopped more of this agent's tasks
        const t = this.running.at(a, i);
        if (tasks.skill(t) !== skill) continue;
        tasks.nextToken(t);
        this.abortAttempt(t, a, false); // nobody's fault: the contractor does not default
        this.visibleFailure(t, Outcome.Outage);
        if (freed[freed.length - 1] !== a) freed.push(a);
      }
    }
    // The freed agents take waiting work of their other skills (after the loop, as endGoal does).
    for (const a of freed) this.refill(a);
  }

  /** Whether goal slot g still holds goal number seq, in flight (its events may be stale otherwise). */
  private isLive(g: number, seq: number): boolean {
    return this.goals.seq[g] === seq && this.goals.state[g] === GoalState.InFlight && this.goals.tasksLeft[g]! > 0;
  }

  cancelGoal(g: number, seq: number): void {
    if (!this.isLive(g, seq)) return;
    this.counters.cancellations++;
    this.endGoal(g, GoalState.Cancelled);
  }

  changeDeadline(g: number, seq: number, factor: number): void {
    if (!this.isLive(g, seq)) return;
    this.counters.deadlineChanges++;
    const first = this.goals.firstTask[g] as number;
    const size = this.factory.plans[this.goals.plan[g] as number]!.size;
    const now = this.sim.now;
    for (let t = first; t < first + size; t++) {
      const d = this.tasks.deadline(t);
      if (Number.isFinite(d)) this.tasks.setDeadline(t, now + (d - now) * factor);
    }
  }

  // ---- sampling -------------------------------------------------------------

  /**
   * Mean absolute error between delegator 0's trust and hidden reliability
   * (with degradation) over a fixed subset of at most 500 skill slots it has
   * observed (trust/calibration.ts); NaN before any observation.
   */
  calibrationError(): number {
    return this.calibration.error(this.sim.now, this.agents.reliabilityFactor);
  }

  private onSample(): void {
    const c = this.counters;
    if (!Number.isNaN(this.recorder.windowStart) && this.busySlots > 0) {
      // Concentration of running work over model families (Herfindahl index), sampled in the window.
      let squares = 0;
      for (let f = 0; f < this.busyByFamily.length; f++) squares += (this.busyByFamily[f] as number) ** 2;
      c.concentrationSum += squares / (this.busySlots * this.busySlots);
      c.concentrationSamples++;
    }
    this.recorder.sample(
      this.sim.now,
      this.backlog.length,
      this.busySlots,
      this.goals.inFlight,
      this.goalsEnded,
      this.failuresBeforeWindow + this.failures, // cumulative over the run: the explorer plots its rate
      this.agentsDown,
      this.busyByFamily,
      this.calibrationError(),
      this.hasHumans ? this.humanSkill() : NaN,
      c.intervalAwards > 0 ? c.intervalAwardsToLiars / c.intervalAwards : NaN,
    );
    c.intervalAwards = 0;
    c.intervalAwardsToLiars = 0;
    if (this.isStalled()) {
      this.stalled = true;
      this.sim.stop();
      return;
    }
    if (this.arrivalPending || this.goals.inFlight > 0) this.sim.schedule(this.sampleInterval, EventKind.Sample);
  }

  /**
   * Whether the run can make no more progress (StopCause 'stalled'): every
   * goal has arrived, nothing runs, nobody reviews, no agent or tool is down,
   * and no task started and no goal ended for ten times the expected span.
   * Only checked without a time horizon, which ends such a run anyway.
   */
  private isStalled(): boolean {
    const progress = this.goalsEnded + this.goalRecorders[0].waits.length + this.goalRecorders[1].waits.length; // goals ended + task starts
    if (progress !== this.progressSeen) {
      this.progressSeen = progress;
      this.lastProgress = this.sim.now;
    }
    if (this.arrivalPending || this.goals.inFlight === 0 || Number.isFinite(this.timeLimit)) return false;
    if (this.busySlots > 0 || this.overseersBusy > 0 || this.agentsDown > 0 || this.outages.some((n) => n > 0)) return false;
    return this.sim.now - this.lastProgress > 10 * this.expectedSpan();
  }
}
