// Verification of a hash-chained audit log (MODEL.md §9 "audit"; paper §5.2):
// walks the lines once and names the FIRST bad record — edited, dropped,
// reordered, malformed, torn, or chained from the wrong genesis. Free of
// node: imports; the hash function is passed in.
//
// How each tampering shows (line L holds record i, E is the seq expected there):
//   - a field edited, hash left alone:  line L's hash ≠ sha256(prev + content)
//   - a record dropped:                 line L holds seq E + 1, and seq E is nowhere later
//   - two records swapped:              line L holds a later seq, and seq E appears further down
//   - a line rewritten with a new hash: line L + 1's prev ≠ line L's hash
//   - a whole chain recomputed after dropping or reordering: seq continuity still breaks
//   - the genesis changed:              line 1's prev is not 64 zeros
// A log cut cleanly after a whole line cannot be told from a shorter log by
// its content alone: compare the head (the last hash) with one kept elsewhere.

import {
  GENESIS_HASH,
  auditLine,
  auditRecordProblem,
  canonicalRecord,
  type AuditRecord,
  type Sha256Hex,
} from './auditRecord.js';

export type AuditVerification =
  | {
      ok: true;
      /** Records in the log. */
      records: number;
      /** Hash of the last record (GENESIS_HASH for an empty log). */
      head: string;
    }
  | {
      ok: false;
      /** Records before the first bad one (all verified). */
      records: number;
      /** 1-based line number of the first bad record. */
      line: number;
      /** Its seq, or null when the line is unreadable. */
      seq: number | null;
      problem: string;
      /** One line: `line L (seq S): problem`. */
      message: string;
    };

/** Longest line a valid record can produce, with a wide margin. */
export const MAX_AUDIT_LINE = 4096;

const HEX64 = /^[0-9a-f]{64}$/;
const SEQ_PREFIX = /^\{"seq":(\d+),/;

/**
 * The lines of `text`, each with its '\n' (a last line without one is yielded as is).
 *
 * @example [...splitLines('a\nb')] // ['a\n', 'b']
 */
export function* splitLines(text: string): Generator<string> {
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    yield text.slice(start, nl + 1);
    start = nl + 1;
  }
  if (start < text.length) yield text.slice(start);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `a ${one} is` : `${n} ${many} are`;
}

/**
 * Verifies a log given as lines that keep their '\n' terminators (see
 * {@link splitLines}); stops at the first bad line.
 *
 * @example verifyAuditLines(splitLines(text), sha256Hex) // { ok: true, records: 3000, head: '…' }
 */
export function verifyAuditLines(lines: Iterable<string>, sha256: Sha256Hex): AuditVerification {
  const it = lines[Symbol.iterator]();
  let lineNo = 0;
  let expected = 0;
  let prevHash = GENESIS_HASH;

  const bad = (seq: number | null, problem: string): AuditVerification => ({
    ok: false,
    records: lineNo - 1,
    line: lineNo,
    seq,
    problem,
    message: `line ${lineNo}${seq === null ? '' : ` (seq ${seq})`}: ${problem}`,
  });

  /** Line number of the first later line holding seq `want`, or 0. Consumes the iterator. */
  const findLater = (want: number): number => {
    let n = lineNo;
    for (let next = it.next(); !next.done; next = it.next()) {
      n++;
      const m = SEQ_PREFIX.exec(next.value);
      if (m && Number(m[1]) === want) return n;
    }
    return 0;
  };

  for (let next = it.next(); !next.done; next = it.next()) {
    lineNo++;
    const raw = next.value;
    const terminated = raw.endsWith('\n');
    const body = terminated ? raw.slice(0, -1) : raw;
    if (body.length === 0) return bad(null, 'empty line');
    if (body.length > MAX_AUDIT_LINE) return bad(null, `longer than ${MAX_AUDIT_LINE} characters — not an audit record`);

    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return bad(null, terminated ? 'malformed JSON' : 'malformed JSON — the last line is torn or truncated');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return bad(null, 'not a JSON object');
    const fields = parsed as Record<string, unknown>;
    const seq = Number.isSafeInteger(fields.seq) && (fields.seq as number) >= 0 ? (fields.seq as number) : null;
    const shape = auditRecordProblem(fields);
    if (shape !== null) return bad(seq, shape);
    const { prev, hash } = fields;
    if (typeof prev !== 'string' || !HEX64.test(prev)) return bad(seq, 'prev: must be 64 lowercase hex digits');
    if (typeof hash !== 'string' || !HEX64.test(hash)) return bad(seq, 'hash: must be 64 lowercase hex digits');
    const canonical = canonicalRecord(fields as unknown as AuditRecord);
    if (auditLine(canonical, prev, hash) !== body) {
      return bad(seq, 'not in canonical form (extra or reordered keys, spaces, or a number written differently)');
    }
    if (!terminated) return bad(seq, 'no newline at the end — the last line is torn');

    const s = seq as number;
    const contentOk = sha256(prev + canonical) === hash;
    const linkOk = prev === prevHash;
    if (!contentOk && linkOk) return bad(s, 'hash does not match its content — edited?');
    if (s !== expected) {
      if (s < expected) return bad(s, `follows seq ${expected - 1} — a record is repeated or out of order`);
      const later = findLater(expected);
      if (expected === 0) {
        return later > 0
          ? bad(s, `the log starts at seq ${s}, not 0 — records out of order (seq 0 is at line ${later})`)
          : bad(s, `the log starts at seq ${s}, not 0 — ${plural(s, 'record', 'records')} missing at the start`);
      }
      return later > 0
        ? bad(s, `follows seq ${expected - 1} — records out of order (seq ${expected} is at line ${later})`)
        : bad(s, `follows seq ${expected - 1} — ${plural(s - expected, 'record', 'records')} missing`);
    }
    if (!linkOk) {
      if (lineNo === 1) return bad(s, 'prev is not the genesis hash (64 zeros) — wrong genesis');
      if (contentOk) return bad(s, `prev does not match the hash of line ${lineNo - 1} — line ${lineNo - 1} was rewritten or replaced`);
      return bad(s, `prev and hash both wrong — edited?`);
    }
    prevHash = hash;
    expected++;
  }
  return { ok: true, records: lineNo, head: prevHash };
}
