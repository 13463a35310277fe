// Scenario files on disk (Node only): finding the package's built-in
// scenarios, resolving a `<scenario>` argument to a file, reading it, and
// reading the CSV of a trace arrival process next to it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError, formatValue } from './errors.js';
import { parseScenario, type ScenarioPolicies } from './parse.js';
import type { Scenario } from './schema.js';

const PACKAGE_NAME = 'delegsim';

let packageRoot: string | undefined;

/**
 * The folder of the delegsim package: the nearest ancestor of this module
 * whose package.json is named "delegsim". Works from the TypeScript sources
 * and from the compiled dist/ alike.
 *
 * @example
 * join(findPackageRoot(), 'scenarios'); // the built-in scenarios
 */
export function findPackageRoot(): string {
  if (packageRoot !== undefined) return packageRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
        if (name === PACKAGE_NAME) return (packageRoot = dir);
      } catch {
        // An unreadable package.json is not ours; keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** A built-in scenario: its name (file name without .json) and absolute path. */
export interface BuiltinScenario {
  name: string;
  path: string;
}

function jsonFilesUnder(dir: string, skip: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== skip) out.push(...jsonFilesUnder(path, skip));
    } else if (entry.name.endsWith('.json') && !entry.name.endsWith('.schema.json')) {
      out.push(path);
    }
  }
  return out;
}

/**
 * The built-in scenarios: every `*.json` under `<root>/scenarios/`, at any
 * depth, except JSON Schemas and sweep files under `scenarios/experiments/`.
 * Sorted by name, then path.
 *
 * @example
 * listBuiltinScenarios().map((s) => s.name); // ['mmc', …]
 */
export function listBuiltinScenarios(): BuiltinScenario[] {
  const dir = join(findPackageRoot(), 'scenarios');
  if (!existsSync(dir)) return [];
  return jsonFilesUnder(dir, join(dir, 'experiments'))
    .map((path) => ({ name: basename(path, '.json'), path }))
    .sort((a, b) => (a.name === b.name ? cmp(a.path, b.path) : cmp(a.name, b.name)));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The file a `<scenario>` argument names: an existing file path (relative to
 * the working directory), else a built-in scenario name (`mmc` or `mmc.json`).
 *
 * @example
 * resolveScenarioRef('mmc');                 // <root>/scenarios/mmc.json
 * resolveScenarioRef('./my-scenario.json');  // absolute path of that file
 */
export function resolveScenarioRef(ref: string): string {
  if (isFile(ref)) return resolve(ref);
  const builtins = listBuiltinScenarios();
  const name = ref.endsWith('.json') ? ref.slice(0, -'.json'.length) : ref;
  const found = builtins.find((s) => s.name === name);
  if (found !== undefined) return found.path;
  const names = [...new Set(builtins.map((s) => s.name))].join(', ');
  throw new ScenarioError(`scenario: no file or built-in scenario named '${ref}' (built-ins: ${names || 'none'})`);
}

/** How a file is named in errors: relative to the working directory when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith(`..${sep}`) || rel === '..' ? path : rel;
}

/**
 * Arrival times from a trace CSV: one number (minutes) per line, an optional
 * `time` header, blank lines ignored; finite, ≥ 0 and non-decreasing.
 */
export function parseTraceCsv(text: string, file: string): number[] {
  const times: number[] = [];
  const lines = text.split(/\r?\n/);
  let seenContent = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `arrivals.file: ${file} line ${i + 1}`;
    if (!seenContent && line.toLowerCase() === 'time') {
      seenContent = true;
      return;
    }
    seenContent = true;
    const t = Number(line);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(line) || !Number.isFinite(t)) {
      throw new ScenarioError(`${where}: must be a finite number of minutes, got ${formatValue(line)}`);
    }
    if (t < 0) throw new ScenarioError(`${where}: must be at least 0, got ${line}`);
    const prev = times[times.length - 1];
    if (prev !== undefined && t < prev) {
      throw new ScenarioError(`${where}: must not be less than the time before it (${prev}), got ${line}`);
    }
    times.push(t);
  });
  if (times.length === 0) throw new ScenarioError(`arrivals.file: ${file} has no arrival times`);
  return times;
}

/** Options of {@link loadScenario}. */
export interface LoadScenarioOptions {
  /** `path=value` edits applied before validation. */
  overrides?: readonly string[];
  /** The policies the scenario will run with (see ParseScenarioOptions). */
  policies?: ScenarioPolicies;
}

/** A loaded scenario, with the file it came from and that file's text. */
export interface LoadedScenario {
  scenario: Scenario;
  path: string;
  text: string;
}

/**
 * Reads, validates and completes a scenario given by path or built-in name.
 * A trace arrival process with a `file` gets its `times` read from that CSV
 * (relative to the scenario's folder); `file` is kept.
 *
 * @example
 * const { scenario, path } = loadScenario('mmc', { overrides: ['seed=7'] });
 */
export function loadScenario(ref: string, options: LoadScenarioOptions = {}): LoadedScenario {
  const { overrides = [], policies } = options;
  const path = resolveScenarioRef(ref);
  const source = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(`${source}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const scenario = parseScenario(text, { overrides, source, policies });
  const { arrivals } = scenario;
  if (arrivals.process !== 'trace' || arrivals.file === undefined) return { scenario, path, text };
  const csvPath = resolve(dirname(path), arrivals.file);
  let csv: string;
  try {
    csv = readFileSync(csvPath, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ScenarioError(`arrivals.file: cannot read ${displayPath(csvPath)}: ${reason}`);
  }
  const times = parseTraceCsv(csv, arrivals.file);
  return { scenario: { ...scenario, arrivals: { ...arrivals, times } }, path, text };
}
