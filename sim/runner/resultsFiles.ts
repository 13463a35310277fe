// The files of a results directory, written with arquero from the finished
// runs in index order (never completion order), so they are byte-identical
// whatever the worker count and however runs interleaved:
//   runs.csv, runs.arrow  one row per run: index, scenario, every parameter,
//                         policy, replication, seed, stopCause, every metric
//   summary.json          summary.ts
//   timings.csv           wall seconds per run (the one non-deterministic file)
//   manifest.json         written last (experiment.ts)
// Every file is written to a temporary name, synced, then renamed into place.
// arquero (and flechette, for Arrow types) load on first use: they cost ~0.3 s
// of start-up that commands failing on bad input, or reproduce, never need.

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { parameterPaths, parameterValues, placeOf, type ExperimentPlan, type JsonValue } from './plan.js';
import type { RunRecord } from './runRecord.js';
import type { ExperimentSummary } from './summary.js';
import { fsyncDirectory } from './runLog.js';
import { forEachFilePiece } from '../util/fileSystem.js';

/** The `format` of manifest.json (written by experiment.ts), by which a results directory is recognised. */
export const MANIFEST_FORMAT = 'delegsim-manifest';
/** The manifest layout's version: reproduce reads only this one. */
export const MANIFEST_VERSION = 1;

/** Every file delegsim writes into a results directory (others are left alone). */
export const RESULT_FILES = ['runs.log', 'runs.csv', 'runs.arrow', 'summary.json', 'timings.csv', 'manifest.json', 'runs.lock'];

/** The fixed columns of runs.csv around the parameters and metrics. */
export const LEADING_COLUMNS = ['index', 'scenario'];
export const RUN_COLUMNS = ['policy', 'replication', 'seed', 'stopCause'];

/** SHA-256 of bytes or text, as hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of a file's bytes, read a megabyte at a time (runs.csv of a large sweep runs to gigabytes). */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  forEachFilePiece(path, (bytes) => hash.update(bytes));
  return hash.digest('hex');
}

/** Writes `data` to `dir/name` durably: temporary file, fsync, rename, directory fsync. Returns the bytes' SHA-256 (hex). */
export function writeFileAtomic(dir: string, name: string, data: string | Uint8Array): string {
  return writeAtomic(dir, name, (write) => write(data));
}

/**
 * Writes `dir/name` durably from the pieces `fill` hands to `write`: a
 * temporary file, fsync, rename, directory fsync. Returns the SHA-256 (hex)
 * of the bytes written, hashed as they go (a file written in pieces is never
 * whole in memory). If `fill` throws, the temporary file is removed and
 * `dir/name` is left as it was.
 */
function writeAtomic(dir: string, name: string, fill: (write: (data: string | Uint8Array) => void) => void): string {
  const temporary = join(dir, `.${name}.tmp`);
  const hash = createHash('sha256');
  const fd = openSync(temporary, 'w');
  try {
    fill((data) => {
      const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      hash.update(buffer);
      let offset = 0;
      while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
    });
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, join(dir, name));
  fsyncDirectory(dir);
  return hash.digest('hex');
}

/** How a parameter value appears in runs.csv: numbers as numbers, strings as is, anything else as JSON. */
export function parameterText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Arquero = typeof import('arquero');
type Flechette = typeof import('@uwdata/flechette');
let libraries: { aq: Arquero; fl: Flechette } | undefined;

/** Loads arquero and flechette (once); call before the functions below. */
export async function loadTableLibraries(): Promise<void> {
  if (libraries === undefined) libraries = { aq: await import('arquero'), fl: await import('@uwdata/flechette') };
}

function lib(): { aq: Arquero; fl: Flechette } {
  if (libraries === undefined) throw new Error('resultsFiles: call loadTableLibraries() first');
  return libraries;
}

/**
 * The runs table: one row per record (records must be sorted by index),
 * metric columns in `names` order, NaN where a run lacks a metric. `base`
 * (plan.ts, baseParameterValues) fills a parameter that only some points set
 * with the value the others ran with, so no cell is empty and a numeric
 * parameter stays a Float64 column.
 */
export function runsTable(
  plan: ExperimentPlan,
  records: readonly RunRecord[],
  names: readonly string[],
  base?: ReadonlyMap<string, JsonValue>,
): ColumnTable {
  const n = records.length;
  const paths = parameterPaths(plan);
  const pointValues = plan.points.map((_, p) => parameterValues(plan, p, base));
  const numeric = paths.map((path) => pointValues.every((values) => typeof values.get(path) === 'number'));
  const columns: Record<string, unknown> = {};
  const index = new Int32Array(n);
  const scenario = new Array<string>(n);
  const params = paths.map((_, k) => (numeric[k] ? new Float64Array(n) : new Array<string>(n)));
  const policy = new Array<string>(n);
  const replication = new Int32Array(n);
  const seed = new Float64Array(n);
  const stopCause = new Array<string>(n);
  const metrics = names.map(() => new Float64Array(n).fill(NaN));
  const metricColumn = new Map(names.map((name, j) => [name, j]));
  let lastNames: readonly string[] | undefined;
  let map: number[] = [];
  records.forEach((record, row) => {
    const place = placeOf(plan, record.index);
    index[row] = record.index;
    scenario[row] = record.scenarioName;
    const values = pointValues[place.point]!;
    paths.forEach((path, k) => {
      const column = params[k]!;
      if (column instanceof Float64Array) column[row] = values.get(path) as number;
      else column[row] = parameterText(values.get(path));
    });
    policy[row] = record.policy;
    replication[row] = place.replication;
    seed[row] = record.seed;
    stopCause[row] = record.stopCause;
    if (record.names !== lastNames) {
      lastNames = record.names;
      map = record.names.map((name) => metricColumn.get(name) ?? -1);
    }
    for (let k = 0; k < map.length; k++) {
      const j = map[k]!;
      if (j >= 0) metrics[j]![row] = record.values[k]!;
    }
  });
  columns.index = index;
  columns.scenario = scenario;
  paths.forEach((path, k) => (columns[path] = params[k]));
  columns.policy = policy;
  columns.replication = replication;
  columns.seed = seed;
  columns.stopCause = stopCause;
  names.forEach((name, j) => (columns[name] = metrics[j]));
  return lib().aq.table(columns);
}

/** runs.csv text, in one string: for small tables (writeRunsCsv writes the file). */
export function runsCsv(runs: ColumnTable): string {
  return lib().aq.toCSV(runs);
}

/**
 * Rows per piece of runs.csv that writeRunsCsv formats at a time. Why pieces:
 * V8 caps a string at 2^29 − 24 characters (~512 MiB), and a row of the
 * model's ~150 metrics takes 0.8–2.4 KB, so one string for the whole file
 * failed ("Invalid string length") from some 220,000 runs on, after the
 * sweep had run them all; the same rows formatted 4,096 at a time stay far
 * below the cap and are written as they come.
 */
const CSV_PIECE_ROWS = 4096;

/**
 * Writes `dir/runs.csv` durably (as writeFileAtomic does), formatting
 * `pieceRows` rows at a time; the bytes are those of runsCsv(runs). Returns
 * the file's SHA-256 (hex), hashed as it is written.
 */
export function writeRunsCsv(dir: string, runs: ColumnTable, pieceRows = CSV_PIECE_ROWS): string {
  const { aq } = lib();
  return writeAtomic(dir, 'runs.csv', (write) => {
    const rows = runs.numRows();
    // The first piece carries the header, so an empty table still gets one.
    for (let offset = 0; offset === 0 || offset < rows; offset += pieceRows) write(aq.toCSV(runs, { header: offset === 0, offset, limit: pieceRows }));
  });
}

/**
 * runs.arrow bytes (Arrow IPC file format). Column types are fixed rather
 * than inferred — Int32 for index and replication, Utf8 for text, Float64
 * for everything else — so readers see the same schema for every experiment,
 * even one without rows.
 */
export function runsArrow(runs: ColumnTable): Uint8Array {
  const { aq, fl } = lib();
  const types: Record<string, ReturnType<Flechette['float64'] | Flechette['int32'] | Flechette['utf8']>> = {};
  for (const name of runs.columnNames()) {
    const column = runs.column(name) as unknown;
    types[name] = column instanceof Int32Array ? fl.int32() : column instanceof Float64Array ? fl.float64() : fl.utf8();
  }
  return aq.toArrowIPC(runs, { format: 'file', types });
}

/**
 * Writes `dir/summary.json` durably (as writeFileAtomic does), one point at
 * a time; the bytes are JSON.stringify(summary, null, 2) + '\n'. Returns the
 * file's SHA-256 (hex), hashed as it is written. Why a point at a time: a
 * point and policy take ~70 KB of it (~150 metrics with their intervals and
 * paired differences), so one string for a sweep of some 2,500 points × 3
 * policies passed V8's ~512 MiB cap on a string, and the sweep failed at its
 * very end.
 */
export function writeSummaryJson(dir: string, summary: ExperimentSummary): string {
  return writeAtomic(dir, 'summary.json', (write) => {
    const { points, ...head } = summary;
    // Everything but the points, as JSON.stringify indents it: points is the last key, so its empty
    // array is the last "[]" — the points go between its brackets, each indented two levels deeper.
    const shell = JSON.stringify({ ...head, points: [] }, null, 2);
    const at = shell.lastIndexOf('[]');
    if (points.length === 0) {
      write(shell + '\n');
      return;
    }
    write(shell.slice(0, at) + '[\n');
    points.forEach((point, i) => write('    ' + JSON.stringify(point, null, 2).replaceAll('\n', '\n    ') + (i < points.length - 1 ? ',\n' : '\n')));
    write('  ]' + shell.slice(at + 2) + '\n');
  });
}

/** timings.csv text: the wall time of each run (not deterministic; kept out of every hash). */
export function timingsCsv(records: readonly RunRecord[]): string {
  const { aq } = lib();
  return aq.toCSV(
    aq.table({
      index: Int32Array.from(records, (r) => r.index),
      policy: records.map((r) => r.policy),
      seed: Float64Array.from(records, (r) => r.seed),
      wallSeconds: Float64Array.from(records, (r) => r.wallSeconds),
    }),
  );
}
