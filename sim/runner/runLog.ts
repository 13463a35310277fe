// runs.log: the append-only, crash-safe record of an experiment's finished
// runs, and the source of truth its result files are written from.
//
// Each line is `<json> <checksum>` where the checksum is 16 hex digits of
// SHA-256 over the JSON text. A run counts once its line is written and
// fsync'd. After a kill -9 or a power loss the last line may be torn (cut
// short, or garbage): reading stops trusting a line whose checksum fails,
// and --resume rewrites the log without it and redoes that run. Lines:
//   {"k":"header","format":"delegsim-runs-log","version":1,"plan":<hash>,"runs":N[,"shard":"i/N"]}
//   {"k":"names","id":0,"names":[…metric names…]}     (before the first run using them)
//   {"k":"run","i":index,"policy":…,"seed":…,"scenario":name,"stop":cause,"n":namesId,"v":[values],"h":hash,"w":wallSeconds}
// Non-finite values are written as the strings "NaN", "Infinity", "-Infinity".

import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { dirname, join, basename } from 'node:path';
import type { RunRecord } from './runRecord.js';
import { forEachFilePiece } from '../util/fileSystem.js';

export const RUN_LOG_FORMAT = 'delegsim-runs-log';
export const RUN_LOG_VERSION = 1;

/** The first line of a log: which experiment it belongs to. */
export interface RunLogHeader {
  plan: string;
  runs: number;
  /** The shard (`i/N`) this log's runs belong to, if the experiment was sharded. */
  shard?: string;
}

/** What reading a log found. */
export interface RunLogContents {
  header: RunLogHeader | undefined;
  /** Valid run records, in file order. */
  records: RunRecord[];
  /** Lines that failed their checksum or did not parse (a torn tail, or damage). */
  dropped: number;
}

const checksum = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 16);

/** One log line for a JSON-able object. */
export function logLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${json} ${checksum(json)}\n`;
}

/** The object a log line holds, or undefined if the line is torn or damaged. */
export function parseLogLine(line: string): Record<string, unknown> | undefined {
  const space = line.lastIndexOf(' ');
  if (space < 0) return undefined;
  const json = line.slice(0, space);
  if (checksum(json) !== line.slice(space + 1)) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const encode = (x: number): number | string => (Number.isFinite(x) ? x : String(x));
const decode = (x: unknown): number =>
  typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN;

/**
 * Calls `onLine` for every complete line of a file (one ending in a newline),
 * reading in chunks so a long log never sits in memory whole. Returns the
 * length of a trailing incomplete line (0 if none).
 */
export function forEachLine(path: string, onLine: (line: string) => void): number {
  const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
  let pending = '';
  forEachFilePiece(path, (bytes) => {
    pending += decoder.write(bytes);
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      onLine(pending.slice(start, nl));
      start = nl + 1;
    }
    pending = pending.slice(start);
  });
  pending += decoder.end();
  return pending.length;
}

/** Reads every valid record of a log (a missing file reads as empty). */
export function readRunLog(path: string): RunLogContents {
  const contents: RunLogContents = { header: undefined, records: [], dropped: 0 };
  if (!existsSync(path)) return contents;
  const names = new Map<number, string[]>();
  const seen = new Set<number>();
  const torn = forEachLine(path, (line) => {
    const entry = parseLogLine(line);
    if (entry === undefined) {
      contents.dropped++;
      return;
    }
    if (entry.k === 'header' && entry.format === RUN_LOG_FORMAT && contents.header === undefined) {
      contents.header = { plan: String(entry.plan), runs: Number(entry.runs) };
      if (typeof entry.shard === 'string') contents.header.shard = entry.shard;
    } else if (entry.k === 'names' && Array.isArray(entry.names)) {
      names.set(Number(entry.id), entry.names.map(String));
    } else if (entry.k === 'run') {
      const runNames = names.get(Number(entry.n));
      const values = Array.isArray(entry.v) ? entry.v : undefined;
      const index = Number(entry.i);
      if (runNames === undefined || values === undefined || values.length !== runNames.length || seen.has(index)) {
        contents.dropped++;
        return;
      }
      seen.add(index);
      contents.records.push({
        index,
        policy: String(entry.policy),
        seed: Number(entry.seed),
        scenarioName: String(entry.scenario),
        stopCause: String(entry.stop),
        names: runNames,
        values: Float64Array.from(values, decode),
        hash: String(entry.h),
        wallSeconds: decode(entry.w),
      });
    } else {
      contents.dropped++;
    }
  });
  if (torn > 0) contents.dropped++;
  return contents;
}

/** fsync a directory, so a file created or renamed in it survives a power loss. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open or sync directories; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * An open log, appending durably. Create it with {@link RunLogWriter.create}
 * (a new log holding the given records, written then renamed into place).
 */
export class RunLogWriter {
  private fd: number;
  private readonly namesIds = new Map<string, number>();
  private lastNames: readonly string[] | undefined;
  private lastNamesId = -1;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /**
   * Writes a fresh log at `path` — header, then `records` (those kept from a
   * previous log) — to a temporary file, syncs it, renames it over `path`,
   * and returns a writer appending to it.
   */
  static create(path: string, header: RunLogHeader, records: readonly RunRecord[] = []): RunLogWriter {
    const temporary = join(dirname(path), `.${basename(path)}.tmp`);
    const fd = openSync(temporary, 'w');
    const writer = new RunLogWriter(fd);
    const shard = header.shard === undefined ? {} : { shard: header.shard };
    writer.write(logLine({ k: 'header', format: RUN_LOG_FORMAT, version: RUN_LOG_VERSION, plan: header.plan, runs: header.runs, ...shard }));
    for (const record of records) writer.writeRecord(record);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
    fsyncDirectory(dirname(path));
    writer.fd = openSync(path, 'a');
    return writer;
  }

  /** Appends a finished run and syncs it to disk: after this returns, the run counts. */
  append(record: RunRecord): void {
    this.writeRecord(record);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private writeRecord(record: RunRecord): void {
    const id = this.namesId(record.names);
    this.write(
      logLine({
        k: 'run',
        i: record.index,
        policy: record.policy,
        seed: record.seed,
        scenario: record.scenarioName,
        stop: record.stopCause,
        n: id,
        v: Array.from(record.values, encode),
        h: record.hash,
        w: encode(record.wallSeconds),
      }),
    );
  }

  private namesId(names: readonly string[]): number {
    if (names === this.lastNames) return this.lastNamesId;
    const key = JSON.stringify(names);
    let id = this.namesIds.get(key);
    if (id === undefined) {
      id = this.namesIds.size;
      this.namesIds.set(key, id);
      this.write(logLine({ k: 'names', id, names }));
    }
    this.lastNames = names;
    this.lastNamesId = id;
    return id;
  }

  private write(text: string): void {
    const buffer = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset, buffer.length - offset);
  }
}
