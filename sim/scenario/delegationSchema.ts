// Scenario sections for the intelligent-delegation mechanisms (MODEL.md §3
// steps 5–8, §4; paper §4.4–4.8): trust and reputation, monitoring,
// verification, settlement and adaptive execution, and the adversaries'
// parameters (MODEL.md §4 gaming, §8). Each mechanism is
// switchable and parameterised here so that "with" and "without" runs can be
// compared under common random numbers. Units: minutes, credits, [0, 1].
// Simplification: one set of adversary parameters for the whole population
// (every farmer farms to the same record length, every saboteur at one rate).

import { z } from 'zod';
import { integer, nonNegative, numberIn, positive, unit } from './fields.js';
import { MAX_RESOURCES } from '../model/permissions/scopeMask.js';
import { RESOURCE_NAME } from '../model/permissions/scopeSpace.js';

const AT_LEAST_ONE = { min: 1, max: Infinity };

export const trustSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Learn trust and reputation from observations (off: policies see the prior only).'),
    delegators: integer(1, 64).default(1).describe('Delegators with private trust; goal n belongs to delegator n mod delegators.'),
    prior: z
      .strictObject({ alpha: positive().default(2), beta: positive().default(1) })
      .prefault({})
      .describe('Beta prior of trust in an unknown agent.'),
    halfLife: positive().default(480).describe('Minutes for evidence to lose half its weight (decay toward the prior).'),
    damping: numberIn({ min: 0, max: 1, minExclusive: true }).default(1).describe('Weight of one observation (lower = slower, steadier trust).'),
    reputationWeight: unit().default(0.3).describe('Weight of the public reputation ledger in what policies see.'),
    badBelow: unit().default(0.8).describe('Hidden reliability below which an agent counts as bad (for metrics only).'),
  })
  .prefault({});

export const monitoringSchema = z
  .strictObject({
    target: z.enum(['outcome', 'process']).default('outcome').describe('Observe only results, or progress during execution.'),
    access: z.enum(['indirect', 'direct']).default('indirect').describe('Self-reports / telemetry, or direct inspection.'),
    cadence: z.enum(['continuous', 'periodic', 'event']).default('periodic'),
    interval: positive().default(5).describe('Minutes between periodic checks (continuous checks every interval/10).'),
    costPerObservation: nonNegative().default(0.05).describe('Credits per indirect observation.'),
    directCostFactor: numberIn(AT_LEAST_ONE).default(4).describe('Direct observations cost this many times more.'),
    detection: z
      .strictObject({ indirect: unit().default(0.6), direct: unit().default(0.95) })
      .prefault({})
      .describe('Chance one observation notices a stall or an SLO breach.'),
    delay: nonNegative().default(0.5).describe('Minutes from noticing to acting.'),
    sloFactor: numberIn(AT_LEAST_ONE).default(2).describe('An attempt running longer than sloFactor × expected breaches its SLO.'),
  })
  .prefault({});

const methodFields = {
  cost: nonNegative().describe('Credits per verification.'),
  time: nonNegative().describe('Minutes a verification takes.'),
  detection: unit().describe('Chance of catching a defect in a perfectly verifiable, objective task.'),
  falsePositive: unit().describe('Chance of rejecting a correct output of a fully subjective task.'),
};

export const verificationSchema = z
  .strictObject({
    policy: z.enum(['none', 'all', 'sample']).default('none').describe('What policies without their own rule verify.'),
    sampleRate: unit().default(0.2),
    method: z.enum(['inspection', 'third-party', 'proof', 'panel']).default('inspection'),
    inspection: z
      .strictObject({
        cost: methodFields.cost.default(0.5),
        time: methodFields.time.default(1),
        detection: methodFields.detection.default(0.85),
        falsePositive: methodFields.falsePositive.default(0.1),
      })
      .prefault({}),
    thirdParty: z
      .strictObject({
        cost: methodFields.cost.default(2),
        time: methodFields.time.default(5),
        detection: methodFields.detection.default(0.9),
        falsePositive: methodFields.falsePositive.default(0.05),
      })
      .prefault({}),
    proof: z
      .strictObject({
        cost: methodFields.cost.default(4),
        time: methodFields.time.default(2),
        detection: methodFields.detection.default(0.999),
        falsePositive: methodFields.falsePositive.default(0),
        minVerifiability: unit().default(0.8).describe('A proof exists only for tasks at least this verifiable.'),
      })
      .prefault({}),
    panel: z
      .strictObject({
        cost: methodFields.cost.default(1).describe('Credits per judge.'),
        time: methodFields.time.default(3),
        detection: methodFields.detection.default(0.8).describe('Per judge.'),
        falsePositive: methodFields.falsePositive.default(0.15).describe('Per judge.'),
        judges: integer(1, 15).default(3),
        correlation: unit().default(0.3).describe('Chance the judges err together (one shared draw).'),
      })
      .prefault({}),
    latentDiscovery: unit().default(0.5).describe('Chance a delivered defect is discovered later.'),
    latentDelay: positive().default(240).describe('Mean minutes until a latent defect is discovered.'),
  })
  .prefault({});

export const settlementSchema = z
  .strictObject({
    mode: z.enum(['escrow', 'optimistic']).default('escrow').describe('Pay on verified acceptance, or at once with a dispute window.'),
    stake: unit().default(0.2).describe('Share of its fee an agent bonds; slashed on a proven defect.'),
    disputeWindow: positive().default(120).describe('Minutes after delivery in which a discovered defect is refunded (optimistic).'),
  })
  .prefault({});

export const adaptationSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Act on monitoring triggers (SLO breach, stall) by re-delegating.'),
    cooldown: nonNegative().default(0).describe('Minutes an attempt is left alone before monitoring may pull it.'),
    redelegationFee: nonNegative().default(0).describe('Credits charged per re-delegation of a task…'),
    feeGrowth: numberIn(AT_LEAST_ONE).default(1).describe('…multiplied by this for each earlier re-delegation of the same task.'),
    escalateAbove: unit().default(0.8).describe('Criticality above which an irreversible task is escalated instead of re-delegated.'),
    escalationDelay: nonNegative().default(30).describe('Minutes an escalation takes (human review).'),
    escalationCost: nonNegative().default(20).describe('Credits per escalation.'),
    budgetFactor: numberIn(AT_LEAST_ONE).optional().describe('A goal whose fees exceed this × its expected cost triggers a budget overrun.'),
  })
  .prefault({});

export const adversariesSchema = z
  .strictObject({
    shirkFactor: unit().default(0.5).describe('A shirker does this share of the work; the rest of its output is silently wrong.'),
    sabotageRate: unit().default(0.3).describe('Chance a saboteur plants a silent defect in an output that would have been correct.'),
    backdoorRate: unit().default(0.3).describe('Chance a backdoor agent plants delayed harm in an output that looks correct.'),
    backdoorDelay: positive().default(240).describe('Mean minutes until a backdoor does its harm.'),
    subversion: unit().default(0.8).describe("Share of verifications of a subverter's defective outputs that it defeats."),
    exhaustionFactor: numberIn(AT_LEAST_ONE).default(3).describe('An exhauster holds each task this many times longer.'),
    whitewashEvery: positive().default(240).describe('Mean minutes between a sybil discarding its identity (trust and reputation reset).'),
    collusionRate: nonNegative().default(1).describe('Fake positive ratings a colluder files for its ring per task it completes.'),
    maliciousDelegators: unit().default(0).describe('Share of delegators that file false failure reports.'),
    falseReportRate: unit().default(0.5).describe('Chance a malicious delegator reports a success as a failure.'),
    farmUntil: integer(0, 1_000_000)
      .default(20)
      .describe('A farmer takes only easy tasks (see farmEasyMax) until its public record on a skill holds this many outcomes; then anything.'),
    farmEasyMax: unit()
      .default(0.3)
      .describe('Highest criticality and complexity of a task a farmer takes while its record is short; it declines the rest (no bid, no failure).'),
  })
  .prefault({});

export const oversightSchema = z
  .strictObject({
    mode: z
      .enum(['none', 'blanket', 'context-aware'])
      .default('none')
      .describe('Which delegations need human approval: none, all (blanket), or only high-stakes ones (context-aware).'),
    criticalityAbove: unit().default(0.7).describe('Context-aware: review tasks at or above this criticality…'),
    uncertaintyAbove: unit().default(0.7).describe('…or at or above this uncertainty…'),
    reversibilityBelow: unit().default(0.3).describe('…or below this reversibility.'),
    overseers: integer(1, 10_000).default(2).describe('Humans reviewing approvals in parallel.'),
    span: integer(1, 1000).default(4).describe('Span of control: approvals one overseer can keep in attention before fatigue sets in.'),
    reviewTime: positive().default(2).describe('Minutes one review takes.'),
    accuracy: unit().default(0.9).describe('Chance a rested overseer catches a bad delegation.'),
    fatigue: nonNegative().default(0.7).describe('Accuracy × exp(−fatigue × load above span): alarm fatigue.'),
    reserveShare: unit().default(0).describe('Share of tasks kept for human delegatees when one is shortlisted (against de-skilling).'),
    skillDecay: nonNegative().default(0.0005).describe('Per minute: a human skill level decays toward 0 without practice.'),
    practiceGain: unit().default(0.02).describe('Each task a human does moves its level this share of the way to 1.'),
  })
  .prefault({});

export const marketSchema = z
  .strictObject({
    rfqTime: nonNegative().default(0.5).describe('Minutes a contract-net round (announce, bid, award) takes.'),
    orchestratorRate: positive().default(30).describe('Assignments per minute a centralized registry orchestrator can make (its span of control).'),
    margin: nonNegative().default(0.1).describe('Share above its expected fee an agent bids.'),
    lie: unit().default(0.3).describe('Confidence a strategic (overconfident) agent adds to its true success chance when bidding.'),
    bond: unit().default(0.2).describe('Share of the agreed fee a contractor bonds; forfeited to the delegator on default, and the defaulter also pays the price difference of the re-auction.'),
  })
  .prefault({});

export const chainsSchema = z
  .strictObject({
    probability: unit().default(0).describe('Chance an AI delegatee hands a coarse task on to another agent, at each hop.'),
    coarseAbove: unit().default(0.5).describe('Complexity at or above which a task is coarse enough to sub-delegate.'),
    maxDepth: integer(1, 10).default(3).describe('Longest chain: delegator → … → executor hops.'),
    garble: unit().default(0.1).describe('Chance per hop that intent is garbled (the zone of indifference).'),
    challenge: unit().default(0.5).describe('Chance a delegatee challenges a garbled request (and it is clarified).'),
    challengeDelay: nonNegative().default(2).describe('Minutes a challenge costs.'),
    firebreakDepth: integer(1, 10).default(2).describe('Depth of the liability firebreak.'),
    firebreak: z
      .enum(['none', 'liability', 'reauthorize'])
      .default('none')
      .describe('At the firebreak: nothing, the agent takes full liability, or the chain pauses for human re-authorisation.'),
    reauthorizeDelay: nonNegative().default(10).describe('Minutes a re-authorisation takes.'),
  })
  .prefault({});

export const permissionsSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Issue delegation capability tokens and check them.'),
    resources: z
      .array(z.string().regex(RESOURCE_NAME, { error: "must start with a letter and hold only letters, digits, '_', '.', '-'" }))
      .min(1)
      .max(MAX_RESOURCES)
      .superRefine((names, ctx) => {
        names.forEach((name, i) => {
          if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'duplicate resource' });
        });
      })
      .default(['data', 'code', 'docs', 'payments', 'email']),
    // Keys (declared skills) and scopes (declared resources) are checked
    // against the rest of the scenario in schema.ts.
    needs: z
      .record(z.string(), z.array(z.string()))
      .default({})
      .describe('Scopes each skill needs, as "resource:operation" (either side may be *; operation read, write, execute or delegate); default: read and write on one resource per skill.'),
    mode: z.enum(['attenuate', 'pass-through']).default('attenuate').describe('Each hop grants only what the task needs, or all the parent has.'),
    ttl: positive().default(120).describe('Minutes a task token lives.'),
    standingBelow: unit().default(0.7).describe('Tasks below this criticality run on standing permissions; others wait for a just-in-time grant.'),
    jitDelay: nonNegative().default(1).describe('Minutes a just-in-time grant takes.'),
    misuseRate: unit().default(0.3).describe('Chance per task that a compromised (adversarial) agent tries an operation outside its task.'),
    misuseHarm: nonNegative().default(0.5).describe('Harm of a misuse that gets through, × criticality × lossPerCriticality.'),
    circuitBreaker: unit().default(0).describe("Trust below which a delegator revokes all of an agent's tokens, down its chain (0 = off)."),
  })
  .prefault({});
