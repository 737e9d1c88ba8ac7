import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Connection } from 'jsforce';
import { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { collectRecords, errorOf, startWithConnection } from './sandbox-harness';

describe('Salesforce sandbox: Bulk API 2.0', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeEach(async () => {
    ({ sandbox, conn } = await startWithConnection(Connection, { bulkJobDurationMs: 150, bulkIngestBatchDelayMs: 5, bulkDefaultMaxRecords: 50_000, clock: () => new Date('2026-06-01T00:00:00Z') }));
  });
  afterEach(() => sandbox.stop());

  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${conn.accessToken}` });

  it('streams a 7,500-row query through jsforce (large pollTimeout, records consumed as a stream)', async () => {
    const [acc] = sandbox.store.insertMany('Account', [{ Name: 'Parent "Quoted", Inc.' }]);
    sandbox.store.insertMany('Contact', Array.from({ length: 7_500 }, (_, i) => ({ LastName: `L${i}`, AccountId: acc, Email: i % 2 ? `c${i}@x.test` : null, HasOptedOutOfEmail: i === 0 })));
    const stream = await conn.bulk2.query('SELECT Id, LastName, Email, HasOptedOutOfEmail, CreatedDate, Account.Name FROM Contact', { pollTimeout: 600_000, pollInterval: 50 });
    const rows = await collectRecords(stream);
    expect(rows).toHaveLength(7_500);
    expect(rows[0]).toEqual({ Id: expect.stringMatching(/^003/), LastName: 'L0', Email: '', HasOptedOutOfEmail: 'true', CreatedDate: '2026-06-01T00:00:00.000Z', 'Account.Name': 'Parent "Quoted", Inc.' });
    expect(rows[1]).toMatchObject({ Email: 'c1@x.test', HasOptedOutOfEmail: 'false' });
    expect(new Set(rows.map((r) => r.Id)).size).toBe(7_500);
    const kinds = sandbox.calls.snapshot().byKind;
    expect(kinds['bulk2-query-create']).toBe(1);
    expect(kinds['bulk2-results']).toBe(1);
    expect((await conn.limits()).DailyBulkV2QueryJobs.Remaining).toBe(9999);
  });

  it('repeats the CSV header on every results page, as Salesforce does', async () => {
    sandbox.store.insertMany('Account', Array.from({ length: 5 }, (_, i) => ({ Name: `P${i}` })));
    const job = (await conn.requestPost('/jobs/query', { operation: 'query', query: 'SELECT Name FROM Account' })) as { id: string };
    await new Promise((r) => setTimeout(r, 250));
    const pages: string[] = [];
    let locator = '';
    do {
      const res = await fetch(`${sandbox.baseUrl}/services/data/v60.0/jobs/query/${job.id}/results?maxRecords=2${locator ? `&locator=${locator}` : ''}`, { headers: auth() });
      pages.push(await res.text());
      locator = res.headers.get('sforce-locator') ?? 'null';
    } while (locator !== 'null');
    expect(pages).toEqual(['"Name"\n"P0"\n"P1"\n', '"Name"\n"P2"\n"P3"\n', '"Name"\n"P4"\n']);
  });

  it('serves results with locator/maxRecords paging, CSV quoting, gzip, resultPages and queryAll', async () => {
    const ids = sandbox.store.insertMany('Account', Array.from({ length: 5 }, (_, i) => ({ Name: `A${i}` })));
    await conn.sobject('Account').destroy(ids[4]);
    const job = (await conn.requestPost('/jobs/query', { operation: 'queryAll', query: 'SELECT Id, Name, IsDeleted FROM Account' })) as { id: string; state: string };
    expect(job.state).toBe('UploadComplete');
    let info = job;
    while (info.state !== 'JobComplete') {
      await new Promise((r) => setTimeout(r, 30));
      info = (await conn.request(`/jobs/query/${job.id}`)) as typeof job;
    }
    const page1 = await fetch(`${sandbox.baseUrl}/services/data/v60.0/jobs/query/${job.id}/results?maxRecords=3`, { headers: { ...auth(), 'Accept-Encoding': 'identity' } });
    expect(page1.headers.get('sforce-numberofrecords')).toBe('3');
    const locator = page1.headers.get('sforce-locator') as string;
    expect(Buffer.from(locator, 'base64').toString()).toBe('3');
    expect((await page1.text()).split('\n')[0]).toBe('"Id","Name","IsDeleted"');
    const page2 = await fetch(`${sandbox.baseUrl}/services/data/v60.0/jobs/query/${job.id}/results?maxRecords=3&locator=${locator}`, { headers: { ...auth(), 'Accept-Encoding': 'gzip' } });
    expect(page2.headers.get('sforce-locator')).toBe('null');
    const text = await page2.text(); // fetch decodes gzip transparently
    expect(text.trim().split('\n')).toEqual(['"Id","Name","IsDeleted"', `"${ids[3]}","A3","false"`, `"${ids[4]}","A4","true"`]);
    const raw = await new Promise<Buffer>((resolve) => {
      // node:http does not decode: check the bytes really are gzip
      httpGet(`${sandbox.baseUrl}/services/data/v60.0/jobs/query/${job.id}/results`, { headers: { ...auth(), 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
    });
    expect(gunzipSync(raw).toString().split('\n')).toHaveLength(7);
    const pages = (await conn.request(`/jobs/query/${job.id}/resultPages`)) as { resultPages: Array<{ resultUrl: string }>; done: boolean };
    expect(pages.done).toBe(true);
    expect(pages.resultPages[0].resultUrl).toContain(`/jobs/query/${job.id}/results?maxRecords=50000`);
    const v57 = new Connection({ instanceUrl: sandbox.baseUrl, accessToken: conn.accessToken as string, version: '57.0' });
    expect((await errorOf(v57.request(`/jobs/query/${job.id}/results`))).errorCode).toBe('INVALIDJOBSTATE');
    expect((await errorOf(conn.requestPost('/jobs/query', { operation: 'query', query: 'SELECT COUNT() FROM Account' }))).errorCode).toBe('INVALIDJOB');
    expect((await errorOf(conn.requestPost('/jobs/query', { operation: 'query', query: 'SELECT Nope FROM Account' }))).errorCode).toBe('INVALID_FIELD');
  });

  it('ingests with loadAndWaitForResults: successes, failures with sf__Error, 10k internal batches', async () => {
    sandbox.store.addField('Account', { name: 'Ext_Key__c', type: 'string', length: 20, externalId: true, unique: true });
    const input = Array.from({ length: 12_000 }, (_, i) => ({ Name: i === 7 ? null : `Bulk ${i}`, Ext_Key__c: `K${i}`, NumberOfEmployees: i }));
    const res = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input, pollTimeout: 600_000, pollInterval: 20 });
    expect(res.successfulResults).toHaveLength(11_999);
    expect(res.successfulResults[0]).toMatchObject({ sf__Id: expect.stringMatching(/^001/), sf__Created: 'true', Name: 'Bulk 0' });
    expect(res.failedResults).toEqual([expect.objectContaining({ sf__Id: '', sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', Ext_Key__c: 'K7' })]);
    expect(res.unprocessedRecords).toEqual([]);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(11_999);
    expect((await conn.limits()).DailyBulkApiBatches.Remaining).toBe(15000 - 2);

    const upsert = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'upsert', externalIdFieldName: 'Ext_Key__c', input: [{ Ext_Key__c: 'K1', Name: 'Renamed' }, { Ext_Key__c: 'NEW', Name: 'Fresh' }], pollTimeout: 60_000, pollInterval: 20 });
    expect(upsert.successfulResults.map((r) => r.sf__Created)).toEqual(['false', 'true']);
    const id = res.successfulResults[2].sf__Id as string;
    const update = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'update', input: [{ Id: id, Industry: 'Retail' }, { Id: 'bad', Industry: 'Retail' }], pollTimeout: 60_000, pollInterval: 20 });
    expect(update.successfulResults).toHaveLength(1);
    expect(update.failedResults[0].sf__Error).toMatch(/^MALFORMED_ID:/);
    expect((await conn.sobject('Account').retrieve(id))).toMatchObject({ Industry: 'Retail', Name: 'Bulk 2' });
    const del = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'delete', input: [{ Id: id }], pollTimeout: 60_000, pollInterval: 20 });
    expect(del.successfulResults).toHaveLength(1);
  });

  it('fails an ingest job whose CSV names an unknown field, and enforces job states', async () => {
    const job = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await job.open();
    await job.uploadData('Name,Bogus__c\nA,1\n');
    await job.close();
    const err = await errorOf(job.poll(20, 60_000));
    expect(err.message).toContain('Field name not found : Bogus__c');
    const raw = await fetch(`${sandbox.baseUrl}/services/data/v60.0/jobs/ingest/${job.id}/batches`, { method: 'PUT', headers: { ...auth(), 'Content-Type': 'text/csv' }, body: 'Name\nB\n' });
    expect(raw.status).toBe(409);

    const aborted = conn.bulk2.createJob({ object: 'Account', operation: 'insert' });
    await aborted.open();
    await aborted.uploadData('Name\nKept out\n');
    await aborted.abort();
    expect(await aborted.getUnprocessedRecords()).toEqual([{ Name: 'Kept out' }]);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(0);
  });
});
