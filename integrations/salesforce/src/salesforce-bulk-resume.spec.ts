import { Readable } from 'node:stream';
import type { ReadPage } from '../../../src/sync/ports/crm-types';
import type { SalesforceHttpClient, SalesforceRequest } from './salesforce-http.client';
import { SalesforceReader } from './salesforce-reader.adapter';

/**
 * A finished Bulk 2.0 job with two result pages (locator '' then 'L2'), ids a1..a5 and b1..b3, the CSV
 * sent a few bytes at a time. `breakAfter` ends the first body sent after that many bytes: with an
 * error, or (`stall`) by sending nothing more.
 */
function fakeBulk(state = 'JobComplete', breakAfter?: number, stall = false) {
  const requests: string[] = [];
  const csv = (ids: string[]) => `Id,Name,SystemModstamp\n${ids.map((id) => `${id},n${id},2026-01-01T00:00:00.000Z`).join('\n')}\n`;
  let broken = false;
  const body = (text: string) => {
    const cut = breakAfter !== undefined && !broken ? ((broken = true), breakAfter) : text.length;
    const chunks = text.slice(0, cut).match(/[\s\S]{1,7}/g) ?? [];
    return Readable.from((async function* () {
      for (const c of chunks) yield Buffer.from(c);
      if (cut < text.length && stall) await new Promise(() => undefined);
      if (cut < text.length) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    })());
  };
  const http = {
    timeoutMs: 100,
    async request<T>(req: SalesforceRequest): Promise<{ body: T; headers: Record<string, string | undefined> }> {
      requests.push(req.path);
      if (req.path === '/jobs/query/J1') return { body: { state } as T, headers: {} };
      if (req.path === '/jobs/query' && req.method === 'POST') return { body: { id: 'J2' } as T, headers: {} };
      if (req.path === '/jobs/query/J2') return { body: { state: 'JobComplete' } as T, headers: {} };
      throw new Error(`unexpected ${req.path}`);
    },
    async stream(req: { path: string }): Promise<{ body: Readable; headers: Record<string, string | undefined> }> {
      requests.push(req.path);
      if (req.path.includes('locator=L2')) return { body: body(csv(['b1', 'b2', 'b3'])), headers: { 'sforce-locator': 'null' } };
      if (req.path.includes('/results')) return { body: body(csv(['a1', 'a2', 'a3', 'a4', 'a5'])), headers: { 'sforce-locator': 'L2' } };
      throw new Error(`unexpected ${req.path}`);
    },
  };
  return { http: http as unknown as SalesforceHttpClient, requests };
}

async function readAll(reader: SalesforceReader, resumeFrom: Record<string, unknown> | null): Promise<ReadPage[]> {
  const pages: ReadPage[] = [];
  for await (const p of reader.readAll({ crmObject: 'Account', kind: 'account', fields: ['Name'] }, resumeFrom)) pages.push(p);
  return pages;
}

const ids = (pages: ReadPage[]) => pages.map((p) => p.records.map((r) => r.id));

describe('SalesforceReader Bulk 2.0 result pages', () => {
  it('hands each result page over in parts, each with the checkpoint right after it', async () => {
    const { http } = fakeBulk();
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', bulkPartRecords: 2, sleep: async () => undefined }), null);
    expect(ids(pages)).toEqual([['a1', 'a2'], ['a3', 'a4'], ['a5'], ['b1', 'b2'], ['b3']]);
    expect(pages.map((p) => p.checkpoint)).toEqual([{ jobId: 'J2', skip: 2 }, { jobId: 'J2', skip: 4 }, { jobId: 'J2', locator: 'L2' }, { jobId: 'J2', locator: 'L2', skip: 2 }, null]);
    expect(pages.map((p) => p.restart)).toEqual([{ jobId: 'J2', skip: 0 }, { jobId: 'J2', skip: 2 }, { jobId: 'J2', skip: 4 }, { jobId: 'J2', locator: 'L2', skip: 0 }, { jobId: 'J2', locator: 'L2', skip: 2 }]);
  });

  it('resumes inside a page of the same job, skipping the records already committed', async () => {
    const { http } = fakeBulk();
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', sleep: async () => undefined }), { jobId: 'J1', skip: 3 });
    expect(ids(pages)).toEqual([['a4', 'a5'], ['b1', 'b2', 'b3']]);
    expect(pages.map((p) => p.checkpoint)).toEqual([{ jobId: 'J1', locator: 'L2' }, null]);
  });

  it('gives a page that is skipped whole an empty part that moves the checkpoint on', async () => {
    const { http } = fakeBulk();
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', sleep: async () => undefined }), { jobId: 'J1', skip: 5 });
    expect(ids(pages)).toEqual([[], ['b1', 'b2', 'b3']]);
    expect(pages[0].checkpoint).toEqual({ jobId: 'J1', locator: 'L2' });
  });

  it('asks again for a body that breaks off and reads on from the first record not handed over', async () => {
    const { http, requests } = fakeBulk('JobComplete', 130);
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', bulkPartRecords: 1, sleep: async () => undefined }), null);
    expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3']);
    expect(requests.filter((r) => r.includes('/results') && !r.includes('L2'))).toHaveLength(2);
  });

  it('asks again for a body that goes silent, after the request timeout', async () => {
    const { http, requests } = fakeBulk('JobComplete', 130, true);
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', bulkPartRecords: 1, sleep: async () => undefined }), null);
    expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3']);
    expect(requests.filter((r) => r.includes('/results') && !r.includes('L2'))).toHaveLength(2);
  });

  it('ignores the skip when the job is gone and the read starts again with a new job', async () => {
    const { http, requests } = fakeBulk('Failed');
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', sleep: async () => undefined }), { jobId: 'J1', locator: 'L2', skip: 2 });
    expect(requests).toContain('/jobs/query');
    expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3']);
  });
});
