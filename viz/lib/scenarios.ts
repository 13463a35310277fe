// Scenarios the run panel offers: the built-in files (bundled as text, the
// same bytes the CLI reads) and scenario files the user drops, which are
// parsed and validated with the library's parseScenario — JSON only, never
// evaluated.

import { parseScenario } from '../../sim/scenario/parse.js';
import type { Scenario } from '../../sim/scenario/schema.js';

/** A scenario the panel can run: its reference (what RunSpecs carry), its text and its validated form. */
export interface ScenarioSource {
  ref: string;
  text: string;
  scenario: Scenario;
  builtin: boolean;
}

const files = import.meta.glob('../../scenarios/**/*.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/**
 * The built-in scenarios, by the name the CLI resolves (file name without
 * .json), skipping JSON Schemas and sweep files, sorted by name.
 */
export function builtinScenarios(): ScenarioSource[] {
  const out: ScenarioSource[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (path.includes('/experiments/') || path.endsWith('.schema.json')) continue;
    const ref = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    out.push({ ref, text, scenario: parseScenario(text, { source: ref }), builtin: true });
  }
  return out.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** Validates a dropped scenario file; throws the one-line ScenarioError on a bad file. */
export function droppedScenario(name: string, text: string): ScenarioSource {
  return { ref: name, text, scenario: parseScenario(text, { source: name }), builtin: false };
}
