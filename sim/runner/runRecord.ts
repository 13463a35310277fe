// A finished run as the experiment keeps it — the deterministic part of its
// output plus its wall time — and the output hash that manifests record and
// `delegsim reproduce` checks. Node only (node:crypto).

import { createHash } from 'node:crypto';
import type { RunOutput, RunSpec } from './runSpec.js';
import { runHashInput } from './runHashInput.js';

/** A finished run. */
export interface RunRecord {
  index: number;
  policy: string;
  seed: number;
  /** The scenario's `name` field. */
  scenarioName: string;
  stopCause: string;
  /** Metric names in the order of `values` (shared between records where equal). */
  names: readonly string[];
  values: Float64Array;
  /** Output hash (see {@link runHash}). */
  hash: string;
  /** Not deterministic: never part of a hash or of runs.csv. */
  wallSeconds: number;
}

/**
 * How a metric value is written everywhere (runs.csv, hashes): the shortest
 * decimal that reads back as the same double, and NaN / Infinity by name.
 */
export function formatMetric(value: number): string {
  return String(value);
}

/** Reads a value written by {@link formatMetric}; undefined if it is not one. */
export function parseMetric(text: string): number | undefined {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/**
 * The output hash of a run: 16 hex digits of SHA-256 over its spec and its
 * deterministic output (scenario name, stop cause, metric names and values as
 * {@link formatMetric} writes them). Equal hashes mean the same run gave the
 * same numbers; wall time is left out.
 *
 * @example
 * runHash(spec, { scenarioName: 'mmc', stopCause: 'drained', names, values: names.map(formatMetric) });
 */
export function runHash(
  spec: RunSpec,
  output: { scenarioName: string; stopCause: string; names: readonly string[]; values: readonly string[] },
): string {
  return createHash('sha256').update(runHashInput(spec, output)).digest('hex').slice(0, 16);
}

/** The record of a run a worker finished. */
export function recordOf(spec: RunSpec, output: RunOutput): RunRecord {
  const formatted = Array.from(output.values, formatMetric);
  return {
    index: spec.index,
    policy: spec.policy,
    seed: spec.seed,
    scenarioName: output.scenarioName,
    stopCause: output.stopCause,
    names: output.names,
    values: output.values,
    hash: runHash(spec, { scenarioName: output.scenarioName, stopCause: output.stopCause, names: output.names, values: formatted }),
    wallSeconds: output.wallSeconds,
  };
}
