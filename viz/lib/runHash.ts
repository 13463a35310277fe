// A run's output hash in the browser: the same canonical JSON and SHA-256 as
// sim/runner/runRecord.ts (which uses node:crypto), through SubtleCrypto, so
// the dashboard can show that its runs equal the CLI's (same manifest hashes).

import type { RunSpec } from '../../sim/runner/runSpec.js';
import { runHashInput as canonicalRunText } from '../../sim/runner/runHashInput.js';

/** How a metric value enters the hash: as runRecord.formatMetric writes it. */
export const formatMetric = (value: number): string => String(value);

/** The canonical text runRecord.runHash hashes. */
export function runHashInput(
  spec: RunSpec,
  output: { scenarioName: string; stopCause: string; names: readonly string[]; values: ArrayLike<number> },
): string {
  return canonicalRunText(spec, { ...output, values: Array.from(output.values, formatMetric) });
}

/**
 * 16 hex digits of SHA-256 over the run's spec and deterministic output, or
 * undefined where SubtleCrypto is missing (pages not served from a secure
 * context such as http://127.0.0.1).
 *
 * @example
 * await runHash(spec, output); // '3f9c…', equal to manifest.json's runs[i].hash
 */
export async function runHash(
  spec: RunSpec,
  output: { scenarioName: string; stopCause: string; names: readonly string[]; values: ArrayLike<number> },
): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(runHashInput(spec, output)));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
