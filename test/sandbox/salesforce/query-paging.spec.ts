import { Connection } from 'jsforce';
import { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { errorOf, startWithConnection } from './sandbox-harness';

type Row = { Id: string; Name: string; SystemModstamp: string };

describe('Salesforce sandbox: REST query paging (query, queryMore, queryAll)', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-03-01T00:00:00Z');
    ({ sandbox, conn } = await startWithConnection(Connection, { clock: () => now }));
  });
  afterEach(() => sandbox.stop());

  const seed = (n: number, asOf = now): string[] =>
    sandbox.store.insertMany('Account', Array.from({ length: n }, (_, i) => ({ Name: `Acc ${String(i).padStart(5, '0')}` })), { asOf });

  it('returns exactly 2,000 rows in one page and 2,001 rows in two pages', async () => {
    seed(2000);
    const one = await conn.query('SELECT Id FROM Account');
    expect(one).toMatchObject({ totalSize: 2000, done: true });
    expect(one.records).toHaveLength(2000);
    expect(one.nextRecordsUrl).toBeUndefined();

    seed(1);
    const first = await conn.query('SELECT Id FROM Account');
    expect(first).toMatchObject({ totalSize: 2001, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v60\.0\/query\/01g\w{15}-2000$/);
    const second = await conn.queryMore(first.nextRecordsUrl as string);
    expect(second).toMatchObject({ totalSize: 2001, done: true });
    expect(second.records).toHaveLength(1);
    expect(sandbox.calls.snapshot().byKind).toMatchObject({ query: 2, queryMore: 1 });
  });

  it('honours Sforce-Query-Options batchSize=200 and jsforce autoFetch walks every page', async () => {
    const ids = seed(450);
    const records: Row[] = [];
    await new Promise<void>((resolve, reject) => {
      conn.query<Row>('SELECT Id, Name FROM Account ORDER BY Name')
        .on('record', (r: Row) => records.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 10000, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    });
    expect(records.map((r) => r.Id)).toEqual(ids);
    expect(sandbox.calls.snapshot().byKind).toMatchObject({ query: 1, queryMore: 2 });
    const small = await conn.query('SELECT Id FROM Account', { headers: { 'Sforce-Query-Options': 'batchSize=50' } } as never);
    expect(small.records.length).toBeGreaterThan(0);
  });

  it('pages records sharing one SystemModstamp across a page boundary with an (SystemModstamp, Id) cursor', async () => {
    seed(150, new Date('2026-02-28T10:00:00Z'));
    seed(300, new Date('2026-02-28T11:00:00Z')); // 300 rows share one timestamp and straddle the 200-row boundary
    const seen: Row[] = [];
    let result = await conn.query<Row>('SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-02-28T10:00:00Z ORDER BY SystemModstamp, Id', { headers: { 'Sforce-Query-Options': 'batchSize=200' } } as never);
    seen.push(...result.records);
    while (!result.done) {
      result = await conn.queryMore<Row>(result.nextRecordsUrl as string, { headers: { 'Sforce-Query-Options': 'batchSize=200' } } as never);
      seen.push(...result.records);
    }
    expect(seen).toHaveLength(450);
    expect(new Set(seen.map((r) => r.Id)).size).toBe(450);
    const boundary = seen.slice(199, 201).map((r) => r.SystemModstamp);
    expect(boundary).toEqual(['2026-02-28T11:00:00.000+0000', '2026-02-28T11:00:00.000+0000']);
    const keys = seen.map((r) => `${r.SystemModstamp}|${r.Id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('serves later pages from the result fixed at query time while records change during the read', async () => {
    const ids = seed(2500);
    const first = await conn.query<Row>('SELECT Id, Name FROM Account ORDER BY Name');
    now = new Date('2026-03-01T00:10:00Z');
    await conn.sobject('Account').update({ Id: ids[2400], Name: 'Changed' });
    await conn.sobject('Account').destroy(ids[2300]);
    await conn.sobject('Account').create({ Name: 'Acc 99999 new' });
    const second = await conn.queryMore<Row>(first.nextRecordsUrl as string);
    expect(second.records).toHaveLength(500);
    expect(second.records.find((r) => r.Id === ids[2400])?.Name).toBe('Acc 02400');
    expect(second.records.some((r) => r.Id === ids[2300])).toBe(true);
    const fresh = await conn.query<Row>(`SELECT Id, Name FROM Account WHERE Id = '${ids[2400]}'`);
    expect(fresh.records[0].Name).toBe('Changed');
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(2500);
  });

  it('caps the page at 200 rows when two custom long text areas are selected', async () => {
    sandbox.store.addField('Account', { name: 'Notes_A__c', type: 'textarea', length: 32768 });
    sandbox.store.addField('Account', { name: 'Notes_B__c', type: 'textarea', length: 32768 });
    seed(450);
    const page = await conn.query('SELECT Id, Notes_A__c, Notes_B__c FROM Account');
    expect(page.records).toHaveLength(200);
    expect((await conn.query('SELECT Id, Notes_A__c FROM Account')).records).toHaveLength(450);
  });

  it('keeps at most 10 open cursors per user: an 11th releases the oldest', async () => {
    seed(2001);
    const first = await conn.query('SELECT Id FROM Account');
    for (let i = 0; i < 10; i++) await conn.query('SELECT Id FROM Account');
    expect((await errorOf(conn.queryMore(first.nextRecordsUrl as string))).errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('queryAll returns deleted rows, query does not; a bad locator is INVALID_QUERY_LOCATOR', async () => {
    const ids = seed(3);
    await conn.sobject('Account').destroy(ids[1]);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(2);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>('SELECT Id, IsDeleted FROM Account ORDER BY Id').scanAll(true);
    expect(all.records.map((r) => r.IsDeleted)).toEqual([false, true, false]);
    expect(sandbox.calls.snapshot().byKind.queryAll).toBe(1);
    const err = await errorOf(conn.queryMore('/services/data/v60.0/query/01gHs0000000000AAA-2000'));
    expect(err.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});
