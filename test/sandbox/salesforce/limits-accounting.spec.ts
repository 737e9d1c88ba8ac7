import { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { Connection } from 'jsforce';
import { connect, errorOf, startWithConnection } from './sandbox-harness';

describe('Salesforce sandbox: versions, limits and call accounting', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeEach(async () => {
    ({ sandbox, conn } = await startWithConnection(Connection, { limits: { dailyApiRequests: 5 } }));
  });
  afterEach(() => sandbox.stop());

  it('lists API versions v55.0-v62.0 without authentication and refuses other versions', async () => {
    const versions = (await (await fetch(`${sandbox.baseUrl}/services/data`)).json()) as Array<{ version: string; url: string }>;
    expect(versions.map((v) => v.version)).toEqual(['55.0', '56.0', '57.0', '58.0', '59.0', '60.0', '61.0', '62.0']);
    expect(versions[5].url).toBe('/services/data/v60.0');
    const old = connect(Connection, sandbox, '54.0');
    expect((await errorOf(old.query('SELECT Id FROM Account'))).errorCode).toBe('NOT_FOUND');
  });

  it('sends Sforce-Limit-Info on every response, which jsforce parses into limitInfo', async () => {
    await conn.query('SELECT Id FROM Account');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: 5 });
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 5, Remaining: 3 });
    expect(limits.DailyBulkV2QueryJobs.Max).toBe(10000);
    expect(conn.limitInfo.apiUsage).toEqual({ used: 2, limit: 5 });
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the daily allocation is used up', async () => {
    for (let i = 0; i < 5; i++) await conn.query('SELECT Id FROM Account');
    const err = await errorOf(conn.query('SELECT Id FROM Account'));
    expect(err.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(err.message).toBe('TotalRequests Limit exceeded.');
    const raw = await fetch(`${sandbox.baseUrl}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${sandbox.clientCredentials.accessToken}` } });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
  });

  it('counts calls per endpoint kind and per client, in-process and on the admin endpoint', async () => {
    sandbox.limits.set({ dailyApiRequests: 1000 });
    await conn.sobject('Account').create({ Name: 'A' });
    await conn.query('SELECT Id FROM Account');
    const other = sandbox.oauth.issueSession('other-app');
    const conn2 = connect(Connection, sandbox, '60.0', other.accessToken);
    await conn2.query('SELECT Id FROM Contact');
    const snap = sandbox.calls.snapshot();
    expect(snap.byKind).toEqual({ 'sobject-create': 1, query: 2 });
    expect(snap.byClient[sandbox.clientCredentials.clientId]).toEqual({ total: 2, byKind: { 'sobject-create': 1, query: 1 } });
    expect(snap.byClient['other-app']).toEqual({ total: 1, byKind: { query: 1 } });
    const overHttp = await (await fetch(`${sandbox.baseUrl}/__sandbox/calls`)).json();
    expect(overHttp).toEqual(snap);
    await fetch(`${sandbox.baseUrl}/__sandbox/calls/reset`, { method: 'POST' });
    expect(sandbox.calls.snapshot().total).toBe(0);
  });

  it('changes faults and limits at run time through admin endpoints', async () => {
    await fetch(`${sandbox.baseUrl}/__sandbox/limits`, { method: 'POST', body: JSON.stringify({ dailyApiRequests: 100, apiRequestsUsed: 100 }) });
    expect((await errorOf(conn.query('SELECT Id FROM Account'))).errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    await fetch(`${sandbox.baseUrl}/__sandbox/limits`, { method: 'POST', body: JSON.stringify({ apiRequestsUsed: 0 }) });
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ serverErrorRate: 1, kinds: ['sobject-create'] }) });
    expect(((await res.json()) as { serverErrorRate: number }).serverErrorRate).toBe(1);
    const err = await errorOf(conn.sobject('Account').create({ Name: 'A' }));
    expect(err.errorCode).toBe('SERVER_UNAVAILABLE');
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
  });
});
