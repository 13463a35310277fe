// Reading runs.csv back (reproduce): an RFC 4180 parser fed a piece at a
// time, so a file of any size is read a megabyte at a time. Why not one
// string: V8 caps a string at 2^29 − 24 characters (~512 MiB), and a runs.csv
// of the model's ~150 metrics passes that from some 220,000 runs on
// (resultsFiles.ts writes it in pieces for the same reason).

import { StringDecoder } from 'node:string_decoder';
import { forEachFilePiece } from '../util/fileSystem.js';

/**
 * Parses CSV (RFC 4180: quoted fields may hold commas, quotes and newlines)
 * fed in pieces of any size, handing each complete row to `onRow`.
 *
 * @example
 * const parser = new CsvRows((row) => rows.push(row));
 * parser.feed('a,"b\n'); parser.feed('c"\n1,2'); parser.end(); // rows: [['a', 'b\nc'], ['1', '2']]
 */
export class CsvRows {
  private row: string[] = [];
  private field = '';
  private quoted = false;
  // What a character means can depend on the one after it, which may come in
  // the next piece, so these wait for it instead of looking ahead:
  /** A quote inside a quoted field: "" if another quote follows, else the field's closing quote. */
  private quoteSeen = false;
  /** The row just ended at a \r: a \n right after it is part of the same line end. */
  private afterCr = false;

  constructor(private readonly onRow: (row: string[]) => void) {}

  feed(piece: string): void {
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false; // that quote closed the field: c is read outside quotes
      }
      if (this.quoted) {
        if (c === '"') this.quoteSeen = true;
        else this.field += c;
      } else if (c === '"') this.quoted = true;
      else if (c === ',') {
        this.row.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        this.endRow();
        this.afterCr = c === '\r';
      } else this.field += c;
    }
  }

  /** The input is over: hands on the last row if it has no line end. */
  end(): void {
    this.quoteSeen = false;
    this.afterCr = false;
    if (this.field !== '' || this.row.length > 0) this.endRow();
  }

  private endRow(): void {
    this.row.push(this.field);
    this.onRow(this.row);
    this.row = [];
    this.field = '';
  }
}

/** Hands the rows of the CSV file at `path` to `onRow`, reading it a piece at a time (UTF-8). */
export function forEachCsvRow(path: string, onRow: (row: string[]) => void, pieceBytes?: number): void {
  const parser = new CsvRows(onRow);
  const decoder = new StringDecoder('utf8'); // a character split between two pieces is decoded whole
  forEachFilePiece(path, (bytes) => parser.feed(decoder.write(bytes)), pieceBytes);
  parser.feed(decoder.end());
  parser.end();
}
