import type { CrmReader } from '../ports/crm-reader.port';
import type { ChangeWindow, ObjectReadSpec, ReadCheckpoint, ReadPage } from '../ports/crm-types';
import type { RunMode } from './sync-state.repository';

/** Full reads take everything; incremental, webhook and reconcile runs read the change window. */
export async function* readWindowPages(reader: CrmReader, spec: ObjectReadSpec, mode: RunMode, window: ChangeWindow, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage> {
  if (resumeFrom && (resumeFrom as { done?: boolean }).done) return;
  if (mode === 'full') yield* reader.readAll(spec, resumeFrom);
  else yield* reader.readChanges(spec, window, resumeFrom);
}

/**
 * Keeps one page in flight: the next CRM request runs while the current page is being committed, so a
 * rate-limited CRM (HubSpot) is read at its limit instead of at limit × (1 + commit time / call time).
 * Checkpoints are unaffected: each page still commits its own, in order. At most two pages in memory.
 */
export async function* prefetched<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      // A failed prefetch surfaces when awaited; keep it from being reported as unhandled meanwhile.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await it.return?.();
  }
}
