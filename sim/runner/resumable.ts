// Whether a directory is one `--resume` may finish: checked by runExperiment
// (experiment.ts) before anything is touched — for the CLI's compare and
// sweep and for any other caller alike — because resuming rewrites runs.log
// and every result file: a directory of other files, or a garbage runs.log
// or manifest.json, would be silently replaced.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errnoOf, firstLine, reasonOf } from '../util/fileSystem.js';
import { MANIFEST_FORMAT } from './resultsFiles.js';
import { parseLogLine, RUN_LOG_FORMAT } from './runLog.js';

/** Whether `path` holds a delegsim manifest (parsed, format checked; its contents are the runner's business). */
function isManifest(path: string): boolean {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown } | null;
    return value !== null && typeof value === 'object' && value.format === MANIFEST_FORMAT;
  } catch {
    return false;
  }
}

/** What a run killed at start-up leaves before its runs.log exists: its lock, or the log's temporary file. */
const STARTUP_LEFTOVERS = new Set(['runs.lock', '.runs.log.tmp']);

/**
 * Why `dir` is not a results directory that --resume may finish, or
 * undefined if it is one. A results directory has a runs.log whose first
 * line is a delegsim run-log header (the log is written to a temporary file
 * and renamed, so even a run killed at once has a whole header) and, if it
 * has a manifest.json, a delegsim one; or — a run killed before its log was
 * renamed into place — nothing but the lock and the log's temporary file.
 * Anything else would be overwritten by resuming, so it is refused.
 */
export function resumeProblem(dir: string): string | undefined {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) return 'it is not a directory';
    entries = readdirSync(dir);
  } catch (error) {
    const code = errnoOf(error)?.code;
    return code === 'ENOENT' ? 'it does not exist; drop --resume to start' : reasonOf(code);
  }
  if (entries.includes('manifest.json') && !isManifest(join(dir, 'manifest.json'))) return 'its manifest.json is not a delegsim manifest';
  if (entries.includes('runs.log')) {
    let header: Record<string, unknown> | undefined;
    try {
      const line = firstLine(join(dir, 'runs.log'));
      header = line === undefined ? undefined : parseLogLine(line);
    } catch (error) {
      return `cannot read its runs.log: ${reasonOf(errnoOf(error)?.code)}`;
    }
    return header?.k === 'header' && header.format === RUN_LOG_FORMAT ? undefined : 'its runs.log is not a delegsim run log';
  }
  if (entries.includes('manifest.json')) return undefined; // results whose log was deleted: resuming redoes every run
  if (entries.length > 0 && entries.every((name) => STARTUP_LEFTOVERS.has(name))) return undefined;
  return entries.length === 0 ? 'it is empty; drop --resume to start' : 'it holds no runs.log';
}
