// Checks on the paths the CLI writes to — a results directory (--out), an
// audit log (--audit; --resume is runner/resumable.ts) — made before
// anything is created, so that bad input is exit 2 with one line naming the
// option and the reason in words, never a raw ENOTDIR from deep inside a run
// (errors.ts). Checking cannot foresee everything (a file system may refuse
// a mkdir that access() allowed), so mkdirFailure() also words the error of
// a mkdir that failed anyway. Error codes are worded by util/fileSystem.ts.

import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { PATH_ERROR_CODES, errnoOf, firstLine, reasonOf, valueText } from '../util/fileSystem.js';
import { UsageError } from './errors.js';

/** `path` as the user would recognise it: relative to the working directory when they gave a relative path. */
const shown = (path: string, given: string): string => (isAbsolute(given) ? path : relative(process.cwd(), path) || '.');

/**
 * Why directory `dir` could not be created (with its missing parents) and
 * written in, or undefined if nothing stands in the way as far as can be
 * told without creating anything: the nearest existing ancestor must be a
 * directory this process may write in. Paths in the answer are shown as
 * `given` was written (relative or absolute). For a `dir` that does not
 * exist, the answer is also what stands in the way of a file created there.
 */
export function directoryProblem(dir: string, given = dir): string | undefined {
  if (dir === '') return 'must be a directory path, not an empty string';
  const target = resolve(dir);
  for (let current = target; ; current = dirname(current)) {
    let stats: Stats;
    try {
      stats = statSync(current);
    } catch (error) {
      const code = errnoOf(error)?.code;
      // Missing, or below a file: look further up for the part that exists.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(current) !== current) continue;
      return `${shown(current, given)}: ${reasonOf(code)}`;
    }
    if (!stats.isDirectory()) return current === target ? 'exists and is not a directory' : `${shown(current, given)} is not a directory`;
    try {
      accessSync(current, constants.W_OK | constants.X_OK);
    } catch (error) {
      return `cannot write in ${shown(current, given)} (${reasonOf(errnoOf(error)?.code)})`;
    }
    return undefined;
  }
}

/** Throws a UsageError if `--out` cannot be a results directory (nothing is created). */
export function checkOutPath(out: string): void {
  const problem = directoryProblem(out);
  if (problem !== undefined) throw new UsageError(out === '' ? `--out: ${problem}` : `--out ${out}: ${problem}`);
}

/**
 * The UsageError for a mkdir of a results directory that failed on a path
 * problem (the check above could not foresee it: e.g. /sys refuses even
 * root), or undefined for any other error.
 */
export function mkdirFailure(error: unknown): UsageError | undefined {
  const e = errnoOf(error);
  if (e === undefined || e.syscall !== 'mkdir' || typeof e.path !== 'string' || !PATH_ERROR_CODES.has(e.code!)) return undefined;
  return new UsageError(`--out ${valueText(e.path)}: cannot create the directory (${directoryProblem(e.path) ?? reasonOf(e.code)})`);
}

/** The first line of an audit log: record 0 with its chain fields (auditRecord.ts). */
const AUDIT_FIRST_LINE = /^\{"seq":0,.*"prev":"[0-9a-f]{64}","hash":"[0-9a-f]{64}"\}$/;

/**
 * Throws a UsageError unless `--audit FILE` can be written: its directory
 * exists and may be written in, and FILE is absent, empty, or an audit log
 * (of an earlier run: replacing it is what re-running means). Any other file
 * — a scenario, say — is never overwritten.
 */
export function checkAuditPath(path: string): void {
  const fail = (why: string): never => {
    throw new UsageError(path === '' ? `--audit: ${why}` : `--audit ${path}: ${why}`);
  };
  if (path === '') fail('must be a file path, not an empty string');
  let stats: Stats | undefined;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = errnoOf(error)?.code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') fail(reasonOf(code));
  }
  if (stats === undefined) {
    // Walked up from the file itself, a parent that is a file is named as such ("afile is not a directory").
    const problem = directoryProblem(path);
    if (problem !== undefined) fail(problem);
    const parent = dirname(resolve(path));
    try {
      statSync(parent);
    } catch {
      fail(`directory ${shown(parent, path)} does not exist`);
    }
    return;
  }
  if (stats.isDirectory()) fail('is a directory');
  if (!stats.isFile()) fail('exists and is not a regular file');
  if (stats.size === 0) return;
  let line: string | undefined;
  try {
    line = firstLine(path);
  } catch (error) {
    fail(`cannot read it: ${reasonOf(errnoOf(error)?.code)}`);
  }
  if (line === undefined || !AUDIT_FIRST_LINE.test(line)) {
    fail('exists and is not a delegsim audit log; refusing to overwrite it (remove it or choose another file)');
  }
  const problem = directoryProblem(dirname(resolve(path)), path);
  if (problem !== undefined) fail(problem);
}
