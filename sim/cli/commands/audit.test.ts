// `delegsim audit verify`: end to end as a user runs it (the compiled CLI in
// child processes; vitest.setup.ts builds dist first), and in process for
// the many cases (spawning the CLI costs about a second each). Exit 0 for an
// intact chain; 1 with one line naming the first bad record for a tampered
// log; 2 for bad usage or an unreadable file — never a stack trace.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { openAuditFile } from '../../model/audit/auditFile.js';
import { AuditOutcome, AuditReason } from '../../model/audit/auditRecord.js';
import { describeError, exitCodeFor } from '../errors.js';
import { auditVerifyCommand, registerAuditCommand } from './audit.js';
import { runCliAsync } from '../cliTestKit.js';

const dir = mkdtempSync(join(tmpdir(), 'delegsim-audit-cli-'));

const delegsim = (args: string[]) => runCliAsync(dir, args);

function writeLog(name: string, n: number): { path: string; head: string; lines: string[] } {
  const path = join(dir, name);
  const log = openAuditFile(path);
  for (let i = 0; i < n; i++) log.record(i * 1.5, i % 7, 100 + (i % 31), i, i >> 2, i, AuditReason.Assign, AuditOutcome.Pending);
  log.close();
  return { path, head: log.head, lines: readFileSync(path, 'utf8').split('\n') };
}

function expectOneLine(text: string, pattern: RegExp): void {
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(text).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
}

const good = writeLog('good.jsonl', 2000);
const tamper = (name: string, edit: (lines: string[]) => string[]) => {
  writeFileSync(join(dir, name), edit(good.lines).join('\n'));
  return name;
};
const edited = tamper('edited.jsonl', (l) => l.map((x, i) => (i === 999 ? x.replace('"delegatee":', '"delegatee":1') : x)));
const dropped = tamper('dropped.jsonl', (l) => l.filter((_, i) => i !== 999));
const swapped = tamper('swapped.jsonl', (l) => [...l.slice(0, 999), l[1000]!, l[999]!, ...l.slice(1001)]);
const torn = tamper('torn.jsonl', (l) => [l.join('\n').slice(0, -30)]);
const cut = tamper('cut.jsonl', (l) => [...l.slice(0, 1500), '']);

describe('delegsim audit verify (compiled CLI)', () => {
  it('audit verify exits 0, 1 or 2 with one line for intact, tampered and missing logs', async () => {
    const [ok, bad, reordered, missing] = await Promise.all([
      delegsim(['audit', 'verify', good.path]),
      delegsim(['audit', 'verify', edited]),
      delegsim(['audit', 'verify', swapped]),
      delegsim(['audit', 'verify', 'nope.jsonl']),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    expectOneLine(ok.stdout, new RegExp(`^ok: 2000 records, chain intact \\(head ${good.head}\\)$`));

    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expectOneLine(bad.stderr, /^edited\.jsonl: line 1000 \(seq 999\): hash does not match its content — edited\?$/);

    expect(reordered.code).toBe(1);
    expectOneLine(reordered.stderr, /^swapped\.jsonl: line 1000 \(seq 1000\): follows seq 998 — records out of order \(seq 999 is at line 1001\)$/);

    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expectOneLine(missing.stderr, /^audit verify: cannot read 'nope\.jsonl': no such file$/);
  });
});

/** Runs the command in process: its stdout, or the error main.ts would print and its exit code. */
function verify(path: string, options: { head?: string } = {}) {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    auditVerifyCommand(path, options);
    return { code: 0, text: out.mock.calls.map((c) => String(c[0])).join('') };
  } catch (error) {
    return { code: exitCodeFor(error), text: describeError(error) + '\n' };
  } finally {
    out.mockRestore();
  }
}

describe('auditVerifyCommand', () => {
  const cases: [label: string, path: string, options: { head?: string }, code: number, expected: RegExp][] = [
    ['an intact log', good.path, {}, 0, /^ok: 2000 records, chain intact/],
    ['an intact log ending at --head', good.path, { head: good.head.toUpperCase() }, 0, /^ok: 2000 records/],
    ['an edited field', join(dir, edited), {}, 1, /edited\.jsonl: line 1000 \(seq 999\): hash does not match its content — edited\?$/],
    ['a dropped record', join(dir, dropped), {}, 1, /dropped\.jsonl: line 1000 \(seq 1000\): follows seq 998 — a record is missing$/],
    ['two swapped records', join(dir, swapped), {}, 1, /line 1000 \(seq 1000\): follows seq 998 — records out of order/],
    ['a torn last line', join(dir, torn), {}, 1, /torn\.jsonl: line 2000: malformed JSON — the last line is torn or truncated$/],
    ['a log cut cleanly, without --head', join(dir, cut), {}, 0, /^ok: 1500 records, chain intact/],
    ['a log cut cleanly, with --head', join(dir, cut), { head: good.head }, 1, /cut\.jsonl: the log ends at hash [0-9a-f]{64} after 1500 records, not at --head/],
    ['a missing file', join(dir, 'nope.jsonl'), {}, 2, /^audit verify: cannot read '.*nope\.jsonl': no such file$/],
    ['a directory', dir, {}, 2, /: it is a directory$/],
    ['a malformed --head', good.path, { head: 'abc' }, 2, /^--head: must be 64 hex digits, got "abc"$/],
  ];

  it.each(cases)('auditVerifyCommand on %s', (_label, path, options, code, expected) => {
    const r = verify(path, options);
    expect(r.code).toBe(code);
    expectOneLine(r.text, expected);
  });
});

describe('registerAuditCommand', () => {
  function program() {
    let out = '';
    const p = new Command('delegsim').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s), outputError: () => {} });
    registerAuditCommand(p);
    return { p, output: () => out };
  }

  it('registerAuditCommand documents the exit codes in the help of audit verify', () => {
    const { p, output } = program();
    expect(() => p.parse(['audit', 'verify', '--help'], { from: 'user' })).toThrow(CommanderError);
    expect(output()).toMatch(/1 {2}the log is readable but tampered/);
    expect(output()).toMatch(/2 {2}bad usage, or the file is missing or unreadable/);
  });

  it('registerAuditCommand makes usage errors commander errors (exit 2 in main.ts)', () => {
    for (const args of [['audit', 'verify'], ['audit', 'frobnicate']]) {
      const { p } = program();
      expect(() => p.parse(args, { from: 'user' })).toThrow(CommanderError);
    }
  });
});
