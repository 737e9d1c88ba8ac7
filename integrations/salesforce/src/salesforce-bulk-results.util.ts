import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CrmError } from '../../../src/sync/ports/crm-errors';

export interface BulkResultPartsOptions {
  /** Rows at the start of the page that were already handed over (resume inside a page): parsed, dropped. */
  skip: number;
  /** Rows per part. */
  partRows: number;
  /** A body that sends nothing for this long while a row is awaited counts as a dropped connection. */
  idleTimeoutMs: number;
}

/**
 * The rows of one Bulk 2.0 result page (CSV, header row first), parsed as the body arrives and handed
 * over `partRows` at a time, so a 50,000-row page never exists as one string or one array of objects.
 * A full part is held back until the row after it arrives: the last part of the page is always
 * yielded with `last: true` (also when the page is empty), so its checkpoint can move to the next page.
 * The idle clock runs only while a row is awaited, not while the caller is busy with a part.
 */
export async function* bulkResultParts(body: Readable, options: BulkResultPartsOptions): AsyncGenerator<{ rows: Array<Record<string, string>>; last: boolean }> {
  const parser = body.pipe(parse({ columns: true, skip_empty_lines: true, relax_quotes: true }));
  // `pipe` does not pass a source error on; the parser must still end the wait.
  const onBodyError = (err: Error) => parser.destroy(err);
  body.once('error', onBodyError);
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<Record<string, string>>;
  let skip = options.skip;
  let part: Array<Record<string, string>> = [];
  try {
    for (;;) {
      const next = await withIdleTimeout(rows.next(), options.idleTimeoutMs);
      if (next.done) break;
      if (skip > 0) {
        skip--;
        continue;
      }
      if (part.length >= options.partRows) {
        yield { rows: part, last: false };
        part = [];
      }
      part.push(next.value);
    }
    yield { rows: part, last: true };
  } catch (err) {
    if (err instanceof CrmError) throw err;
    throw new CrmError({ kind: 'retryable', code: 'BULK_RESULTS_STREAM', message: `Bulk 2.0 result page broke off: ${err instanceof Error ? err.message : String(err)}` });
  } finally {
    body.off('error', onBodyError);
    // Stopped early (or failed): whatever of the page is still coming is read and dropped, so the
    // connection ends normally instead of hanging on a paused socket.
    body.unpipe(parser);
    parser.destroy();
    body.resume();
  }
}

async function withIdleTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CrmError({ kind: 'retryable', code: 'BULK_RESULTS_IDLE', message: `Bulk 2.0 result page sent nothing for ${ms} ms` })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
