// Per-run metrics (MODEL.md §9) computed from the recorder. Each metric is
// traceable to the events that produce it:
//  - goal counts and accuracy: goal rows written when a goal ends (World.endGoal);
//  - meanWait: ready → start of every task start (World.start);
//  - makespans: goal end − goal arrival;
//  - utilization, meanBacklog: exact time integrals of busy capacity and
//    backlog length (Recorder.integrate), over the measurement window;
//  - costs: fees charged when each attempt stops (World.stopAttempt), split
//    overhead booked at goal creation, harm booked at an irreversible failure
//    (World.visibleFailure) or a defective delivery (World.complete); refunds,
//    slashed stakes and backdoor harm that settle later are booked to the
//    goal they belong to, also after it ended (World.bookLate), so they count
//    exactly when that goal does;
//  - failures by kind, reassignments: World.visibleFailure;
//  - cascades: per counted goal, tasks grouped by the silent defect they
//    descend from (World.recordCascades);
//  - peakAgentsDown: the largest number of agents down at once (crashes and
//    family shocks, World.agentDown);
//  - reputation farming (MODEL.md §4): high-stakes attempts as they start
//    (World.countHighStakes), with the reputation the delegator saw then and
//    the true success chance; only when the population has farmers.
// Goal-based metrics count only goals that arrived after warm-up; event
// counters (failures, reassignments, verifications, …) count events from the
// arrival of the first counted goal on (World.startCounting); goalsArrived and
// tasksCreated cover the whole run.

import type { World } from '../model/world.js';
import { GoalState } from '../model/goals.js';
import { Outcome } from '../model/execution.js';
import { batchMeansInterval, mean, quantileInPlace, quantilesInPlace, type Interval } from './statistics.js';
import type { GoalLog } from './goalLog.js';
import type { IdentificationTally } from './identification.js';

export type Metrics = Record<string, number>;

export interface Summary {
  metrics: Metrics;
  /** Batch-means 95% intervals for steady-state means of this single run. */
  intervals: { meanWait: Interval };
}

// The loops over goals, agents and identities live in small functions of their
// own, and summarize itself has none: V8 compiles a function with a hot loop
// while the loop runs (on-stack replacement), and summarize, with ~150
// metrics, took 100–150 ms of compiler time each time — per `delegsim run`,
// and twice per pool worker (`--trace-opt`, 2026-11-28).

export function summarize(world: World): Summary {
  const r = world.recorder;
  const log = r.goals;
  const n = log.length;
  const counts = countGoalStates(log.state, n);
  const correct = counts[GoalState.CompletedCorrect]!;
  const completed = correct + counts[GoalState.CompletedDefective]!;
  const makespans = completedMakespans(log, completed);

  const totals = log.totals;
  const deadlineMisses = totals.deadlineMisses;
  const cascades = r.cascades.view();
  const meanMakespan = mean(makespans); // before the quantiles reorder the array
  const [p50Makespan, p95Makespan, p99Makespan] = quantilesInPlace(makespans, [0.5, 0.95, 0.99]) as [number, number, number];
  const window = Number.isNaN(r.windowStart) ? 0 : r.windowEnd - r.windowStart; // NaN: no counted goal arrived
  const capacity = sumOf(world.agents.baseCapacity, world.agents.count);
  const waits = r.waits.view();
  const c = world.counters;
  const ch = world.chains.counters;
  const fees = totals.fees;
  const overhead = totals.overhead;
  const harm = totals.harm;
  const monitoring = totals.monitoring;
  const verification = totals.verification;
  const adaptation = totals.adaptation;
  const recovered = totals.recovered;
  const totalCost = fees + overhead + harm + monitoring + verification + adaptation - recovered;
  const stallsEnded = c.stallsCaughtByMonitoring + c.stallsTimedOut;

  const { bad, badIdentified: identified, badMinutes: identifySum, adversarial, adversariesIdentified, adversaryMinutes: adversarySum } =
    identification(world);

  const metrics: Metrics = {
    goalsArrived: world.goalsArrived,
    goalsCounted: n,
    goalsCompleted: completed,
    goalsCorrect: correct,
    goalsDefective: counts[GoalState.CompletedDefective]!,
    goalsFailed: counts[GoalState.Failed]!,
    goalsCancelled: counts[GoalState.Cancelled]!,
    goalsInFlight: world.goals.inFlight,
    accuracy: n > 0 ? correct / n : NaN,
    meanWait: mean(waits),
    meanMakespan: meanMakespan,
    p50Makespan,
    p95Makespan,
    p99Makespan,
    throughput: window > 0 ? n / window : NaN,
    utilization: window > 0 && capacity > 0 ? r.busyArea / (capacity * window) : NaN,
    meanBacklog: window > 0 ? r.backlogArea / window : NaN,
    tasksCreated: world.tasksCreated,
    taskStarts: waits.length,
    failures: world.failures,
    failuresCrash: world.failuresByOutcome[Outcome.Crash]!,
    failuresRefusal: world.failuresByOutcome[Outcome.Refusal]!,
    failuresTimeout: world.failuresByOutcome[Outcome.Timeout]!,
    failuresInterrupted: world.failuresByOutcome[Outcome.Interrupted]!,
    failuresOutage: world.failuresByOutcome[Outcome.Outage]!,
    reassignments: c.reassignments,
    irreversibleFailures: c.irreversibleFailures,
    escalations: c.escalations,
    adjustments: c.adjustments,
    redecompositions: c.redecompositions,
    budgetOverruns: c.budgetOverruns,
    oscillations: c.oscillations,
    wastedMinutes: c.wastedMinutes,
    wastedFees: c.wastedFees,
    stalls: c.stalls,
    stallsCaughtByMonitoring: c.stallsCaughtByMonitoring,
    stallsTimedOut: c.stallsTimedOut,
    meanStallDetectionDelay: stallsEnded > 0 ? c.stallDetectionMinutes / stallsEnded : NaN,
    monitorObservations: c.monitorObservations,
    sloBreachesActedOn: c.sloBreachesActedOn,
    verifications: c.verifications,
    defectsCaught: c.defectsCaught,
    defectsMissed: c.defectsMissed,
    falseRejections: c.falseRejections,
    defectsUndetected: c.defectsUndetected,
    latentDiscovered: c.latentDiscovered,
    trustError: world.calibrationError(),
    trustBrier: c.brierCount > 0 ? c.brierSum / c.brierCount : NaN,
    badAgents: bad,
    badAgentsIdentified: identified,
    meanTimeToIdentify: identified > 0 ? identifySum / identified : NaN,
    attacks: c.attacks,
    attacksSucceeded: c.attacksSucceeded,
    attacksFoiled: c.attacksFoiled,
    attackSuccessRate: c.attacks > 0 ? c.attacksSucceeded / c.attacks : NaN,
    adversaryDamage: c.adversaryDamage,
    adversaryPairs: adversarial,
    adversariesIdentified,
    adversaryDetectionLatency: adversariesIdentified > 0 ? adversarySum / adversariesIdentified : NaN,
    whitewashes: c.whitewashes,
    fakeRatings: c.fakeRatings,
    falseReports: c.falseReports,
    highStakesToFarmers: c.highStakesStarts > 0 ? c.highStakesToFarmers / c.highStakesStarts : NaN,
    farmerOverrating:
      c.highStakesToFarmers > 0 && c.highStakesToHonest > 0
        ? c.farmerOverratingSum / c.highStakesToFarmers - c.honestOverratingSum / c.highStakesToHonest
        : NaN,
    approvalRequests: c.approvalRequests,
    approvalRejections: c.approvalRejections,
    meanApprovalDelay: c.approvals + c.approvalRejections > 0 ? c.approvalDelayMinutes / (c.approvals + c.approvalRejections) : NaN,
    badDelegationsReviewed: c.badDelegationsReviewed,
    rubberStamps: c.rubberStamps,
    rubberStampRate: c.badDelegationsReviewed > 0 ? c.rubberStamps / c.badDelegationsReviewed : NaN,
    humanTasks: c.humanTasks,
    reservedForHumans: c.reservedForHumans,
    humanSkill: world.humanSkill(),
    awards: c.awards,
    liarAwardShare: c.awards > 0 ? c.awardsToLiars / c.awards : NaN,
    priceOverLowest: c.priceLowest > 0 ? c.pricePaid / c.priceLowest : NaN,
    defaults: c.defaults,
    defaulterPayments: c.defaulterPayments,
    bondsForfeited: c.bondsForfeited,
    meanNegotiation: c.negotiations > 0 ? c.negotiationMinutes / c.negotiations : NaN,
    chainedTasks: ch.chained,
    chainsDepth2: ch.depth2,
    chainsDepth3: ch.depth3,
    chainsDepth4plus: ch.depth4plus,
    meanChainDepth: ch.chained > 0 ? ch.depthSum / ch.chained : NaN,
    maxChainDepth: ch.maxDepth,
    garbledIntents: ch.garbled,
    challenges: ch.challenges,
    reauthorisations: ch.reauthorisations,
    attributableFailures: ch.attributableFailures,
    unattributableFailures: ch.unattributableFailures,
    tokensIssued: ch.tokensIssued,
    meanOverPrivilege: ch.tokensIssued > 0 ? ch.overPrivilegeSum / ch.tokensIssued : NaN,
    jitGrants: ch.jitGrants,
    violationsBlocked: ch.misuseBlocked,
    violationsUnblocked: ch.misuseUnblocked,
    meanBlastRadius: ch.blastRadiusSamples > 0 ? ch.blastRadiusSum / ch.blastRadiusSamples : NaN,
    breakerTrips: ch.breakerTrips,
    tokensRevoked: ch.tokensRevoked,
    overDelegations: c.overDelegations,
    underDelegations: c.underDelegations,
    deadlineMisses: deadlineMisses,
    cancellations: c.cancellations,
    deadlineChanges: c.deadlineChanges,
    cascades: cascades.length,
    meanCascadeSize: cascades.length > 0 ? mean(cascades) : 0,
    p95CascadeSize: cascades.length > 0 ? quantileInPlace(Float64Array.from(cascades), 0.95) : 0,
    maxCascadeSize: cascades.length > 0 ? Math.max(...cascades) : 0,
    peakAgentsDown: world.peakAgentsDown,
    peakDownShare: world.agents.count > 0 ? world.peakAgentsDown / world.agents.count : 0,
    peakInterrupted: c.peakInterrupted,
    familyConcentration: c.concentrationSamples > 0 ? c.concentrationSum / c.concentrationSamples : NaN,
    costFees: fees,
    costOverhead: overhead,
    costHarm: harm,
    costMonitoring: monitoring,
    costVerification: verification,
    costAdaptation: adaptation,
    costRecovered: recovered,
    costTotal: totalCost,
    costPerGoal: n > 0 ? totalCost / n : NaN,
    costPerCorrectGoal: correct > 0 ? totalCost / correct : NaN,
    simMinutes: world.sim.now,
    windowMinutes: window,
    events: world.sim.events,
  };
  return { metrics, intervals: { meanWait: batchMeansInterval(waits, 30) } };
}

/** How many goal rows end in each GoalState. */
function countGoalStates(states: ArrayLike<number>, n: number): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) counts[states[i] as number]!++;
  return counts;
}

/** Makespans of completed goals only: a failed goal's end is not a delivery. */
function completedMakespans(log: GoalLog, completed: number): Float64Array {
  const { state, end, arrival } = log;
  const makespans = new Float64Array(completed);
  for (let i = 0, k = 0; i < log.length; i++) {
    const s = state[i];
    if (s === GoalState.CompletedCorrect || s === GoalState.CompletedDefective) {
      makespans[k++] = (end[i] as number) - (arrival[i] as number);
    }
  }
  return makespans;
}

function sumOf(values: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  return sum;
}

/**
 * Bad and adversarial identities that got work, and how soon trust found
 * them out: those whitewashing ended during the run (closed by the world) and
 * those still open now.
 */
function identification(world: World): IdentificationTally {
  const badBelow = world.scenario.trust.badBelow;
  const tally = world.closedIdentities.copy();
  for (let k = 0; k < world.agents.skillReliability.length; k++) {
    tally.add(world.agents, k, badBelow, world.firstAssigned[k] as number, world.identifiedAt[k] as number);
  }
  return tally;
}
