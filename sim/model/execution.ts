// Execution of one attempt (MODEL.md §3 step 4; paper §4.1, §4.4): how long an
// agent takes and how the attempt ends. This is the only module that reads an
// agent's hidden reliability.
//
// Service time (minutes):
//   T = duration · (1 + κ·complexity) / (speed · speedFactor) · exp(σ·u·Z − (σ·u)²/2)
// with κ = execution.complexityWork, σ = execution.noise, u = uncertainty and
// Z standard normal — a mean-one lognormal factor, so uncertainty widens the
// spread without moving the mean. With complexity 0 and uncertainty 0 it is
// exactly the drawn duration (the M/M/c validation relies on this).
//
// Outcome probabilities, with r = hidden reliability · reliabilityFactor,
// g = 1 − ℓ the agent's skill gap (ℓ = advertised skill level), c complexity,
// u uncertainty, x contextuality, s subjectivity, and w = 0.1 for humans,
// 0.4 otherwise (humans handle context and preference better, MODEL.md §7):
//   p_ok     = r · (1 − 0.5·c·g) · (1 − 0.3·u·g) · (1 − w·x·g) · (1 − w·s·g)
//   p_silent = (1 − p_ok) · φ,  φ = clamp(0.1 + 0.4·(1−v) + 0.2·s, 0, 1)   (v = verifiability)
//   p_visible = (1 − p_ok) · (1 − φ), split into refusal with share 0.5·g, else crash
// so a fully skilled agent succeeds with its hidden reliability, and the
// harder, vaguer, more contextual or subjective the task, the more the skill
// gap costs. Hard-to-verify and subjective work fails silently more often.
// A silent defect looks like success: only verification (verification.ts) or harm
// downstream reveals it. Timeouts are not drawn here: an attempt whose
// service time exceeds timeoutFactor × its expected time is stopped at that
// bound by the world and fails visibly as a timeout.
// The constants are fixed modelling choices, kept in one place so a reader
// can trace each outcome to its cause.

import type { Rng } from '../engine/random.js';
import { normal } from '../engine/distributions.js';
import { exp } from '../engine/detMath.js';
import type { AgentTable } from './agents.js';
import type { TaskTable } from './tasks.js';
import { Outcome, type OutcomeCode } from './outcome.js';

export { Outcome, OUTCOME_NAMES, type OutcomeCode } from './outcome.js';


export interface ExecutionParams {
  noise: number;
  complexityWork: number;
  timeoutFactor: number;
  /** Chance an attempt stalls (no progress until monitoring or the timeout stops it). */
  stallProbability: number;
}

const HUMAN = 1;

/** Work of task t in minutes at speed 1, complexity included. */
export function workOf(p: ExecutionParams, tasks: TaskTable, t: number): number {
  return tasks.duration(t) * (1 + p.complexityWork * tasks.complexity(t));
}

/**
 * The timeout of an attempt: timeoutFactor × the time the delegator expects
 * from the agent's advertised speed. A degraded agent (speedFactor < 1) can
 * overrun it; the delegator cannot see degradation in advance.
 */
export function timeoutOf(p: ExecutionParams, tasks: TaskTable, agents: AgentTable, t: number, a: number): number {
  return (p.timeoutFactor * workOf(p, tasks, t)) / (agents.speed[a] as number);
}

/** Draws the service time of one attempt. Draws from `rng` only when the task is uncertain. */
export function drawServiceTime(
  p: ExecutionParams,
  tasks: TaskTable,
  agents: AgentTable,
  t: number,
  a: number,
  rng: Rng,
  work = workOf(p, tasks, t),
): number {
  const base = work / ((agents.speed[a] as number) * (agents.speedFactor[a] as number));
  const spread = p.noise * tasks.uncertainty(t);
  if (spread === 0) return base;
  return base * exp(spread * normal(rng, 0, 1) - 0.5 * spread * spread);
}

/** Probability that the attempt succeeds cleanly (the formula above). */
export function successProbability(tasks: TaskTable, agents: AgentTable, t: number, a: number, slot: number): number {
  const r = (agents.skillReliability[slot] as number) * (agents.reliabilityFactor[a] as number);
  const level = agents.skillLevel[slot] as number;
  const gap = 1 - level;
  const w = (agents.kind[a] === HUMAN ? 0.1 : 0.4) * gap;
  return (
    r *
    (1 - 0.5 * tasks.complexity(t) * gap) *
    (1 - 0.3 * tasks.uncertainty(t) * gap) *
    (1 - w * tasks.contextuality(t)) *
    (1 - w * tasks.subjectivity(t))
  );
}

/** Draws how an attempt that ran to completion ends. */
export function drawOutcome(tasks: TaskTable, agents: AgentTable, t: number, a: number, rng: Rng): OutcomeCode {
  const slot = tasks.slot(t); // a's slot for the task's skill, kept when the attempt started
  const pOk = successProbability(tasks, agents, t, a, slot);
  if (pOk >= 1 || rng() < pOk) return Outcome.Success;
  const silentShare = Math.min(1, Math.max(0, 0.1 + 0.4 * (1 - tasks.verifiability(t)) + 0.2 * tasks.subjectivity(t)));
  if (rng() < silentShare) return Outcome.SilentDefect;
  const refusalShare = 0.5 * (1 - (agents.skillLevel[slot] as number));
  return rng() < refusalShare ? Outcome.Refusal : Outcome.Crash;
}
