// An experiment plan: one scenario, a list of parameter points, policies and
// replications, expanded into RunSpecs in a fixed, interleaved order. Pure
// and browser-safe: the CLI (compare, sweep) and the dashboard expand plans
// the same way.
//
// Order: replication-major, then point, then policy — index =
// (replication · points + point) · policies + policy — so that whatever
// prefix of the runs has finished covers the whole grid with as many
// replications as possible.
//
// Seeds: replications are counted from 0 (runs.csv's `replication` column),
// and replication r of every point and every policy runs with master seed
// `seed + r` (common random numbers), so differences between policies and
// between points are paired comparisons.

import { applyOverrides, overridePath } from '../scenario/overrides.js';
import { parseScenario } from '../scenario/parse.js';
import { pathSegments, valueAt } from '../scenario/valueAt.js';
import type { RunSpec } from './runSpec.js';

/** A JSON value, as a sweep parameter may take. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One point of a sweep: scenario fields (dotted paths) and their values, in order. */
export interface PlanPoint {
  params: [path: string, value: JsonValue][];
}

/** A declared experiment. */
export interface ExperimentPlan {
  kind: 'compare' | 'sweep';
  name: string;
  /**
   * The scenario's canonical label (a built-in's name, or the file's base
   * name without .json; prepareExperiment sets it), never the path as typed:
   * it is part of the experiment's identity and of every run's hash, which
   * must not depend on the working directory. Workers get the text by it.
   */
  scenario: string;
  /** `path=value` overrides applied to every run (before the point's). */
  set: string[];
  points: PlanPoint[];
  /** The first is the baseline of paired differences. */
  policies: string[];
  replications: number;
  /** Replication r (counted from 0) uses master seed `seed + r`. */
  seed: number;
}

/** Where a run sits in its plan. */
export interface RunPlace {
  replication: number;
  point: number;
  policy: number;
}

/** Total number of runs in a plan. */
export function runCount(plan: ExperimentPlan): number {
  return plan.replications * plan.points.length * plan.policies.length;
}

/** The replication, point and policy of run `index`. */
export function placeOf(plan: ExperimentPlan, index: number): RunPlace {
  const q = plan.policies.length;
  const p = plan.points.length;
  return { policy: index % q, point: Math.floor(index / q) % p, replication: Math.floor(index / (q * p)) };
}

/** The run index of a place: the inverse of {@link placeOf}. */
export function indexOf(plan: ExperimentPlan, place: RunPlace): number {
  return (place.replication * plan.points.length + place.point) * plan.policies.length + place.policy;
}

/** The `path=value` override of one parameter value. */
export function overrideOf(path: string, value: JsonValue): string {
  return `${path}=${JSON.stringify(value)}`;
}

/** The overrides of every run at `point`: the plan's `set`, then the point's own. */
export function pointOverrides(plan: ExperimentPlan, point: number): string[] {
  const own = plan.points[point]?.params ?? [];
  return [...plan.set, ...own.map(([path, value]) => overrideOf(path, value))];
}

/** The spec of run `index`. */
export function specAt(plan: ExperimentPlan, index: number): RunSpec {
  const place = placeOf(plan, index);
  return {
    index,
    scenario: plan.scenario,
    overrides: pointOverrides(plan, place.point),
    policy: plan.policies[place.policy]!,
    seed: plan.seed + place.replication,
  };
}

/**
 * Every spec of the plan in index order, created lazily (a sweep of millions
 * of runs never holds them all), skipping indices `skip` says are done.
 *
 * @example
 * for (const spec of planSpecs(plan)) pool.submit(spec);
 */
export function* planSpecs(plan: ExperimentPlan, skip?: (index: number) => boolean): Generator<RunSpec> {
  const total = runCount(plan);
  for (let index = 0; index < total; index++) {
    if (skip?.(index) !== true) yield specAt(plan, index);
  }
}

/** The text of an override's value as a JsonValue (JSON when it parses, else the string), as applyOverrides reads it. */
export function overrideValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * The parameters of a plan, in column order: the paths of `set`, then those of
 * the points in order of first appearance.
 */
export function parameterPaths(plan: ExperimentPlan): string[] {
  const paths: string[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      paths.push(path);
    }
  };
  for (const entry of plan.set) add(overridePath(entry));
  for (const point of plan.points) for (const [path] of point.params) add(path);
  return paths;
}

// parameterValues runs once per point; a grid of many points must not list its paths each time.
const pathsOfPlan = new WeakMap<ExperimentPlan, string[]>();
function cachedParameterPaths(plan: ExperimentPlan): string[] {
  let paths = pathsOfPlan.get(plan);
  if (paths === undefined) pathsOfPlan.set(plan, (paths = parameterPaths(plan)));
  return paths;
}

/**
 * The value of every parameter at a point (a point's own value wins over
 * `set`). With `base` (see {@link baseParameterValues}), a parameter that
 * only other points set gets the value in effect here — the base scenario's —
 * so a point's table row and label show what it ran.
 */
export function parameterValues(plan: ExperimentPlan, point: number, base?: ReadonlyMap<string, JsonValue>): Map<string, JsonValue> {
  const values = new Map<string, JsonValue>();
  for (const entry of plan.set) {
    values.set(overridePath(entry), overrideValue(entry.slice(entry.indexOf('=') + 1)));
  }
  for (const [path, value] of plan.points[point]?.params ?? []) values.set(path, value);
  const paths = base === undefined ? [] : cachedParameterPaths(plan);
  if (base === undefined || paths.every((path) => values.has(path))) return values;
  // Filled in from the base: in column order, so every point lists its
  // parameters alike (a point that sets them all keeps its own order, which
  // summary.json has always had).
  const filled = new Map<string, JsonValue>();
  for (const path of paths) {
    const value = values.has(path) ? values.get(path) : base.get(path);
    if (value !== undefined) filled.set(path, value);
  }
  return filled;
}

/**
 * The value of each parameter path in the base scenario, with the plan's
 * `set` applied: as the text writes it, else the default validation fills
 * in. Points that do not set a parameter run with this value.
 */
export function baseParameterValues(plan: ExperimentPlan, scenarioText: string): Map<string, JsonValue> {
  const attempt = (make: () => unknown): unknown => {
    try {
      return make();
    } catch {
      return undefined; // the plan was validated when prepared; an unreadable base just has no values
    }
  };
  const written = attempt(() => applyOverrides(JSON.parse(scenarioText), plan.set));
  const parsed = attempt(() => parseScenario(scenarioText, { overrides: plan.set }));
  const base = new Map<string, JsonValue>();
  for (const path of parameterPaths(plan)) {
    const segments = pathSegments(path);
    const value = valueAt(written, segments).value ?? valueAt(parsed, segments).value;
    if (value !== undefined) base.set(path, JSON.parse(JSON.stringify(value)) as JsonValue);
  }
  return base;
}

/**
 * The points of a grid: the cartesian product of each path's values, the
 * last path varying fastest.
 *
 * @example
 * gridPoints({ 'arrivals.rate': [8, 9], 'population.0.count': [10, 12] }).length; // 4
 */
export function gridPoints(grid: [path: string, values: JsonValue[]][]): PlanPoint[] {
  let points: PlanPoint[] = [{ params: [] }];
  for (const [path, values] of grid) {
    const next: PlanPoint[] = [];
    for (const point of points) for (const value of values) next.push({ params: [...point.params, [path, value]] });
    points = next;
  }
  return points;
}
