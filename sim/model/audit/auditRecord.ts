// One audit record (MODEL.md §9 "audit"; paper §5.2 accountability, §4.9):
// a delegation decision — who delegated what to whom, why, under which
// token, and how it ended — and its canonical serialisation, the exact bytes
// the hash chain covers. Free of node: imports so the browser can reuse it.
//
// Canonical form: one JSON object with the keys in the order of AUDIT_FIELDS,
// no spaces, numbers as JSON.stringify writes them, strings JSON-escaped. A
// log line is the canonical record with `prev` and `hash` appended:
//
//     {"seq":0,"time":1.5,"delegator":-1,…,"outcome":"pending","prev":"000…","hash":"9f8…"}
//     hash = sha256(prev + canonical(record)), prev of the first record = GENESIS_HASH
//
// Simplifications: ids are plain integers (−1 for none: a human principal as
// delegator, no token when permissions are off); task ids may be recycled by
// the model, so a task is identified by (goal, task) within a time span.

import { Outcome, OUTCOME_NAMES } from '../outcome.js';

/** Why a delegation decision was made. Codes are positions; append new reasons at the end. */
export const AUDIT_REASONS = [
  'assign',
  'redelegate',
  'subdelegate',
  'escalate',
  'approve',
  'deny',
  'verify-accept',
  'verify-reject',
  'revoke',
  'circuit-breaker',
  'award',
] as const;
export type AuditReasonName = (typeof AUDIT_REASONS)[number];

/** How a decision ended: the execution outcomes (outcome.ts), code for code, then the audit's own. */
export const AUDIT_OUTCOMES = [...OUTCOME_NAMES, 'pending', 'refused', 'cancelled', 'revoked'] as const;
export type AuditOutcomeName = (typeof AUDIT_OUTCOMES)[number];

/** Reason codes for the writer's numbers-only API. */
export const AuditReason = {
  Assign: 0,
  Redelegate: 1,
  Subdelegate: 2,
  Escalate: 3,
  /** A human or third party approved a high-stakes delegation. */
  Approve: 4,
  Deny: 5,
  VerifyAccept: 6,
  VerifyReject: 7,
  Revoke: 8,
  CircuitBreaker: 9,
  /** A market award (contract-net). */
  Award: 10,
} as const;

/** Outcome codes for the writer's numbers-only API. */
export const AuditOutcome = {
  ...Outcome,
  /** Decided; the result is not known yet. */
  Pending: 7,
  /** The delegation itself was refused (no permission, approval denied, token refused). */
  Refused: 8,
  Cancelled: 9,
  Revoked: 10,
} as const;

/** One delegation decision. Numbers are ids or simulated minutes (time). */
export interface AuditRecord {
  seq: number;
  time: number;
  delegator: number;
  delegatee: number;
  task: number;
  goal: number;
  token: number;
  reason: string;
  outcome: string;
}

/** The record's keys in canonical order. */
export const AUDIT_FIELDS = ['seq', 'time', 'delegator', 'delegatee', 'task', 'goal', 'token', 'reason', 'outcome'] as const;

/** The prev of the first record: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** A function from text (UTF-8) to its SHA-256 as 64 lowercase hex digits. */
export type Sha256Hex = (text: string) => string;

/**
 * The canonical JSON of a record: the bytes its hash covers.
 *
 * @example canonicalRecord({ seq: 0, time: 1.5, delegator: -1, delegatee: 3, task: 7, goal: 2, token: -1, reason: 'assign', outcome: 'pending' })
 * // '{"seq":0,"time":1.5,"delegator":-1,"delegatee":3,"task":7,"goal":2,"token":-1,"reason":"assign","outcome":"pending"}'
 */
export function canonicalRecord(r: AuditRecord): string {
  return (
    `{"seq":${JSON.stringify(r.seq)},"time":${JSON.stringify(r.time)},"delegator":${JSON.stringify(r.delegator)}` +
    `,"delegatee":${JSON.stringify(r.delegatee)},"task":${JSON.stringify(r.task)},"goal":${JSON.stringify(r.goal)}` +
    `,"token":${JSON.stringify(r.token)},"reason":${JSON.stringify(r.reason)},"outcome":${JSON.stringify(r.outcome)}}`
  );
}

/** The log line (without its newline) for a canonical record and its chain fields. */
export function auditLine(canonical: string, prev: string, hash: string): string {
  return `${canonical.slice(0, -1)},"prev":"${prev}","hash":"${hash}"}`;
}

/**
 * Why `r` cannot be written or verified as an audit record, or null when it
 * can: seq a non-negative integer, time finite, ids integers ≥ −1, reason and
 * outcome short non-empty strings.
 */
export function auditRecordProblem(r: Record<string, unknown>): string | null {
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 0) return 'seq: must be a non-negative integer';
  if (typeof r.time !== 'number' || !Number.isFinite(r.time)) return 'time: must be a finite number';
  for (const key of ['delegator', 'delegatee', 'task', 'goal', 'token'] as const) {
    const v = r[key];
    if (!Number.isSafeInteger(v) || (v as number) < -1) return `${key}: must be an integer ≥ -1`;
  }
  for (const key of ['reason', 'outcome'] as const) {
    const v = r[key];
    if (typeof v !== 'string' || v.length === 0 || v.length > 64) return `${key}: must be a string of 1 to 64 characters`;
  }
  return null;
}
