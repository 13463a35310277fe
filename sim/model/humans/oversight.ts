// Human oversight of delegations (MODEL.md §7; paper §5.1): approvals for
// critical or irreversible delegations queue on a few overseers with limited
// attention. A rested overseer catches a bad delegation (an unreliable or
// adversarial delegatee) with probability `accuracy`; above the span of
// control the chance falls — alarm fatigue — as
//   accuracy · exp(−fatigue · max(0, load − 1)),  load = requests in review or
//   waiting ÷ (overseers · span)
// and what is not caught is rubber-stamped. A refused delegation goes to
// another agent and counts against assignment.retryLimit (World.decideApproval),
// so a task nobody acceptable will take fails instead of cycling forever.
// A request whose goal ends (cancelled, failed) is withdrawn, also one under
// review: its overseer drops it and turns to the next. Context-aware friction reviews
// only high-criticality, high-uncertainty or irreversible work; blanket
// review asks about everything, and so loads the overseers more.
// Simplifications: overseers are a pool separate from the population, and a
// review judges the chosen delegatee, not the task's output.

import { exp } from '../../engine/detMath.js';
import type { Scenario } from '../../scenario/schema.js';

type Oversight = Scenario['oversight'];

/** Whether the scenario's oversight rule asks for approval of a delegation of this task. */
export function scenarioNeedsApproval(o: Oversight, criticality: number, uncertainty: number, reversibility: number): boolean {
  if (o.mode === 'none') return false;
  if (o.mode === 'blanket') return true;
  return criticality >= o.criticalityAbove || uncertainty >= o.uncertaintyAbove || reversibility < o.reversibilityBelow;
}

/** Chance the overseers catch a bad delegation at the given number of requests in review or waiting. */
export function effectiveAccuracy(o: Oversight, requests: number): number {
  const load = requests / (o.overseers * o.span);
  return o.accuracy * exp(-o.fatigue * Math.max(0, load - 1));
}
