// Adaptive execution (MODEL.md §3 step 6; paper §4.4): what the delegator
// does when a trigger fires on a task. Triggers: internal — SLO degradation
// and an unresponsive (stalled) agent seen by monitoring, a failed
// intermediate verification, a budget overrun — and external — the agent
// crashing, a tool outage, which arrive as visible failures.
// Responses, decided by reversibility and criticality as the paper argues:
//  - escalate: irreversible (reversibility < 0.5) and critical work
//    (criticality ≥ escalateAbove) goes to a human first (a delay and a cost),
//    then is re-delegated;
//  - adjust: a mere SLO breach on low-stakes work (criticality < 0.3) that is
//    still making progress is left to run;
//  - re-decompose: a task that has already failed twice and is complex
//    (≥ 0.4) is re-scoped — simplified here to re-delegating it with its
//    complexity × 0.75 at the cost of one decomposition split;
//  - re-delegate: everything else goes to another agent.
// Stability controls live in the world: the cooldown before monitoring may
// pull an attempt, trust damping, and the rising re-delegation fee.

export const Trigger = { Slo: 0, Stall: 1, Verification: 2, VisibleFailure: 3, Budget: 4 } as const;
export const Response = { Redelegate: 0, Escalate: 1, Adjust: 2, Redecompose: 3 } as const;
export const RESPONSE_NAMES = ['re-delegate', 'escalate', 'adjust', 're-decompose'] as const;

export interface TaskSituation {
  criticality: number;
  reversibility: number;
  complexity: number;
  /** Failed attempts so far (delegations an overseer refused included), this one included. */
  failures: number;
}

export function decide(trigger: number, task: TaskSituation, escalateAbove: number): number {
  if (task.reversibility < 0.5 && task.criticality >= escalateAbove) return Response.Escalate;
  if (trigger === Trigger.Slo && task.criticality < 0.3) return Response.Adjust;
  if (trigger === Trigger.Budget) return Response.Adjust;
  if (task.failures >= 2 && task.complexity >= 0.4) return Response.Redecompose;
  return Response.Redelegate;
}
