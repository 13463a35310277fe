// Tests of audit-log verification: a few thousand synthetic records written
// by the chained writer verify; each kind of tampering is reported at exactly
// the first bad line, with a message saying what kind it is.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../engine/random.js';
import { ChainedAuditLog } from './auditLog.js';
import { sha256Hex, verifyAuditLog } from './auditFile.js';
import { AUDIT_OUTCOMES, AUDIT_REASONS, auditLine, canonicalRecord, type AuditRecord } from './auditRecord.js';
import { MAX_AUDIT_LINE, splitLines } from './verifyAuditLines.js';

const N = 3000;

/** A log of n synthetic decisions, written by the writer under test. */
function writtenLog(n: number): string[] {
  const rng = createStream(5, 'audit-verify');
  const parts: string[] = [];
  const log = new ChainedAuditLog({ hash: sha256Hex, write: (s) => parts.push(s), chunkRecords: 512 });
  let time = 0;
  for (let i = 0; i < n; i++) {
    time += rng() * 2;
    log.record(time, Math.floor(rng() * 20) - 1, Math.floor(rng() * 200), i % 997, i >> 2, rng() < 0.3 ? -1 : i, Math.floor(rng() * AUDIT_REASONS.length), Math.floor(rng() * AUDIT_OUTCOMES.length));
  }
  log.close();
  return parts.join('').split('\n').slice(0, -1); // lines without their '\n'
}

const text = (lines: string[]) => lines.map((l) => l + '\n').join('');
type Line = AuditRecord & { prev: string; hash: string };
const parse = (line: string) => JSON.parse(line) as Line;
const serialise = (r: Line) => auditLine(canonicalRecord(r), r.prev, r.hash);

/** Rewrites the chain from `genesis` as a forger would: every line self-consistent. */
function rechain(lines: string[], genesis: string): string[] {
  let prev = genesis;
  return lines.map((line) => {
    const r = parse(line);
    const canonical = canonicalRecord(r);
    const hash = createHash('sha256').update(prev + canonical).digest('hex');
    const out = auditLine(canonical, prev, hash);
    prev = hash;
    return out;
  });
}

function swap(lines: string[], i: number, j: number): string[] {
  const out = [...lines];
  [out[i], out[j]] = [out[j] as string, out[i] as string];
  return out;
}

describe('verifyAuditLog', () => {
  const lines = writtenLog(N);
  const k = 1500; // a middle record: seq k on line k + 1

  it('verifyAuditLog accepts the untouched log and reports its size and head', () => {
    const v = verifyAuditLog(text(lines));
    expect(v).toEqual({ ok: true, records: N, head: parse(lines[N - 1]!).hash });
    expect(verifyAuditLog('')).toEqual({ ok: true, records: 0, head: '0'.repeat(64) });
  });

  const cases: [label: string, tamper: () => string, line: number, seq: number | null, problem: RegExp][] = [
    [
      'one edited field of a middle record',
      () => text(lines.map((l, i) => (i === k ? serialise({ ...parse(l), delegatee: parse(l).delegatee + 1 }) : l))),
      k + 1, k, /^hash does not match its content — edited\?$/,
    ],
    [
      'an edited time written as an equal number',
      () => text(lines.map((l, i) => (i === k ? l.replace(/"time":([0-9.]+)/, '"time":$1e0') : l))),
      k + 1, k, /not in canonical form/,
    ],
    [
      'an edited seq',
      () => text(lines.map((l, i) => (i === k ? serialise({ ...parse(l), seq: k + 7 }) : l))),
      k + 1, k + 7, /hash does not match its content/,
    ],
    [
      'an edited record whose own hash was recomputed',
      () => text(lines.map((l, i) => {
        if (i !== k) return l;
        const r = { ...parse(l), outcome: 'success' };
        return serialise({ ...r, hash: createHash('sha256').update(r.prev + canonicalRecord(r)).digest('hex') });
      })),
      k + 2, k + 1, new RegExp(`^prev does not match the hash of line ${k + 1} — line ${k + 1} was rewritten or replaced$`),
    ],
    ['one dropped record', () => text(lines.filter((_, i) => i !== k)), k + 1, k + 1, new RegExp(`^follows seq ${k - 1} — a record is missing$`)],
    ['three dropped records', () => text(lines.filter((_, i) => i < k || i > k + 2)), k + 1, k + 3, /— 3 records are missing$/],
    ['a dropped record, chain recomputed by the forger', () => text(rechain(lines.filter((_, i) => i !== k), '0'.repeat(64))), k + 1, k + 1, /a record is missing/],
    ['the dropped first record', () => text(lines.slice(1)), 1, 1, /^the log starts at seq 1, not 0 — a record is missing at the start$/],
    ['two swapped adjacent records', () => text(swap(lines, k, k + 1)), k + 1, k + 1, new RegExp(`^follows seq ${k - 1} — records out of order \\(seq ${k} is at line ${k + 2}\\)$`)],
    ['two swapped distant records', () => text(swap(lines, 200, 2700)), 201, 2700, /records out of order \(seq 200 is at line 2701\)$/],
    ['two swapped records, chain recomputed by the forger', () => text(rechain(swap(lines, k, k + 1), '0'.repeat(64))), k + 1, k + 1, /records out of order/],
    ['the first two records swapped', () => text(swap(lines, 0, 1)), 1, 1, /^the log starts at seq 1, not 0 — records out of order \(seq 0 is at line 2\)$/],
    ['a duplicated record', () => text([...lines.slice(0, k + 1), lines[k]!, ...lines.slice(k + 1)]), k + 2, k, /a record is repeated or out of order/],
    ['a torn last line', () => text(lines).slice(0, -40), N, null, /^malformed JSON — the last line is torn or truncated$/],
    ['a last line without its newline', () => text(lines).slice(0, -1), N, N - 1, /^no newline at the end — the last line is torn$/],
    ['a chain built on another genesis', () => text(rechain(lines, 'a'.repeat(64))), 1, 0, /^prev is not the genesis hash \(64 zeros\) — wrong genesis$/],
    ['an edited genesis', () => text(lines.map((l, i) => (i === 0 ? serialise({ ...parse(l), prev: '1'.repeat(64) }) : l))), 1, 0, /wrong genesis/],
    ['a malformed middle line', () => text(lines.map((l, i) => (i === k ? l.slice(0, 30) : l))), k + 1, null, /^malformed JSON$/],
    ['an empty middle line', () => text(lines.map((l, i) => (i === k ? '' : l))), k + 1, null, /^empty line$/],
    ['an extra key', () => text(lines.map((l, i) => (i === k ? l.replace('{"seq"', '{"x":1,"seq"') : l))), k + 1, k, /not in canonical form/],
    ['a wrong type', () => text(lines.map((l, i) => (i === k ? l.replace(/"goal":(\d+)/, '"goal":"$1"') : l))), k + 1, k, /^goal: must be an integer/],
    ['a line of junk far too long', () => text([...lines.slice(0, 3), 'x'.repeat(MAX_AUDIT_LINE + 1)]), 4, null, /longer than/],
    ['a hash in upper case', () => text(lines.map((l, i) => (i === k ? l.replace(/"hash":"([0-9a-f]+)"/, (_, h: string) => `"hash":"${h.toUpperCase()}"`) : l))), k + 1, k, /^hash: must be 64 lowercase hex digits$/],
  ];

  it.each(cases)('verifyAuditLog names the first bad line after %s', (_label, tamper, line, seq, problem) => {
    const v = verifyAuditLog(tamper());
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect({ line: v.line, seq: v.seq }).toEqual({ line, seq });
    expect(v.problem).toMatch(problem);
    expect(v.records).toBe(line - 1);
    expect(v.message).toBe(`line ${line}${seq === null ? '' : ` (seq ${seq})`}: ${v.problem}`);
    expect(v.message).not.toMatch(/\n/);
  });

  it('splitLines keeps terminators and yields an unterminated tail', () => {
    expect([...splitLines('a\nb\n')]).toEqual(['a\n', 'b\n']);
    expect([...splitLines('a\n\nb')]).toEqual(['a\n', '\n', 'b']);
    expect([...splitLines('')]).toEqual([]);
  });
});
