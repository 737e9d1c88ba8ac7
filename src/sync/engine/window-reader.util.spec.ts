import type { CrmRecord, ReadPage } from '../ports/crm-types';
import { commitParts, joinPages, readAhead } from './window-reader.util';

const rec = (id: number): CrmRecord => ({ id: String(id), modifiedAt: null, modifiedBy: null, deleted: false, fields: {} });
const page = (from: number, n: number, checkpoint: ReadPage['checkpoint']): ReadPage => ({ records: Array.from({ length: n }, (_, i) => rec(from + i)), checkpoint });
const tick = () => new Promise((r) => setTimeout(r, 5));

/** A source of `count` pages of `size` records that records how many pages it has produced. */
function source(count: number, size: number, failAt?: number) {
  const state = { produced: 0 };
  async function* gen(): AsyncIterable<ReadPage> {
    for (let i = 0; i < count; i++) {
      await tick();
      if (i === failAt) throw new Error(`page ${i} failed`);
      state.produced++;
      yield page(i * size, size, i + 1 < count ? { after: (i + 1) * size } : null);
    }
  }
  return { pages: gen(), state };
}

describe('readAhead', () => {
  it('hands over every record once, in order, each batch ending on its last page checkpoint', async () => {
    const { pages } = source(20, 100);
    const ids: string[] = [];
    const batches: Array<{ size: number; checkpoint: unknown }> = [];
    for await (const batch of readAhead(pages, { maxPages: 8, maxRecords: 1000, batchRecords: 300 })) {
      const joined = joinPages(batch);
      expect(joined.records.length).toBeLessThanOrEqual(300);
      ids.push(...joined.records.map((r) => r.id));
      batches.push({ size: joined.records.length, checkpoint: joined.checkpoint });
      await new Promise((r) => setTimeout(r, 30)); // a slow commit: pages pile up meanwhile
    }
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => String(i)));
    // Each batch's checkpoint resumes right after its last record; the last one says the read is done.
    let committed = 0;
    for (const [i, b] of batches.entries()) {
      committed += b.size;
      expect(b.checkpoint).toEqual(i === batches.length - 1 ? null : { after: committed });
    }
    expect(batches.length).toBeLessThan(20); // slow commits took several pages at once
  });

  it('stops reading ahead once maxPages are buffered', async () => {
    const { pages, state } = source(50, 10);
    const it = readAhead(pages, { maxPages: 3, maxRecords: 10_000, batchRecords: 10 })[Symbol.asyncIterator]();
    await it.next();
    await new Promise((r) => setTimeout(r, 200));
    // one page handed over, at most three buffered, at most one being read
    expect(state.produced).toBeLessThanOrEqual(5);
    await it.return?.();
  });

  it('hands over the pages read before a failure, then throws it', async () => {
    const { pages } = source(10, 10, 4);
    const ids: string[] = [];
    await expect((async () => {
      for await (const batch of readAhead(pages)) ids.push(...joinPages(batch).records.map((r) => r.id));
    })()).rejects.toThrow('page 4 failed');
    expect(ids).toHaveLength(40);
  });
});

describe('commitParts', () => {
  it('splits a restartable page into parts whose checkpoints skip what is committed', () => {
    const big: ReadPage = { ...page(0, 12, { jobId: 'j', locator: 'L2' }), restart: { jobId: 'j', locator: 'L1', skip: 3 } };
    const parts = commitParts(big, 5);
    expect(parts.map((p) => p.records.length)).toEqual([5, 5, 2]);
    expect(parts.map((p) => p.checkpoint)).toEqual([{ jobId: 'j', locator: 'L1', skip: 8 }, { jobId: 'j', locator: 'L1', skip: 13 }, { jobId: 'j', locator: 'L2' }]);
  });

  it('leaves small or non-restartable pages whole', () => {
    expect(commitParts(page(0, 12, null), 5)).toHaveLength(1);
    expect(commitParts({ ...page(0, 4, null), restart: null }, 5)).toHaveLength(1);
    expect(commitParts({ ...page(0, 6, null), restart: null }, 5).map((p) => p.checkpoint)).toEqual([{ skip: 5 }, null]);
  });
});
