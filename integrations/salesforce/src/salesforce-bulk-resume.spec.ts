import type { ReadPage } from '../../../src/sync/ports/crm-types';
import type { SalesforceHttpClient, SalesforceRequest } from './salesforce-http.client';
import { SalesforceReader } from './salesforce-reader.adapter';

/** A finished Bulk 2.0 job with two result pages (locator '' then 'L2'), ids a1..a5 and b1..b3. */
function fakeBulk(state = 'JobComplete') {
  const requests: string[] = [];
  const csv = (ids: string[]) => `Id,Name,SystemModstamp\n${ids.map((id) => `${id},n${id},2026-01-01T00:00:00.000Z`).join('\n')}\n`;
  const http = {
    async request<T>(req: SalesforceRequest): Promise<{ body: T; headers: Record<string, string | undefined> }> {
      requests.push(req.path);
      if (req.path === '/jobs/query/J1') return { body: { state } as T, headers: {} };
      if (req.path === '/jobs/query' && req.method === 'POST') return { body: { id: 'J2' } as T, headers: {} };
      if (req.path === '/jobs/query/J2') return { body: { state: 'JobComplete' } as T, headers: {} };
      if (req.path.includes('locator=L2')) return { body: csv(['b1', 'b2', 'b3']) as T, headers: { 'sforce-locator': 'null' } };
      if (req.path.includes('/results')) return { body: csv(['a1', 'a2', 'a3', 'a4', 'a5']) as T, headers: { 'sforce-locator': 'L2' } };
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

describe('SalesforceReader Bulk 2.0 restart points', () => {
  it('gives each result page the checkpoint that reads it again', async () => {
    const { http } = fakeBulk();
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', sleep: async () => undefined }), null);
    expect(pages.map((p) => p.records.map((r) => r.id))).toEqual([['a1', 'a2', 'a3', 'a4', 'a5'], ['b1', 'b2', 'b3']]);
    expect(pages.map((p) => p.restart)).toEqual([{ jobId: 'J2', skip: 0 }, { jobId: 'J2', locator: 'L2', skip: 0 }]);
    expect(pages.map((p) => p.checkpoint)).toEqual([{ jobId: 'J2', locator: 'L2' }, null]);
  });

  it('resumes inside a page of the same job, skipping the records already committed', async () => {
    const { http } = fakeBulk();
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', sleep: async () => undefined }), { jobId: 'J1', skip: 3 });
    expect(pages.map((p) => p.records.map((r) => r.id))).toEqual([['a4', 'a5'], ['b1', 'b2', 'b3']]);
    expect(pages[0].restart).toEqual({ jobId: 'J1', skip: 3 });
    expect(pages[1].restart).toEqual({ jobId: 'J1', locator: 'L2', skip: 0 });
  });

  it('ignores the skip when the job is gone and the read starts again with a new job', async () => {
    const { http, requests } = fakeBulk('Failed');
    const pages = await readAll(new SalesforceReader(http, { accountKey: 'k', sleep: async () => undefined }), { jobId: 'J1', locator: 'L2', skip: 2 });
    expect(requests).toContain('/jobs/query');
    expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3']);
  });
});
