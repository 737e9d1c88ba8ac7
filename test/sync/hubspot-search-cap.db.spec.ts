import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createSyncHarness, type SyncHarness } from './support/sync-harness';

/** HubSpot search stops at 10,000 results per query; the reader restarts past the last hs_object_id. */
describe('more than 10,000 HubSpot changes in one window', () => {
  let db: TestDatabase;
  let hs: HubspotSandbox;
  let h: SyncHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    hs = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' }, searchLagMs: 0 });
  });

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await db?.close();
  });

  it('reads every one of 10,450 changed contacts exactly once', async () => {
    const total = 10_450;
    const stamp = new Date('2026-03-01T12:00:00Z');
    const records = Array.from({ length: total }, (_, i) => ({ properties: { email: `person${i}@cap.example`, firstname: 'P', lastname: `N${i}` }, createdAt: stamp, updatedAt: stamp }));
    await hs.store.insertMany('contacts', records);
    const conn = await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { hubspotTier: 'professional', objects: [{ crmObject: 'companies', enabled: false }, { crmObject: 'deals', enabled: false }, { crmObject: 'licenses', enabled: false }] } });
    // A cursor as if a full sync had happened long ago: the next incremental window holds all 10,450 changes,
    // every one with the same modification stamp.
    await db.dataSource.query(`INSERT INTO sync_cursors (id, connection_id, object_type, modstamp, state, last_full_sync_at, updated_at) VALUES (gen_random_uuid(), $1, 'contacts', '2026-01-01', '{}', '2026-01-01', now())`, [conn.id]);
    const res = await h.engine.runObject(conn.id, 'contacts', 'incremental');
    expect(res.status).toBe('succeeded');
    expect(res.mode).toBe('incremental');
    expect(res.read).toBe(total);
    expect(res.apiCalls['hs-search']).toBe(Math.ceil(total / 200));
    const [{ n, d }] = await db.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT crm_id)::int AS d FROM contact_sources`);
    expect(n).toBe(total);
    expect(d).toBe(total);
  }, 120_000);
});
