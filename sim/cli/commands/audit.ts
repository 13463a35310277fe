// `delegsim audit verify <log>` (MODEL.md §9 "audit"; paper §5.2): checks an
// audit log's hash chain and names the first bad record. Exit codes differ
// from the rest of the CLI on purpose: a readable but tampered log is a
// finding about the log (1), not bad usage (2).

import type { Command } from 'commander';
import { verifyAuditFile } from '../../model/audit/auditFile.js';
import { UsageError } from '../errors.js';

/** A readable audit log whose chain is broken: exit 1 (errors.ts maps unknown error names to 1). */
export class AuditTamperedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditTamperedError';
  }
}

const UNREADABLE = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

/** Adds the `audit` command group to the program. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('inspect audit logs (hash-chained delegation decisions)');
  audit
    .command('verify')
    .description("check an audit log's hash chain and name the first bad record")
    .argument('<log>', 'path to an audit log (JSON Lines, as written with auditing on)')
    .option('--head <hash>', 'also require the log to end at this hash (catches records cut from the end)')
    .addHelpText(
      'after',
      '\nPrints "ok: N records, chain intact" when every record is intact, or one line\n' +
        'naming the first bad record: edited, missing, out of order, torn or malformed.\n\n' +
        'Exit codes:\n' +
        '  0  the chain is intact\n' +
        '  1  the log is readable but tampered, torn or malformed (or ends at another --head)\n' +
        '  2  bad usage, or the file is missing or unreadable',
    )
    .action(auditVerifyCommand);
}

export function auditVerifyCommand(path: string, options: { head?: string }): void {
  const head = options.head?.toLowerCase();
  if (head !== undefined && !/^[0-9a-f]{64}$/.test(head)) {
    throw new UsageError(`--head: must be 64 hex digits, got ${JSON.stringify(options.head)}`);
  }
  let result;
  try {
    result = verifyAuditFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && UNREADABLE.has(code)) {
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code.toLowerCase();
      throw new UsageError(`audit verify: cannot read '${path}': ${why}`);
    }
    throw error;
  }
  if (!result.ok) throw new AuditTamperedError(`${path}: ${result.message}`);
  if (head !== undefined && result.head !== head) {
    throw new AuditTamperedError(
      `${path}: the log ends at hash ${result.head} after ${result.records} records, not at --head ${head} — records cut from the end, or another log`,
    );
  }
  process.stdout.write(`ok: ${result.records} records, chain intact (head ${result.head})\n`);
}
