// How an attempt ends (MODEL.md §3 step 4 and §8; paper §4.4, §4.9): the
// codes execution.ts draws and failure injection adds, shared with the audit
// log, whose outcome codes extend these (audit/auditRecord.ts).

/**
 * How an attempt ends. The first five come from executing; Interrupted (the
 * agent went down under it) and Outage (its tool became unavailable) come
 * from failure injection.
 */
export const Outcome = {
  Success: 0,
  SilentDefect: 1,
  Crash: 2,
  Refusal: 3,
  Timeout: 4,
  Interrupted: 5,
  Outage: 6,
} as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];
export const OUTCOME_NAMES = ['success', 'silent-defect', 'crash', 'refusal', 'timeout', 'interrupted', 'outage'] as const;
