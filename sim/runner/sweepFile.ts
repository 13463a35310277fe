// Sweep files: a JSON declaration of an experiment — a scenario, a grid or a
// list of parameter points, policies, replications — validated with a strict
// zod schema into an ExperimentPlan, with one-line errors worded like the
// scenario ones (`grid["arrivals.rate"]: must have at least 1 item`).
// Browser-safe: the file is read by the caller.

import { z } from 'zod';
import { formatIssue, scenarioErrorMap, oneLine } from '../scenario/errors.js';
import { findForbiddenPath } from '../scenario/forbiddenKeys.js';
import { parseJsonText } from '../scenario/jsonText.js';
import { overridePath } from '../scenario/overrides.js';
import { formatPath } from '../scenario/errors.js';
import { GLOSSARY } from '../metrics/glossary.js';
import { gridPoints, type ExperimentPlan, type JsonValue, type PlanPoint } from './plan.js';

/** An invalid sweep file; the message is one line naming the field and the rule. */
export class SweepFileError extends Error {
  override readonly name = 'SweepFileError';

  constructor(message: string) {
    super(oneLine(message));
  }
}

/**
 * Most runs one experiment (sweep or compare) may have: what its results
 * files were measured to take on the bench machine (24 GiB, Node 20's 4 GiB
 * heap), with runs of ~150 metrics, 110 of them fractional (2.3 KB a row of
 * runs.csv). 500,000 such runs: writing the results peaked at 2.7 GiB resident
 * (runs.csv 1.2 GB, written a piece at a time), and reproduce, which keeps
 * every stored row, used 2.0 GiB of heap; twice as many would not fit its
 * heap. (It was 10,000,000, which no results file could hold: from ~220,000
 * such runs runs.csv was more text than one string may be, and the sweep
 * failed at its very end.)
 */
export const MAX_RUNS = 500_000;
/**
 * Most (point, policy) pairs one experiment may have: summary.json gives each
 * ~70 KB (~150 metrics with intervals and paired differences). 30,000 pairs
 * (10,000 points × 3 policies) made a 2.1 GB summary.json, written a point at
 * a time, at 2.2 GiB resident on the bench machine; the summary stays in
 * memory until it is written, so many more would not fit Node's heap.
 */
export const MAX_POINT_POLICIES = 30_000;
/** Largest replication count. */
export const MAX_REPLICATIONS = 100_000;

/** "1 point × 3 policies × 10 replications": how a run count came about, for the errors that refuse it. */
export function runCountFactors(points: number, policies: number, replications?: number): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const factors = [count(points, 'point', 'points'), count(policies, 'policy', 'policies')];
  if (replications !== undefined) factors.push(count(replications, 'replication', 'replications'));
  return factors.join(' × ');
}

/** Columns of runs.csv that a parameter may not shadow, and fields a run's seed and policy already set. */
export const RESERVED_PATHS = new Set(['index', 'scenario', 'policy', 'replication', 'seed', 'stopCause']);

const json: z.ZodType<JsonValue> = z.json() as z.ZodType<JsonValue>;

const PATH = /^[A-Za-z_$][\w$-]*(\.[\w$-]+|\[\d+\])*$/;

/** Checks the keys of a parameter object: dotted paths, none of them a run column. */
function checkPaths(params: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const path of Object.keys(params)) {
    if (!PATH.test(path)) {
      ctx.addIssue({ code: 'custom', path: [path], message: 'must be a dotted path such as arrivals.rate or population.0.count', params: { got: false } });
    } else if (RESERVED_PATHS.has(path)) {
      ctx.addIssue({ code: 'custom', path: [path], message: 'is set by the sweep itself (a run column), not a parameter', params: { got: false } });
    }
  }
}

const setEntry = z
  .string()
  .regex(/^[^=]+=/, { error: 'must be path=value' })
  .refine((entry) => !RESERVED_PATHS.has(overridePath(entry)), {
    error: 'sets a run column (seed, policy, …), which the sweep itself sets',
  });

/** The schema of a sweep file. */
export const sweepFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[A-Za-z0-9][\w.-]*$/, { error: 'must be letters, digits, _ . - (it names the results folder)' }),
    description: z.string().optional(),
    scenario: z.string().min(1).describe('Built-in scenario name, or a path relative to the sweep file.'),
    set: z.array(setEntry).default([]).describe('path=value overrides applied to every run.'),
    grid: z
      .record(z.string(), z.array(json).min(1))
      .superRefine(checkPaths)
      .optional()
      .describe('Every combination of these values (the cartesian product).'),
    points: z
      .array(
        z
          .record(z.string(), json)
          .superRefine(checkPaths)
          .refine((p) => Object.keys(p).length > 0, { error: 'must set at least one parameter' }),
      )
      .min(1)
      .optional()
      .describe('An explicit list of parameter points.'),
    policies: z
      .array(z.string().min(1))
      .min(1)
      .superRefine((names, ctx) => {
        const seen = new Set<string>();
        names.forEach((name, i) => {
          if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i], message: 'duplicate policy' });
          seen.add(name);
        });
      })
      .describe('Policies to compare; the first is the baseline of paired differences.'),
    replications: z.int().min(1).max(MAX_REPLICATIONS),
    metrics: z
      .array(
        z.string().refine((name) => Object.hasOwn(GLOSSARY, name), {
          error: 'unknown metric (names are those of the glossary: delegsim run --json lists them)',
        }),
      )
      .min(1)
      .optional()
      .describe("Metrics the printed table shows: what the experiment measures (default: the headline set; --metrics overrides). Display only: not part of the experiment's identity."),
    seed: z
      .int()
      .min(0)
      .max(0xffffffff)
      .default(1)
      .describe('Master seed of replication 0; replications are counted from 0 (as in runs.csv) and replication r uses seed + r.'),
  })
  .superRefine((s, ctx) => {
    if (s.grid !== undefined && s.points !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: 'give grid or points, not both', params: { got: false } });
    }
    if (s.seed + s.replications - 1 > 0xffffffff) {
      ctx.addIssue({ code: 'custom', path: ['replications'], message: `seed + replications − 1 must be at most 4294967295` });
    }
    const points = s.grid !== undefined ? Object.values(s.grid).reduce((n, values) => n * values.length, 1) : (s.points?.length ?? 1);
    // Here, before sweepPlan expands the grid into its points (prepareExperiment checks every plan again, compare's too).
    const runs = points * s.policies.length * s.replications;
    if (runs > MAX_RUNS) {
      const message = `must declare at most ${MAX_RUNS} runs, got ${runs} (${runCountFactors(points, s.policies.length, s.replications)})`;
      ctx.addIssue({ code: 'custom', path: [], message, params: { got: false } });
    }
  });

export type SweepFile = z.output<typeof sweepFileSchema>;

/** JSON.parse, refusing duplicate keys and deep nesting too (as in scenario files). */
function parseJson(text: string, source: string): unknown {
  try {
    return parseJsonText(text, source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new SweepFileError(message.startsWith(`${source}: `) ? message : `${source}: ${message}`);
  }
}

/**
 * Validates a sweep file (text or parsed data) and returns it with defaults.
 * Throws a SweepFileError naming the first bad field. Policy names and the
 * scenario are checked later, against the registry and the files.
 *
 * @example
 * const sweep = parseSweepFile(readFileSync('rate.json', 'utf8'), { source: 'rate.json' });
 */
export function parseSweepFile(input: unknown, options: { source?: string } = {}): SweepFile {
  const { source = 'sweep' } = options;
  const data = typeof input === 'string' ? parseJson(input, source) : input;
  const forbidden = findForbiddenPath(data);
  if (forbidden !== undefined) throw new SweepFileError(`${source}: ${formatPath(forbidden, source)}: forbidden key`);
  const result = sweepFileSchema.safeParse(data, { error: scenarioErrorMap, jitless: true }); // parsed once: see parseScenario
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new SweepFileError(`${source}: ${first === undefined ? 'invalid' : formatIssue(first, data, 'sweep')}`);
}

/**
 * The plan a sweep file declares. `scenario` is the reference workers will
 * resolve (the caller resolves a path relative to the sweep file).
 */
export function sweepPlan(sweep: SweepFile, scenario: string): ExperimentPlan {
  let points: PlanPoint[];
  if (sweep.grid !== undefined) points = gridPoints(Object.entries(sweep.grid));
  else if (sweep.points !== undefined) points = sweep.points.map((p) => ({ params: Object.entries(p) }));
  else points = [{ params: [] }];
  return {
    kind: 'sweep',
    name: sweep.name,
    scenario,
    set: sweep.set,
    points,
    policies: sweep.policies,
    replications: sweep.replications,
    seed: sweep.seed,
  };
}
