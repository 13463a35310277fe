// The canonical text a run's output hash covers: its spec and deterministic
// output, as JSON in a fixed order. Browser-safe, so the CLI (node:crypto,
// runRecord.ts) and the dashboard (SubtleCrypto, viz/lib/runHash.ts) hash the
// very same text and cannot drift apart.

import type { RunSpec } from './runSpec.js';

/** The canonical text of a run; `values` are metric values as runRecord.formatMetric writes them. */
export function runHashInput(
  spec: RunSpec,
  output: { scenarioName: string; stopCause: string; names: readonly string[]; values: readonly string[] },
): string {
  return JSON.stringify([
    spec.index,
    spec.scenario,
    spec.overrides,
    spec.policy,
    spec.seed,
    output.scenarioName,
    output.stopCause,
    output.names,
    output.values,
  ]);
}
