// The audit log the model writes to (MODEL.md §9 "audit"; paper §5.2, §4.9):
// every delegation decision as a hash-chained record. Auditing is off by
// default for speed — the model then holds a NullAuditLog, whose record() is
// an empty call — and on with a flag.
//
// ChainedAuditLog is what makes auditing cheap enough to leave on: record()
// takes numbers only and stores them in typed columns (no strings, no
// objects); every `chunkRecords` records flush() serialises the chunk, extends
// the hash chain and hands one string to the sink. Hashing and writing are
// injected so this file stays free of node: imports (auditFile.ts binds them
// to node:crypto and a file; the browser can bind its own).
//
// Simplifications: ids must fit in 32-bit integers; the sink is synchronous;
// a crash between flushes loses at most one chunk (the chain on disk stays
// valid: only whole chunks of whole lines are written).

import { ensureLength } from '../../util/columns.js';
import { AUDIT_OUTCOMES, AUDIT_REASONS, GENESIS_HASH, type Sha256Hex } from './auditRecord.js';

/** What the model calls. Ids are integers ≥ −1; reason and outcome are AuditReason / AuditOutcome codes. */
export interface AuditLog {
  /** False for the NullAuditLog: callers may skip work done only for the log. */
  readonly enabled: boolean;
  /** Appends one decision and returns its seq (−1 when auditing is off). */
  record(time: number, delegator: number, delegatee: number, task: number, goal: number, token: number, reason: number, outcome: number): number;
  /** Writes buffered records to the sink. */
  flush(): void;
  /** Flushes and releases the sink; later records throw. */
  close(): void;
}

/** The log when auditing is off: records nothing, costs one empty call. */
export class NullAuditLog implements AuditLog {
  readonly enabled = false;
  record(): number {
    return -1;
  }
  flush(): void {}
  close(): void {}
}

export interface ChainedAuditLogOptions {
  /** SHA-256 of a string as 64 lowercase hex digits. */
  hash: Sha256Hex;
  /** Receives whole lines, each ending in '\n'. */
  write: (chunk: string) => void;
  /** Called once by close(), after the last write. */
  release?: () => void;
  /** Records buffered before a flush (default 4096). */
  chunkRecords?: number;
}

// JSON-quoted names, computed once: the codes index these.
const REASON_JSON = AUDIT_REASONS.map((s) => JSON.stringify(s));
const OUTCOME_JSON = AUDIT_OUTCOMES.map((s) => JSON.stringify(s));

/** Whether x is an integer id in [−1, 2^31). */
function isId(x: number): boolean {
  return (x | 0) === x && x >= -1;
}

/**
 * A buffered, hash-chained audit log writing JSON Lines to a sink.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const log = new ChainedAuditLog({ hash: sha256Hex, write: (s) => lines.push(s) });
 * log.record(12.5, -1, 4, 17, 3, 9, AuditReason.Assign, AuditOutcome.Pending);
 * log.close(); // lines.join('') is a log that verifyAuditLog accepts
 * ```
 */
export class ChainedAuditLog implements AuditLog {
  readonly enabled = true;

  private readonly hashFn: Sha256Hex;
  private readonly write: (chunk: string) => void;
  private readonly release: (() => void) | undefined;
  private readonly chunkRecords: number;
  private time: Float64Array;
  private delegator: Int32Array;
  private delegatee: Int32Array;
  private task: Int32Array;
  private goal: Int32Array;
  private token: Int32Array;
  private reason: Uint8Array;
  private outcome: Uint8Array;
  private buffered = 0;
  private nextSeq = 0;
  private lastHash = GENESIS_HASH;
  private closed = false;

  constructor(options: ChainedAuditLogOptions) {
    const { hash, write, release, chunkRecords = 4096 } = options;
    if (!Number.isInteger(chunkRecords) || chunkRecords < 1) {
      throw new RangeError(`chunkRecords: must be a positive integer, got ${chunkRecords}`);
    }
    this.hashFn = hash;
    this.write = write;
    this.release = release;
    this.chunkRecords = chunkRecords;
    const n = Math.min(chunkRecords, 1 << 16);
    this.time = new Float64Array(n);
    this.delegator = new Int32Array(n);
    this.delegatee = new Int32Array(n);
    this.task = new Int32Array(n);
    this.goal = new Int32Array(n);
    this.token = new Int32Array(n);
    this.reason = new Uint8Array(n);
    this.outcome = new Uint8Array(n);
  }

  /** Records appended so far (flushed or not). */
  get count(): number {
    return this.nextSeq;
  }

  /** Hash of the last flushed record (GENESIS_HASH before any): keep it to detect truncation later. */
  get head(): string {
    return this.lastHash;
  }

  record(time: number, delegator: number, delegatee: number, task: number, goal: number, token: number, reason: number, outcome: number): number {
    if (this.closed) throw new Error('audit log: record after close');
    if (time - time !== 0) throw new RangeError(`audit record ${this.nextSeq}: time must be finite, got ${time}`);
    if (!(isId(delegator) && isId(delegatee) && isId(task) && isId(goal) && isId(token))) {
      throw new RangeError(`audit record ${this.nextSeq}: ids must be integers in [-1, 2^31), got ${[delegator, delegatee, task, goal, token].join(', ')}`);
    }
    if (!((reason >>> 0) === reason && reason < REASON_JSON.length)) throw new RangeError(`audit record ${this.nextSeq}: unknown reason code ${reason}`);
    if (!((outcome >>> 0) === outcome && outcome < OUTCOME_JSON.length)) throw new RangeError(`audit record ${this.nextSeq}: unknown outcome code ${outcome}`);
    let i = this.buffered;
    if (i === this.time.length) this.grow(i + 1);
    this.time[i] = time;
    this.delegator[i] = delegator;
    this.delegatee[i] = delegatee;
    this.task[i] = task;
    this.goal[i] = goal;
    this.token[i] = token;
    this.reason[i] = reason;
    this.outcome[i] = outcome;
    this.buffered = ++i;
    const seq = this.nextSeq++;
    if (i >= this.chunkRecords) this.flush();
    return seq;
  }

  private grow(n: number): void {
    this.time = ensureLength(this.time, n);
    this.delegator = ensureLength(this.delegator, n);
    this.delegatee = ensureLength(this.delegatee, n);
    this.task = ensureLength(this.task, n);
    this.goal = ensureLength(this.goal, n);
    this.token = ensureLength(this.token, n);
    this.reason = ensureLength(this.reason, n);
    this.outcome = ensureLength(this.outcome, n);
  }

  flush(): void {
    const n = this.buffered;
    if (n === 0) return;
    let seq = this.nextSeq - n;
    let prev = this.lastHash;
    let out = '';
    for (let i = 0; i < n; i++, seq++) {
      // The same bytes as canonicalRecord(): template literals print numbers as JSON does.
      const canonical =
        `{"seq":${seq},"time":${this.time[i] as number},"delegator":${this.delegator[i] as number}` +
        `,"delegatee":${this.delegatee[i] as number},"task":${this.task[i] as number},"goal":${this.goal[i] as number}` +
        `,"token":${this.token[i] as number},"reason":${REASON_JSON[this.reason[i] as number] as string}` +
        `,"outcome":${OUTCOME_JSON[this.outcome[i] as number] as string}`;
      const hash = this.hashFn(prev + canonical + '}');
      out += `${canonical},"prev":"${prev}","hash":"${hash}"}\n`;
      prev = hash;
    }
    // Write before advancing the chain: if the sink throws, the buffer is kept.
    this.write(out);
    this.lastHash = prev;
    this.buffered = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.release?.();
  }
}
