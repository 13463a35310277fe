// File-system helpers (Node) shared by the CLI's checks of the paths it
// writes to (cli/outputPaths.ts) and the runner's check of a directory to
// resume (runner/resumable.ts): an error's errno code, that code in words,
// a file's first line and a path as a message shows it — so both word the
// same failure the same way. And the runner's way to read a file of any
// size (runs.log, runs.csv, the hashes of result files): a piece at a time.

import { closeSync, openSync, readSync } from 'node:fs';

/** A path or option value as it appears in messages: an empty string must stay visible. */
export const valueText = (value: string): string => (value === '' ? "''" : value);

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many levels of symbolic links',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  EINVAL: 'invalid path',
};

/** File system error codes that mean "this path is wrong" (exit 2), not "the machine failed" (ENOSPC, EIO: exit 1). */
export const PATH_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(REASONS));

/** A file system error code in words. */
export function reasonOf(code: string | undefined): string {
  return (code !== undefined && REASONS[code]) || (code ?? 'unknown error').toLowerCase();
}

/** The error as a Node system error (one with a `code`), or undefined. */
export const errnoOf = (error: unknown): NodeJS.ErrnoException | undefined =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException) : undefined;

/** Bytes forEachFilePiece reads at a time. */
const PIECE_BYTES = 1 << 20;

/**
 * Hands the bytes of the file at `path` to `onPiece` in order, `pieceBytes`
 * at a time (the last piece shorter), so a file of any size is read in
 * constant memory. Each piece is a view of a buffer the next read reuses:
 * copy what must outlive the call.
 */
export function forEachFilePiece(path: string, onPiece: (bytes: Buffer) => void, pieceBytes = PIECE_BYTES): void {
  const buffer = Buffer.allocUnsafe(pieceBytes);
  const fd = openSync(path, 'r');
  try {
    for (let n; (n = readSync(fd, buffer, 0, pieceBytes, null)) > 0; ) onPiece(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** The first `max` bytes of a file as text (its first line, for the files checked here). */
function head(path: string, max = 4096): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(max);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, max, 0));
  } finally {
    closeSync(fd);
  }
}

/** The first line of a file (without its newline), or undefined if none ends within the first 4 KiB. */
export function firstLine(path: string): string | undefined {
  const text = head(path);
  const nl = text.indexOf('\n');
  return nl < 0 ? undefined : text.slice(0, nl);
}
