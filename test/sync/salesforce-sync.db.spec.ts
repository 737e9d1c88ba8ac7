import { Connection } from 'jsforce';
import { loadWorld } from '../../src/sandbox/generator';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { graphSnapshot, salesforceExpectations, type Snapshot } from './support/reconcile';
import { cleanSyncTables, createSyncHarness, type SyncHarness } from './support/sync-harness';

/** Only Contract carries the license fields the reconciliation compares. */
function onlyContracts(s: Snapshot, ds: { licenses: Record<string, unknown> }): Snapshot {
  return { ...s, licenses: Object.fromEntries(Object.entries(ds.licenses).filter(([id]) => id in s.licenses)) as Snapshot['licenses'] };
}

/** SystemModstamp has whole seconds: a window ends at the start of the current second. */
const secondBoundary = () => new Promise((r) => setTimeout(r, 1100));

describe('Salesforce sync against the sandbox', () => {
  let db: TestDatabase;
  let sf: SalesforceSandbox;
  let h: SyncHarness;
  let conn: Connection;
  let connectionId: string;

  async function reconcile(): Promise<void> {
    const expected = await salesforceExpectations(conn as never);
    const actual = await graphSnapshot(db.dataSource, connectionId);
    expect(Object.keys(expected.contacts).length).toBeGreaterThan(50);
    expect(actual.accounts).toEqual(expected.accounts);
    expect(actual.contacts).toEqual(expected.contacts);
    expect(actual.opportunities).toEqual(expected.opportunities);
    const contractIds = new Set(Object.keys(expected.licenses));
    expect(Object.fromEntries(Object.entries(actual.licenses).filter(([id]) => contractIds.has(id) || id.startsWith('800')))).toEqual(onlyContracts(expected, expected).licenses);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    sf = await startSalesforceSandbox({ bulkJobDurationMs: 50 });
    await loadWorld({ seed: 11, sizes: { accounts: 80, contacts: 400, licenses: 150, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, salesforce: sf.store as never });
    const c = sf.clientCredentials;
    conn = new Connection({ instanceUrl: sf.baseUrl, accessToken: c.accessToken, version: '60.0' });
  });

  beforeEach(async () => {
    await cleanSyncTables(db.dataSource);
    const c = sf.clientCredentials;
    const view = await h.connections.upsert({ name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.baseUrl, loginUrl: sf.loginUrl, secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken }, settings: { lookbackSeconds: 2, bulkMaxRecords: 150, bulkPartRecords: 40 } });
    connectionId = view.id;
  });

  afterAll(async () => {
    await h?.close();
    await sf?.stop();
    await db?.close();
  });

  it('full sync (Bulk 2.0, several result pages) reconciles exactly', async () => {
    const res = await h.engine.runConnection(connectionId, 'full');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    // Result pages of 150 records, streamed in parts of 40 (the connection's bulkPartRecords): parts end mid-page
    // and pages end mid-part, and still every record arrives once.
    expect(res.find((r) => r.objectType === 'Contact')?.apiCalls['bulk2-results']).toBeGreaterThan(1);
    await reconcile();
  });

  it('updates, deletes, undeletes and merges made through jsforce arrive with an incremental sync', async () => {
    await h.engine.runConnection(connectionId, 'full');
    const accounts = (await conn.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Id LIMIT 6')).records;
    const contacts = (await conn.query<{ Id: string }>('SELECT Id FROM Contact ORDER BY Id LIMIT 4')).records;
    await conn.sobject('Account').update({ Id: accounts[0].Id, Name: 'Renamed Holdings', BillingCountry: 'Norway' });
    await conn.sobject('Contact').update({ Id: contacts[0].Id, Title: 'Chief Revenue Officer', HasOptedOutOfEmail: true });
    await conn.sobject('Contact').destroy(contacts[1].Id);
    await conn.sobject('Contact').destroy(contacts[2].Id);
    await conn.request({ method: 'POST', url: '/services/data/v60.0/sandbox/undelete', body: JSON.stringify({ ids: [contacts[2].Id] }), headers: { 'Content-Type': 'application/json' } }).catch(() => sf.store.undelete('Contact', contacts[2].Id, sf.store.context()));
    sf.store.merge('Account', accounts[1].Id, [accounts[2].Id], sf.store.context());
    await conn.sobject('Opportunity').create({ Name: 'Fresh deal', StageName: 'Prospecting', CloseDate: '2026-06-30', AccountId: accounts[3].Id, Amount: 1234 });
    await secondBoundary();
    const res = await h.engine.runConnection(connectionId, 'incremental');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    await reconcile();
    const merged: Array<{ merged_into_crm_id: string }> = await db.dataSource.query(`SELECT merged_into_crm_id FROM account_sources WHERE crm_id = $1`, [accounts[2].Id]);
    expect(merged[0].merged_into_crm_id).toBe(accounts[1].Id);
  });

  it('injected 5xx, dropped and hung requests and an expired session mid-run do not change the result', async () => {
    await h.connections.updateSettings(connectionId, { requestTimeoutMs: 1500 });
    sf.faults.set({ seed: 4, serverErrorRate: 0.1, dropRate: 0.04, hangRate: 0.03 });
    sf.faults.failNext('session-expired', { count: 1 });
    const res = await h.engine.runConnection(connectionId, 'full');
    sf.faults.reset();
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(res.reduce((a, r) => a + (r.apiCalls['sf-oauth-token'] ?? 0), 0)).toBeGreaterThanOrEqual(2);
    await reconcile();
  });

  it('stops cleanly when the daily allocation is spent and resumes later from the checkpoint', async () => {
    await h.connections.updateSettings(connectionId, { useBulk: false, restPageSize: 100, budget: { totalPercent: 100, perRunPercent: 0.02 } });
    const first = await h.engine.runObject(connectionId, 'Contact', 'full');
    expect(first.status).toBe('paused');
    expect(first.read).toBeGreaterThan(0);
    await h.connections.updateSettings(connectionId, { budget: { totalPercent: 100, perRunPercent: 100 } });
    const second = await h.engine.runObject(connectionId, 'Contact', 'full');
    expect(second.status).toBe('succeeded');
    expect(second.resumed).toBe(true);
    const [{ n, d }] = await db.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT crm_id)::int AS d FROM contact_sources`);
    const live = (await conn.query<{ Id: string }>('SELECT Id FROM Contact')).totalSize;
    expect(d).toBe(n);
    expect(n).toBeGreaterThanOrEqual(live);
  });

  it('many records sharing one SystemModstamp across page boundaries are all read exactly once', async () => {
    await h.connections.updateSettings(connectionId, { restPageSize: 50 });
    await h.engine.runConnection(connectionId, 'full');
    const ids = (await conn.query<{ Id: string }>('SELECT Id FROM Contact ORDER BY Id')).records.map((r) => r.Id);
    // One bulk update: every row gets the same stamp, more rows than a page.
    const tx = sf.store.context();
    for (const id of ids) sf.store.update('Contact', id, { Title: `Same-stamp ${id.slice(-4)}` }, tx);
    await secondBoundary();
    const res = await h.engine.runObject(connectionId, 'Contact', 'incremental');
    expect(res.status).toBe('succeeded');
    expect(res.read).toBe(ids.length);
    await reconcile();
  });
});
