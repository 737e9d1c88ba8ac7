import type { CrmReader } from '../ports/crm-reader.port';
import type { ChangeWindow, ObjectReadSpec, ReadCheckpoint, ReadPage } from '../ports/crm-types';
import type { RunMode } from './sync-state.repository';

/** Full reads take everything; incremental, webhook and reconcile runs read the change window. */
export async function* readWindowPages(reader: CrmReader, spec: ObjectReadSpec, mode: RunMode, window: ChangeWindow, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage> {
  if (resumeFrom && (resumeFrom as { done?: boolean }).done) return;
  if (mode === 'full') yield* reader.readAll(spec, resumeFrom);
  else yield* reader.readChanges(spec, window, resumeFrom);
}

export interface ReadAheadLimits {
  /** Pages held in memory beyond the batch being committed. */
  maxPages: number;
  /** Records held in memory beyond the batch being committed (a single larger page is still read). */
  maxRecords: number;
  /** Records per committed batch: ready pages are joined up to this size (a single larger page stays whole). */
  batchRecords: number;
}

/** HubSpot pages are 100–200 records: a few dozen buffered pages are a few MB. */
export const DEFAULT_READ_AHEAD: ReadAheadLimits = { maxPages: 32, maxRecords: 5000, batchRecords: 2000 };

/**
 * Reads pages in the background while the caller commits earlier ones, and hands over every page that
 * is ready as one batch. A rate-limited CRM (HubSpot) is then read at its limit instead of at
 * limit × (1 + commit time / call time), and a slow commit costs one transaction for several pages
 * instead of one each. Memory stays bounded: the reader pauses once `maxPages`/`maxRecords` are buffered.
 * Pages keep their order, so a batch's checkpoint is its LAST page's: committed with all of the batch
 * in one transaction, it never claims a page that is not committed. A read error surfaces after the
 * pages read before it have been handed over.
 */
export async function* readAhead(source: AsyncIterable<ReadPage>, limits: ReadAheadLimits = DEFAULT_READ_AHEAD): AsyncIterable<ReadPage[]> {
  const it = source[Symbol.asyncIterator]();
  const buffered: ReadPage[] = [];
  let bufferedRecords = 0;
  let finished = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  // One waiter each way: the consumer waits for pages, the producer waits for room.
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const signal = (which: 'consumer' | 'producer') => {
    const wake = which === 'consumer' ? wakeConsumer : wakeProducer;
    if (which === 'consumer') wakeConsumer = null;
    else wakeProducer = null;
    wake?.();
  };
  const producer = (async () => {
    try {
      while (!stopped) {
        if (buffered.length >= limits.maxPages || bufferedRecords >= limits.maxRecords) {
          await new Promise<void>((resolve) => (wakeProducer = resolve));
          continue;
        }
        const next = await it.next();
        if (next.done) break;
        buffered.push(next.value);
        bufferedRecords += next.value.records.length;
        signal('consumer');
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      signal('consumer');
    }
  })();
  try {
    for (;;) {
      if (!buffered.length) {
        if (finished) break;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
        continue;
      }
      const batch: ReadPage[] = [buffered.shift() as ReadPage];
      let records = batch[0].records.length;
      while (buffered.length && records + buffered[0].records.length <= limits.batchRecords) {
        const page = buffered.shift() as ReadPage;
        records += page.records.length;
        batch.push(page);
      }
      bufferedRecords -= records;
      signal('producer');
      yield batch;
    }
    if (failure) throw (failure as { error: unknown }).error;
  } finally {
    stopped = true;
    signal('producer');
    await producer;
    await it.return?.();
  }
}

/** One page made of a batch: every record in order, the last page's checkpoint. */
export function joinPages(batch: ReadPage[]): ReadPage {
  if (batch.length === 1) return batch[0];
  return { records: batch.flatMap((p) => p.records), checkpoint: batch[batch.length - 1].checkpoint };
}

/** Records per transaction for a page the reader can restart (a Salesforce Bulk page holds 50,000). */
export const COMMIT_PART_RECORDS = 5000;

/**
 * A large restartable page as parts of at most `size` records, each with the checkpoint that resumes
 * right after it (the page's restart point plus the records committed so far), the last with the
 * page's own. Keeps each transaction's parameters and result sets small whatever the page size.
 */
export function commitParts(page: ReadPage, size = COMMIT_PART_RECORDS): ReadPage[] {
  if (page.records.length <= size || page.restart === undefined) return [page];
  const base = page.restart ?? {};
  const skipped = Number(base.skip ?? 0);
  const parts: ReadPage[] = [];
  for (let i = 0; i < page.records.length; i += size) {
    const end = Math.min(i + size, page.records.length);
    parts.push({ records: page.records.slice(i, end), checkpoint: end < page.records.length ? { ...base, skip: skipped + end } : page.checkpoint });
  }
  return parts;
}
