import { Readable } from 'node:stream';
import { SfFieldDef } from '../schema/field.types';
import { Row } from '../store/sobject-table';
import { formatDateTimeBulk } from '../store/value-codec.util';

/**
 * Bulk API 2.0 CSV conventions ("Bulk API 2.0: Valid Date Format in Records", "Prepare CSV Files", and
 * the query results examples): a header row of the selected field names (`Account.Name` for
 * relationship fields), every value double-quoted with embedded quotes doubled, null written as an
 * empty field, datetimes as `2024-01-01T00:00:00.000Z`, the job's column delimiter and line ending.
 */
export const DELIMITERS: Record<string, string> = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' };
export const LINE_ENDINGS: Record<string, string> = { LF: '\n', CRLF: '\r\n' };

export function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

export function csvValue(f: SfFieldDef, stored: unknown): string {
  if (stored === null || stored === undefined) return f.type === 'boolean' ? '"false"' : '""';
  if (f.type === 'datetime') return quote(formatDateTimeBulk(stored as number));
  if (typeof stored === 'object') return quote(JSON.stringify(stored));
  return quote(String(stored));
}

export interface CsvColumn {
  header: string;
  field: SfFieldDef;
  get: (row: Row) => unknown;
}

/**
 * Streams rows [from, to) as CSV without materialising the whole file: rows are rendered in slices of
 * `chunkRows` only when the consumer asks for more (Readable back-pressure).
 */
export function csvRowStream(columns: CsvColumn[], rows: Row[], from: number, to: number, delimiter: string, eol: string, chunkRows = 2000): Readable {
  let next = from;
  let headerSent = false;
  return new Readable({
    read() {
      let out = '';
      if (!headerSent) {
        out += columns.map((c) => quote(c.header)).join(delimiter) + eol;
        headerSent = true;
      }
      const end = Math.min(to, next + chunkRows);
      for (; next < end; next++) {
        const row = rows[next];
        let line = '';
        for (let i = 0; i < columns.length; i++) {
          if (i > 0) line += delimiter;
          line += csvValue(columns[i].field, columns[i].get(row));
        }
        out += line + eol;
      }
      if (out) this.push(out);
      if (next >= to) this.push(null);
    },
  });
}

/** Plain string-matrix CSV (ingest job result files), quoting every cell. */
export function csvFromMatrix(header: string[], lines: string[][], delimiter: string, eol: string): string {
  const parts = [header.map(quote).join(delimiter)];
  for (const l of lines) parts.push(l.map(quote).join(delimiter));
  return parts.join(eol) + eol;
}
