// Loading a results directory written by the CLI (sim/runner/resultsFiles.ts
// and experiment.ts): runs.arrow (one row per run), summary.json and
// manifest.json. Any subset works — runs.arrow alone gives every chart but
// the CDF curves; summary.json alone gives the means, CIs and differences;
// the manifest adds the plan, the run hashes, the failed runs and the
// scenario text the run explorer needs to re-run a run.

import { fromArrow } from 'arquero';
import type { ExperimentPlan, JsonValue, PlanPoint } from '../../sim/runner/plan.js';
import { placeOf, runCount } from '../../sim/runner/plan.js';
import type { ExperimentSummary } from '../../sim/runner/summary.js';
import type { Experiment, RunFailureRow, RunRow } from './types.js';

/** A file the user gave us that we cannot use: the message says which and what to do. */
export class ResultsError extends Error {
  override readonly name = 'ResultsError';
}

/** The files of a results directory that the dashboard reads. */
export interface ResultFiles {
  manifest?: string;
  summary?: string;
  arrow?: Uint8Array;
}

/** Names the dashboard reads in a results directory. */
export const RESULT_FILE_NAMES = ['runs.arrow', 'summary.json', 'manifest.json'] as const;

interface ManifestLike {
  format: string;
  experiment: ExperimentPlan;
  scenario?: { ref: string; text: string; usesFile?: boolean };
  runs?: { index: number; hash: string }[];
  failed?: { index: number; policy: string; seed: number; error: string }[];
  runsPlanned?: number;
}

function parseJson<T>(text: string, file: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ResultsError(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)}); pick the ${file} of a results directory written by \`delegsim compare --out DIR\``);
  }
}

/** The fixed columns of runs.arrow around the parameters and metrics (resultsFiles.ts). */
const LEADING = ['index', 'scenario'];
const RUN_COLUMNS = ['policy', 'replication', 'seed', 'stopCause'];

interface ArrowRuns {
  params: string[];
  names: string[];
  rows: { index: number; scenario: string; params: JsonValue[]; policy: string; replication: number; seed: number; stopCause: string; values: Float64Array }[];
}

function readArrow(bytes: Uint8Array): ArrowRuns {
  let table: ReturnType<typeof fromArrow>;
  try {
    table = fromArrow(bytes);
  } catch (e) {
    throw new ResultsError(`runs.arrow: not an Arrow IPC file (${e instanceof Error ? e.message : String(e)}); pick the runs.arrow written by \`delegsim compare --out DIR\``);
  }
  const columns = table.columnNames();
  for (const c of [...LEADING, ...RUN_COLUMNS]) {
    if (!columns.includes(c)) throw new ResultsError(`runs.arrow: no '${c}' column; this is not a delegsim runs table`);
  }
  const policyAt = columns.indexOf('policy');
  const stopAt = columns.indexOf('stopCause');
  const params = columns.slice(LEADING.length, policyAt);
  const names = columns.slice(stopAt + 1);
  const n = table.numRows();
  const get = (name: string): unknown[] => Array.from(table.array(name) as ArrayLike<unknown>);
  const index = get('index').map(Number);
  const scenario = get('scenario').map(String);
  const policy = get('policy').map(String);
  const replication = get('replication').map(Number);
  const seed = get('seed').map(Number);
  const stopCause = get('stopCause').map(String);
  const paramColumns = params.map(get);
  const metricColumns = names.map((name) => Float64Array.from(table.array(name) as ArrayLike<number>, (v) => (v === null || v === undefined ? NaN : Number(v))));
  const rows: ArrowRuns['rows'] = [];
  for (let i = 0; i < n; i++) {
    const values = new Float64Array(names.length);
    for (let j = 0; j < names.length; j++) values[j] = metricColumns[j]![i]!;
    rows.push({
      index: index[i]!,
      scenario: scenario[i]!,
      params: paramColumns.map((c) => c[i] as JsonValue),
      policy: policy[i]!,
      replication: replication[i]!,
      seed: seed[i]!,
      stopCause: stopCause[i]!,
      values,
    });
  }
  return { params, names, rows };
}

/** A plan rebuilt from summary.json and/or runs.arrow when there is no manifest. */
function inferPlan(summary: ExperimentSummary | undefined, runs: ArrowRuns | undefined): ExperimentPlan {
  if (summary !== undefined) {
    const points: PlanPoint[] = summary.points.map((p) => ({ params: Object.entries(p.params) }));
    const seed = runs === undefined || runs.rows.length === 0 ? 1 : Math.min(...runs.rows.map((r) => r.seed - r.replication));
    return {
      kind: points.length > 1 ? 'sweep' : 'compare',
      name: summary.experiment,
      scenario: summary.scenario,
      set: [],
      points,
      policies: summary.points[0]?.policies.map((p) => p.policy) ?? [summary.baseline],
      replications: summary.replications,
      seed,
    };
  }
  const rows = [...(runs?.rows ?? [])].sort((a, b) => a.index - b.index);
  const policies: string[] = [];
  const pointKeys: string[] = [];
  const points: PlanPoint[] = [];
  for (const r of rows) {
    if (!policies.includes(r.policy)) policies.push(r.policy);
    const key = JSON.stringify(r.params);
    if (!pointKeys.includes(key)) {
      pointKeys.push(key);
      points.push({ params: runs!.params.map((p, k) => [p, r.params[k] as JsonValue]) });
    }
  }
  return {
    kind: points.length > 1 ? 'sweep' : 'compare',
    name: 'loaded results',
    scenario: rows[0]?.scenario ?? 'unknown',
    set: [],
    points: points.length === 0 ? [{ params: [] }] : points,
    policies,
    replications: Math.max(1, ...rows.map((r) => r.replication + 1)),
    seed: rows.length === 0 ? 1 : Math.min(...rows.map((r) => r.seed - r.replication)),
  };
}

/**
 * An experiment from the files of a results directory.
 *
 * @example
 * experimentFromFiles({ arrow: bytes, summary: text }, 'results/default');
 */
export function experimentFromFiles(files: ResultFiles, label: string): Experiment {
  if (files.arrow === undefined && files.summary === undefined && files.manifest === undefined) {
    throw new ResultsError(`No results files found: choose runs.arrow, summary.json and manifest.json from a results directory (\`delegsim compare --out DIR\`)`);
  }
  const manifest = files.manifest === undefined ? undefined : parseJson<ManifestLike>(files.manifest, 'manifest.json');
  if (manifest !== undefined && manifest.format !== 'delegsim-manifest') throw new ResultsError(`manifest.json: not a delegsim manifest (format '${String(manifest.format)}')`);
  const summary = files.summary === undefined ? undefined : parseJson<ExperimentSummary>(files.summary, 'summary.json');
  if (summary !== undefined && summary.format !== 'delegsim-summary') throw new ResultsError(`summary.json: not a delegsim summary (format '${String(summary.format)}')`);
  const runs = files.arrow === undefined ? undefined : readArrow(files.arrow);
  const plan = manifest?.experiment ?? inferPlan(summary, runs);
  const hashes = new Map((manifest?.runs ?? []).map((r) => [r.index, r.hash]));
  const total = manifest?.runsPlanned ?? runCount(plan);
  const rows: RunRow[] = (runs?.rows ?? []).map((r) => {
    const place = r.index < total ? placeOf(plan, r.index) : { point: 0, replication: r.replication, policy: 0 };
    const row: RunRow = {
      index: r.index,
      policy: r.policy,
      seed: r.seed,
      replication: r.replication,
      point: place.point,
      scenarioName: r.scenario,
      stopCause: r.stopCause,
      values: r.values,
    };
    const hash = hashes.get(r.index);
    if (hash !== undefined) row.hash = hash;
    return row;
  });
  const failures: RunFailureRow[] = (manifest?.failed ?? []).map((f) => ({ index: f.index, policy: f.policy, seed: f.seed, error: f.error }));
  const experiment: Experiment = {
    plan,
    names: runs?.names ?? summary?.metrics ?? [],
    rows,
    failures,
    source: { kind: 'files', label },
    total,
  };
  if (summary !== undefined) experiment.fileSummary = summary;
  if (manifest?.scenario !== undefined && manifest.scenario.usesFile !== true) experiment.sources = { [manifest.scenario.ref]: manifest.scenario.text };
  return experiment;
}

/** Reads dropped or picked files into ResultFiles (other names are ignored and listed). */
export async function readResultFiles(list: Iterable<File>): Promise<{ files: ResultFiles; ignored: string[]; used: string[] }> {
  const files: ResultFiles = {};
  const ignored: string[] = [];
  const used: string[] = [];
  for (const file of list) {
    const name = file.name;
    if (name === 'runs.arrow' || name.endsWith('.arrow')) files.arrow = new Uint8Array(await file.arrayBuffer());
    else if (name === 'summary.json') files.summary = await file.text();
    else if (name === 'manifest.json') files.manifest = await file.text();
    else {
      ignored.push(name);
      continue;
    }
    used.push(name);
  }
  return { files, ignored, used };
}

/**
 * Fetches the results served next to the page (`npm start` serves them at
 * ./results/, with ./results/index.json listing the files present);
 * undefined when there are none.
 */
export async function fetchServedResults(base = './results/'): Promise<ResultFiles | undefined> {
  const get = async (name: string): Promise<Response | undefined> => {
    try {
      const response = await fetch(base + name, { cache: 'no-store' });
      // A server's page fallback (index.html for any unknown path) is not a results file.
      const type = response.headers.get('content-type') ?? '';
      return response.ok && !type.includes('text/html') ? response : undefined;
    } catch {
      return undefined;
    }
  };
  const index = await get('index.json');
  if (index === undefined) return undefined;
  let present: string[];
  try {
    present = ((await index.json()) as { files?: string[] }).files ?? [];
  } catch {
    return undefined;
  }
  const wanted = (name: string): Promise<Response | undefined> => (present.includes(name) ? get(name) : Promise.resolve(undefined));
  const [manifest, summary, arrow] = await Promise.all([wanted('manifest.json'), wanted('summary.json'), wanted('runs.arrow')]);
  if (manifest === undefined && summary === undefined && arrow === undefined) return undefined;
  const files: ResultFiles = {};
  if (manifest !== undefined) files.manifest = await manifest.text();
  if (summary !== undefined) files.summary = await summary.text();
  if (arrow !== undefined) files.arrow = new Uint8Array(await arrow.arrayBuffer());
  return files;
}
