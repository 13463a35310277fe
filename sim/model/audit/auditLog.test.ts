// Tests of the audit writers: the chained log produces exactly the lines an
// independent chain (node:crypto createHash over prev + canonical record)
// gives, in any chunking; it validates its numbers; the null log does nothing.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../engine/random.js';
import { ChainedAuditLog, NullAuditLog } from './auditLog.js';
import { sha256Hex } from './auditFile.js';
import {
  AUDIT_OUTCOMES,
  AUDIT_REASONS,
  AuditOutcome,
  AuditReason,
  GENESIS_HASH,
  auditLine,
  canonicalRecord,
  type AuditRecord,
} from './auditRecord.js';
import { splitLines, verifyAuditLines } from './verifyAuditLines.js';

function syntheticRecords(n: number, seed = 1): AuditRecord[] {
  const rng = createStream(seed, 'audit-records');
  const out: AuditRecord[] = [];
  let time = 0;
  for (let seq = 0; seq < n; seq++) {
    time += rng() * 3;
    out.push({
      seq,
      time: Math.round(time * 1000) / 1000,
      delegator: Math.floor(rng() * 50) - 1,
      delegatee: Math.floor(rng() * 500),
      task: Math.floor(rng() * 10_000),
      goal: Math.floor(seq / 4),
      token: rng() < 0.2 ? -1 : Math.floor(rng() * 1e6),
      reason: AUDIT_REASONS[Math.floor(rng() * AUDIT_REASONS.length)] as string,
      outcome: AUDIT_OUTCOMES[Math.floor(rng() * AUDIT_OUTCOMES.length)] as string,
    });
  }
  return out;
}

/** The chain computed independently of the writer: hash_i = sha256(hash_{i-1} + canonical_i). */
function referenceChain(records: AuditRecord[]): string {
  let prev = GENESIS_HASH;
  let out = '';
  for (const r of records) {
    const canonical = canonicalRecord(r);
    const hash = createHash('sha256').update(prev + canonical, 'utf8').digest('hex');
    out += auditLine(canonical, prev, hash) + '\n';
    prev = hash;
  }
  return out;
}

function writeAll(records: AuditRecord[], chunkRecords: number): { text: string; writes: number; log: ChainedAuditLog } {
  const parts: string[] = [];
  const log = new ChainedAuditLog({ hash: sha256Hex, write: (s) => parts.push(s), chunkRecords });
  for (const r of records) {
    log.record(r.time, r.delegator, r.delegatee, r.task, r.goal, r.token, AUDIT_REASONS.indexOf(r.reason as never), AUDIT_OUTCOMES.indexOf(r.outcome as never));
  }
  log.close();
  return { text: parts.join(''), writes: parts.length, log };
}

describe('ChainedAuditLog', () => {
  const records = syntheticRecords(3000);
  const expected = referenceChain(records);

  it('record and close write the same bytes as an independent hash chain, whatever the chunk size', () => {
    for (const chunk of [1, 7, 4096, 100_000]) {
      const { text, writes, log } = writeAll(records, chunk);
      expect(text).toBe(expected);
      expect(writes).toBe(Math.ceil(3000 / chunk));
      expect(log.count).toBe(3000);
      expect(log.head).toBe(JSON.parse(expected.trimEnd().split('\n').at(-1)!).hash);
    }
    expect(verifyAuditLines(splitLines(expected), sha256Hex)).toEqual({ ok: true, records: 3000, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('record returns consecutive seqs and writes nothing until a chunk fills', () => {
    const parts: string[] = [];
    const log = new ChainedAuditLog({ hash: sha256Hex, write: (s) => parts.push(s), chunkRecords: 3 });
    expect(log.record(0, -1, 1, 2, 3, -1, AuditReason.Assign, AuditOutcome.Pending)).toBe(0);
    expect(log.record(1, 1, 2, 2, 3, 5, AuditReason.Subdelegate, AuditOutcome.Pending)).toBe(1);
    expect(parts).toHaveLength(0);
    expect(log.head).toBe(GENESIS_HASH);
    expect(log.record(2, 2, 3, 2, 3, 6, AuditReason.VerifyReject, AuditOutcome.SilentDefect)).toBe(2);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.split('\n')).toHaveLength(4);
    expect(JSON.parse(parts[0]!.split('\n')[2]!)).toMatchObject({ reason: 'verify-reject', outcome: 'silent-defect', token: 6 });
  });

  it('record rejects a non-finite time, a non-integer id and unknown codes', () => {
    const log = new ChainedAuditLog({ hash: sha256Hex, write: () => {} });
    expect(() => log.record(NaN, 0, 0, 0, 0, 0, 0, 0)).toThrow(/time must be finite/);
    expect(() => log.record(0, 0.5, 0, 0, 0, 0, 0, 0)).toThrow(/ids must be integers/);
    expect(() => log.record(0, 0, -2, 0, 0, 0, 0, 0)).toThrow(/ids must be integers/);
    expect(() => log.record(0, 0, 0, 0, 0, 0, AUDIT_REASONS.length, 0)).toThrow(/unknown reason code/);
    expect(() => log.record(0, 0, 0, 0, 0, 0, 0, -1)).toThrow(/unknown outcome code/);
    expect(log.count).toBe(0);
    log.close();
    expect(() => log.record(0, 0, 0, 0, 0, 0, 0, 0)).toThrow(/after close/);
  });

  it('flush keeps the buffer when the sink throws, so a retry writes the same lines', () => {
    let fail = true;
    const parts: string[] = [];
    const log = new ChainedAuditLog({ hash: sha256Hex, write: (s) => (fail ? (() => { throw new Error('disk full'); })() : parts.push(s)), chunkRecords: 100 });
    for (const r of records.slice(0, 10)) log.record(r.time, r.delegator, r.delegatee, r.task, r.goal, r.token, 0, 0);
    expect(() => log.flush()).toThrow(/disk full/);
    fail = false;
    log.close();
    expect(verifyAuditLines(splitLines(parts.join('')), sha256Hex)).toMatchObject({ ok: true, records: 10 });
  });

  it('close calls release once, after the last write', () => {
    const events: string[] = [];
    const log = new ChainedAuditLog({ hash: sha256Hex, write: () => events.push('write'), release: () => events.push('release') });
    log.record(0, 0, 0, 0, 0, 0, 0, 0);
    log.close();
    log.close();
    expect(events).toEqual(['write', 'release']);
  });
});

describe('NullAuditLog', () => {
  it('NullAuditLog records nothing and says it is off', () => {
    const log = new NullAuditLog();
    expect(log.enabled).toBe(false);
    expect(log.record()).toBe(-1);
    log.flush();
    log.close();
  });
});
