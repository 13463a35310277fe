// Tests of the audit record's canonical form and vocabularies.

import { describe, expect, it } from 'vitest';
import { OUTCOME_NAMES } from '../execution.js';
import {
  AUDIT_FIELDS,
  AUDIT_OUTCOMES,
  AUDIT_REASONS,
  AuditOutcome,
  AuditReason,
  GENESIS_HASH,
  auditLine,
  auditRecordProblem,
  canonicalRecord,
  type AuditRecord,
} from './auditRecord.js';

const record: AuditRecord = { seq: 3, time: 12.5, delegator: -1, delegatee: 4, task: 17, goal: 2, token: 9, reason: 'assign', outcome: 'pending' };

describe('canonicalRecord', () => {
  it('canonicalRecord writes the fields in canonical order without spaces', () => {
    expect(canonicalRecord(record)).toBe(
      '{"seq":3,"time":12.5,"delegator":-1,"delegatee":4,"task":17,"goal":2,"token":9,"reason":"assign","outcome":"pending"}',
    );
    expect(Object.keys(JSON.parse(canonicalRecord(record)))).toEqual([...AUDIT_FIELDS]);
  });

  it('canonicalRecord ignores the key order of its input and writes numbers as JSON does', () => {
    const shuffled = { outcome: 'success', reason: 'revoke', token: -1, goal: 0, task: 0, delegatee: 1, delegator: 2, time: -0, seq: 0 };
    expect(canonicalRecord(shuffled)).toBe('{"seq":0,"time":0,"delegator":2,"delegatee":1,"task":0,"goal":0,"token":-1,"reason":"revoke","outcome":"success"}');
    expect(canonicalRecord({ ...record, time: 1e21 })).toContain('"time":1e+21');
    expect(canonicalRecord({ ...record, time: 0.1 + 0.2 })).toContain('"time":0.30000000000000004');
  });

  it('auditLine appends prev and hash as the last keys', () => {
    const line = auditLine(canonicalRecord(record), GENESIS_HASH, 'f'.repeat(64));
    expect(Object.keys(JSON.parse(line))).toEqual([...AUDIT_FIELDS, 'prev', 'hash']);
    expect(line.endsWith(`"prev":"${GENESIS_HASH}","hash":"${'f'.repeat(64)}"}`)).toBe(true);
  });

  it('auditRecordProblem accepts a valid record and names the first bad field', () => {
    expect(auditRecordProblem({ ...record })).toBeNull();
    expect(auditRecordProblem({ ...record, seq: -1 })).toMatch(/^seq:/);
    expect(auditRecordProblem({ ...record, time: Infinity })).toMatch(/^time:/);
    expect(auditRecordProblem({ ...record, task: 1.5 })).toMatch(/^task:/);
    expect(auditRecordProblem({ ...record, token: '9' })).toMatch(/^token:/);
    expect(auditRecordProblem({ ...record, outcome: '' })).toMatch(/^outcome:/);
  });
});

describe('audit vocabularies', () => {
  it('AuditReason and AuditOutcome codes index their name lists', () => {
    const kebab = (k: string) => k.replace(/[A-Z]/g, (c, i) => (i > 0 ? '-' : '') + c.toLowerCase());
    for (const [key, code] of Object.entries(AuditReason)) expect(AUDIT_REASONS[code]).toBe(kebab(key));
    for (const [key, code] of Object.entries(AuditOutcome)) expect(AUDIT_OUTCOMES[code]).toBe(kebab(key));
    expect(Object.keys(AuditReason)).toHaveLength(AUDIT_REASONS.length);
    expect(Object.keys(AuditOutcome)).toHaveLength(AUDIT_OUTCOMES.length);
  });

  it('AUDIT_OUTCOMES begins with the execution outcomes, code for code', () => {
    expect(AUDIT_OUTCOMES.slice(0, OUTCOME_NAMES.length)).toEqual([...OUTCOME_NAMES]);
  });
});
