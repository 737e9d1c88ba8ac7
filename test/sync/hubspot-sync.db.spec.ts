import { Client } from '@hubspot/api-client';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { graphSnapshot, hubspotExpectations } from './support/reconcile';
import { cleanSyncTables, createSyncHarness, type SyncHarness } from './support/sync-harness';

describe('HubSpot sync against the sandbox', () => {
  let db: TestDatabase;
  let hs: HubspotSandbox;
  let h: SyncHarness;
  let connectionId: string;
  let client: Client;

  async function reconcile(): Promise<void> {
    const expected = await hubspotExpectations(client);
    const actual = await graphSnapshot(db.dataSource, connectionId);
    expect(Object.keys(expected.contacts).length).toBeGreaterThan(100);
    expect(Object.keys(expected.licenses).length).toBeGreaterThan(20);
    expect(actual).toEqual(expected);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    hs = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' }, searchLagMs: 0, oauth: { accessTokenTtlMs: 30 * 60_000 } });
    await loadWorld({ seed: 7, sizes: { accounts: 120, contacts: 600, licenses: 200, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never });
    client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
  });

  beforeEach(async () => {
    await cleanSyncTables(db.dataSource);
    hs.faults.reset();
    const conn = await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { hubspotTier: 'professional', lookbackSeconds: 5, requestTimeoutMs: 1500 } });
    connectionId = conn.id;
  });

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await db?.close();
  });

  it('a full sync reconciles exactly with the CRM', async () => {
    const summaries = await h.engine.runConnection(connectionId, 'full');
    expect(summaries.map((s) => [s.objectType, s.status])).toEqual([['companies', 'succeeded'], ['contacts', 'succeeded'], ['deals', 'succeeded'], ['licenses', 'succeeded'], ['tasks', 'succeeded'], ['notes', 'succeeded']]);
    await reconcile();
  });

  it('objects read in reverse order (every reference before its target) still link up exactly', async () => {
    for (const object of ['notes', 'tasks', 'licenses', 'deals', 'contacts', 'companies']) {
      expect((await h.engine.runObject(connectionId, object, 'full')).status).toBe('succeeded');
    }
    // Contacts, deals, licences and activities were written before their companies existed; the end of each
    // object's run attaches what has arrived since.
    await reconcile();
  });

  it('records changed, created and archived while a paged read is under way end up exactly as in the CRM', async () => {
    const ids: string[] = [];
    for (let after: string | undefined; ; ) {
      const page = await client.crm.contacts.basicApi.getPage(100, after);
      ids.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
      if (!after) break;
    }
    const company = (await client.crm.companies.basicApi.getPage(1)).results[0].id;
    expect((await h.engine.runObject(connectionId, 'companies', 'full')).status).toBe('succeeded');
    let changed = false;
    const res = await h.engine.runObject(connectionId, 'contacts', 'full', {
      // After the first committed page: one contact already read changes, one not yet read changes, one not yet
      // read is archived, and a new one appears.
      onProgress: (p) => {
        if (changed || p.done) return;
        changed = true;
        hs.store.update('contacts', Number(ids[0]), { jobtitle: 'Changed after its page was read' });
        hs.store.update('contacts', Number(ids[ids.length - 1]), { jobtitle: 'Changed before its page was read' });
        hs.store.archive('contacts', Number(ids[ids.length - 2]));
        hs.store.create('contacts', { email: 'arrived.midway@example.org', firstname: 'Mid', lastname: 'Way', associatedcompanyid: company });
      },
    });
    expect(changed).toBe(true);
    expect(res.status).toBe('succeeded');
    for (const object of ['deals', 'licenses', 'tasks', 'notes']) await h.engine.runObject(connectionId, object, 'full');
    // The change to a page already read is the next incremental read's business.
    expect((await h.engine.runObject(connectionId, 'contacts', 'incremental')).status).toBe('succeeded');
    await reconcile();
    const [row] = (await db.dataSource.query(`SELECT title FROM contacts c JOIN contact_sources s ON s.contact_id = c.id WHERE s.crm_id = $1`, [ids[0]])) as Array<{ title: string }>;
    expect(row.title).toBe('Changed after its page was read');
  });

  it('updates, archives and creations made through @hubspot/api-client arrive with an incremental sync', async () => {
    await h.engine.runConnection(connectionId, 'full');
    const companies = await client.crm.companies.basicApi.getPage(3);
    const contacts = await client.crm.contacts.basicApi.getPage(4);
    await client.crm.companies.basicApi.update(companies.results[0].id, { properties: { name: 'Renamed Ltd', country: 'Iceland' } });
    await client.crm.contacts.basicApi.update(contacts.results[0].id, { properties: { jobtitle: 'VP Growth', hs_email_optout: 'true' } });
    await client.crm.contacts.basicApi.archive(contacts.results[1].id);
    await client.crm.companies.basicApi.archive(companies.results[2].id);
    await client.crm.contacts.basicApi.create({ properties: { email: 'new.person@example.org', firstname: 'New', lastname: 'Person', associatedcompanyid: companies.results[1].id }, associations: [] });
    const res = await h.engine.runConnection(connectionId, 'incremental');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(res.find((r) => r.objectType === 'contacts')?.apiCalls['hs-search']).toBeGreaterThan(0);
    await reconcile();
  });

  it('injected 429s, 5xx, dropped connections and hung requests do not change the result', async () => {
    hs.faults.configure({ seed: 3, rate5xx: 0.08, dropRate: 0.04, hangRate: 0.03 });
    // One ten-secondly 429 (each costs the policy's 10 s wait when no Retry-After comes back).
    hs.faults.schedule('rate429', 1, '/crm/v3/objects/contacts');
    const res = await h.engine.runConnection(connectionId, 'full');
    hs.faults.reset();
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    await reconcile();
  });

  it('an OAuth token that expires mid-run is refreshed and the run completes', async () => {
    const oauth = await h.connections.upsert({ name: 'hs-oauth', provider: 'hubspot', authType: 'oauth', baseUrl: hs.url, secrets: { clientId: hs.oauth.clientId, clientSecret: hs.oauth.clientSecret, refreshToken: hs.oauth.refreshToken }, settings: { hubspotTier: 'professional', requestTimeoutMs: 1500 } });
    await h.connections.remove(connectionId);
    connectionId = oauth.id;
    hs.faults.schedule('expireToken', 1, '/crm/v3/objects/contacts');
    const res = await h.engine.runConnection(connectionId, 'full');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(Object.values(res).reduce((a, r) => a + (r.apiCalls['hs-oauth-token'] ?? 0), 0)).toBeGreaterThanOrEqual(2);
    await reconcile();
  });
});
