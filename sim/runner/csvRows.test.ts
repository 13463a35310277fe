// The piecewise CSV reader: the rows must not depend on where the pieces
// (strings fed, or bytes read) happen to break.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvRows, forEachCsvRow } from './csvRows.js';

/** The rows of CSV text fed to CsvRows whole. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const parser = new CsvRows((row) => rows.push(row));
  parser.feed(text);
  parser.end();
  return rows;
}

// Quoted commas, escaped quotes, a newline inside quotes, \r\n and \n line ends, an empty field,
// a quote as the last character of a field, a lone \r line end, multi-byte characters, and no line end after the last row.
const text = 'index,name,note\r\n0,"a, b","say ""hi"""\n1,,"two\r\nlines"\r\n2,é→ü,"ends with """\r3,"x",last';
const expected = [
  ['index', 'name', 'note'],
  ['0', 'a, b', 'say "hi"'],
  ['1', '', 'two\r\nlines'],
  ['2', 'é→ü', 'ends with "'],
  ['3', 'x', 'last'],
];

describe('CsvRows', () => {
  it('CsvRows reads RFC 4180 text: quotes, escaped quotes, newlines inside quotes, \\r\\n', () => {
    expect(parseCsv('a,"b,c"\r\n"d ""e""",\n"x\ny",z')).toEqual([
      ['a', 'b,c'],
      ['d "e"', ''],
      ['x\ny', 'z'],
    ]);
  });

  it('CsvRows gives the same rows however the text is cut into pieces', () => {
    const whole = parseCsv(text);
    expect(whole).toEqual(expected);
    for (let size = 1; size <= text.length; size++) {
      const rows: string[][] = [];
      const parser = new CsvRows((row) => rows.push(row));
      for (let at = 0; at < text.length; at += size) parser.feed(text.slice(at, at + size));
      parser.end();
      expect(rows, `pieces of ${size}`).toEqual(whole);
    }
  });

  it('forEachCsvRow reads a file in pieces of any byte size, multi-byte characters split between them included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegsim-csvrows-'));
    try {
      const path = join(dir, 'runs.csv');
      writeFileSync(path, text, 'utf8');
      const whole = parseCsv(text);
      for (const bytes of [1, 2, 3, 5, 7, 64, 1 << 20]) {
        const rows: string[][] = [];
        forEachCsvRow(path, (row) => rows.push(row), bytes);
        expect(rows, `pieces of ${bytes} bytes`).toEqual(whole);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
