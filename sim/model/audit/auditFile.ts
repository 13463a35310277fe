// The audit log on disk (MODEL.md §9 "audit"; paper §5.2): binds the
// chained log and its verifier to node:crypto's SHA-256 and to files.
// Node only — the browser imports auditRecord/auditLog/verifyAuditLines and
// supplies its own hash and sink.
//
// Simplifications: the file is written synchronously in chunks (no fsync per
// chunk); opening truncates an existing file.

import { hash as nodeHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { ChainedAuditLog } from './auditLog.js';
import type { Sha256Hex } from './auditRecord.js';
import { MAX_AUDIT_LINE, splitLines, verifyAuditLines, type AuditVerification } from './verifyAuditLines.js';

/** SHA-256 of a string's UTF-8 bytes as 64 lowercase hex digits. */
export const sha256Hex: Sha256Hex = (text) => nodeHash('sha256', text, 'hex');

export interface AuditFileOptions {
  /** Records buffered before each write (default 4096). */
  chunkRecords?: number;
}

/**
 * A chained audit log written to `path` (created or truncated). Call
 * close() at the end of the run: it writes the last chunk.
 *
 * @example
 * ```ts
 * const log = openAuditFile('run.audit.jsonl');
 * log.record(now, delegator, agent, task, goal, token, AuditReason.Assign, AuditOutcome.Pending);
 * log.close();
 * ```
 */
export function openAuditFile(path: string, options: AuditFileOptions = {}): ChainedAuditLog {
  const { chunkRecords = 4096 } = options;
  const fd = openSync(path, 'w');
  return new ChainedAuditLog({
    hash: sha256Hex,
    write: (chunk) => {
      writeSync(fd, chunk);
    },
    release: () => closeSync(fd),
    chunkRecords,
  });
}

/**
 * Verifies a log held in a string.
 *
 * @example const v = verifyAuditLog(text); if (!v.ok) console.error(v.message);
 */
export function verifyAuditLog(text: string): AuditVerification {
  return verifyAuditLines(splitLines(text), sha256Hex);
}

/**
 * Verifies a log file, streaming it (memory stays flat for any size). Throws
 * the file system's error when the file cannot be read.
 *
 * @example const v = verifyAuditFile('run.audit.jsonl');
 */
export function verifyAuditFile(path: string): AuditVerification {
  const fd = openSync(path, 'r');
  try {
    return verifyAuditLines(readLines(fd), sha256Hex);
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of an open file with their '\n', read in 1 MiB chunks. Lines are
 * split on the byte 0x0A, which never occurs inside a multi-byte UTF-8
 * character, so decoding whole lines is safe. A line growing past any
 * possible record is yielded early (the verifier rejects it as too long).
 */
function* readLines(fd: number): Generator<string> {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let rest: Buffer = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    let data = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
      yield data.toString('utf8', start, nl + 1);
      start = nl + 1;
    }
    data = data.subarray(start);
    if (data.length > 4 * MAX_AUDIT_LINE) {
      yield data.toString('utf8');
      return;
    }
    // Copy: `chunk` is reused by the next read.
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield rest.toString('utf8');
}
