// Tests of the audit log on disk: openAuditFile writes a log that
// verifyAuditFile accepts, streaming across its 1 MiB read chunks, and
// verifyAuditFile reports tampering exactly as verifyAuditLog does.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditFile, sha256Hex, verifyAuditFile, verifyAuditLog } from './auditFile.js';
import { AuditOutcome, AuditReason, auditLine, canonicalRecord } from './auditRecord.js';

const dir = mkdtempSync(join(tmpdir(), 'delegsim-audit-'));

function writeLog(path: string, n: number): string {
  const log = openAuditFile(path, { chunkRecords: 1024 });
  for (let i = 0; i < n; i++) log.record(i * 0.25, i % 13, 1000 + (i % 777), i, i >> 3, i % 5 === 0 ? -1 : 50_000 + i, AuditReason.Assign, i % 9 === 0 ? AuditOutcome.Crash : AuditOutcome.Success);
  const head = log.head;
  log.close();
  expect(log.head).not.toBe(head); // close wrote the last chunk
  return log.head;
}

describe('openAuditFile and verifyAuditFile', () => {
  it('sha256Hex is SHA-256 as lowercase hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é…')).toBe(createHash('sha256').update(Buffer.from('é…', 'utf8')).digest('hex'));
  });

  it('verifyAuditFile accepts a written log larger than one read chunk', () => {
    const path = join(dir, 'ok.jsonl');
    const head = writeLog(path, 6000);
    const text = readFileSync(path, 'utf8');
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(verifyAuditFile(path)).toEqual({ ok: true, records: 6000, head });
    expect(verifyAuditLog(text)).toEqual({ ok: true, records: 6000, head });
  });

  it('verifyAuditFile reports tampering past the first read chunk like verifyAuditLog', () => {
    const path = join(dir, 'tampered.jsonl');
    writeLog(path, 6000);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[5000] = lines[5000]!.replace('"delegatee":', '"delegatee":9');
    writeFileSync(path, lines.join('\n'));
    const v = verifyAuditFile(path);
    expect(v).toMatchObject({ ok: false, line: 5001, seq: 5000, problem: 'hash does not match its content — edited?' });
    expect(verifyAuditLog(lines.join('\n'))).toEqual(v);
  });

  it('verifyAuditFile rejects an endless line without reading it all into memory', () => {
    const path = join(dir, 'junk.bin');
    writeFileSync(path, Buffer.alloc(3 << 20, 0x61));
    expect(verifyAuditFile(path)).toMatchObject({ ok: false, line: 1, problem: expect.stringMatching(/longer than/) });
  });

  it('verifyAuditFile decodes a character split across two read chunks', () => {
    // The writer only writes ASCII, but the verifier accepts any short reason:
    // a chain of records with two-byte characters, padded at the start so that
    // one of them straddles the 1 MiB read boundary. A wrong split would
    // change a hash.
    const boundary = 1 << 20;
    const build = (pad: number) => {
      let prev = '0'.repeat(64);
      let text = '';
      for (let seq = 0; seq < 4000; seq++) {
        const fill = Math.min(Math.max(pad - seq * 60, 0), 60);
        const reason = seq < 10 ? 'a'.repeat(1 + fill) : 'é'.repeat(60);
        const canonical = canonicalRecord({ seq, time: seq, delegator: 1, delegatee: 2, task: 3, goal: 4, token: 5, reason, outcome: 'success' });
        const hash = sha256Hex(prev + canonical);
        text += auditLine(canonical, prev, hash) + '\n';
        prev = hash;
      }
      return { bytes: Buffer.from(text, 'utf8'), head: prev };
    };
    const base = build(0).bytes;
    let p = boundary;
    while ((base[p]! & 0xc0) !== 0x80) p--; // the nearest continuation byte at or before the boundary
    const { bytes, head } = build(boundary - p);
    expect(bytes[boundary]! & 0xc0).toBe(0x80);
    const path = join(dir, 'utf8.jsonl');
    writeFileSync(path, bytes);
    expect(verifyAuditFile(path)).toEqual({ ok: true, records: 4000, head });
  });

  it('verifyAuditFile throws the file system error for a missing file', () => {
    expect(() => verifyAuditFile(join(dir, 'nope.jsonl'))).toThrow(/ENOENT/);
  });
});
