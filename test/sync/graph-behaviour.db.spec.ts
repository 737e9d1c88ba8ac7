import { Client } from '@hubspot/api-client';
import { loadWorld, type LoadWorldResult } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { graphSnapshot, hubspotExpectations } from './support/reconcile';
import { cleanSyncTables, createSyncHarness, type SyncHarness } from './support/sync-harness';

describe('identity, echoes, quarantine and concurrent workers', () => {
  let db: TestDatabase;
  let hs: HubspotSandbox;
  let sf: SalesforceSandbox;
  let h: SyncHarness;
  let world: LoadWorldResult;
  let client: Client;

  const connectBoth = async () => {
    const c = sf.clientCredentials;
    const sfc = await h.connections.upsert({ name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.baseUrl, loginUrl: sf.loginUrl, secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken }, settings: { lookbackSeconds: 2 } });
    const hsc = await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { hubspotTier: 'professional', lookbackSeconds: 5 } });
    return { sf: sfc.id, hs: hsc.id };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource, { queue: true });
    hs = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' }, searchLagMs: 0 });
    sf = await startSalesforceSandbox({ bulkJobDurationMs: 30 });
    world = await loadWorld({ seed: 21, sizes: { accounts: 150, contacts: 600, licenses: 150, activitiesPerAccount: 0 }, overlap: 0.4, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never, salesforce: sf.store as never });
    client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
  });

  beforeEach(async () => cleanSyncTables(db.dataSource));

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await sf?.stop();
    await db?.close();
  });

  it('matches the same company across both CRMs into one account, with the reason kept', async () => {
    const ids = await connectBoth();
    await h.engine.runConnection(ids.sf, 'full');
    await h.engine.runConnection(ids.hs, 'full');
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE deleted_at IS NULL`);
    expect(n).toBe(world.presence.salesforce + world.presence.hubspot + world.presence.both);
    const reasons: Array<{ match_reason: string; c: number }> = await db.dataSource.query(`SELECT match_reason, count(*)::int AS c FROM account_sources WHERE match_reason <> 'new' GROUP BY 1 ORDER BY 1`);
    expect(reasons.reduce((a, r) => a + r.c, 0)).toBe(world.presence.both);
    expect(reasons.map((r) => r.match_reason)).toContain('crm_id_reference');
    // Contacts of the same person in both CRMs merge by e-mail.
    const [{ merged }] = await db.dataSource.query(`SELECT count(*)::int AS merged FROM contact_sources WHERE match_reason = 'email'`);
    const [{ shared }] = await db.dataSource.query(`SELECT count(*)::int AS shared FROM (SELECT contact_id FROM contact_sources GROUP BY contact_id HAVING count(DISTINCT connection_id) = 2) x`);
    expect(merged).toBe(shared);
    // Every sync batch enqueued scoring for its accounts in the same transaction.
    const [{ jobs }] = await db.dataSource.query(`SELECT count(*)::int AS jobs FROM pgboss.job WHERE name = 'score.accounts'`);
    expect(jobs).toBeGreaterThan(0);
  });

  it('skips our own write-back echoes without rescoring, but not a human edit', async () => {
    const ids = await connectBoth();
    await h.engine.runConnection(ids.hs, 'full');
    const page = await client.crm.companies.basicApi.getPage(2);
    const ours = await client.crm.companies.basicApi.update(page.results[0].id, { properties: { description: 'score 87 (written by us)' } });
    await db.dataSource.query(
      `INSERT INTO write_back_ledger (id, run_id, connection_id, object_type, crm_id, target, fields, new_values, value_hash, status, crm_modified_at, written_at)
       VALUES (gen_random_uuid(), gen_random_uuid(), $1, 'companies', $2, 'account_fields', '["description"]', '{}', repeat('a', 64), 'written', $3, now())`,
      [ids.hs, ours.id, ours.updatedAt],
    );
    await client.crm.companies.basicApi.update(page.results[1].id, { properties: { name: 'Edited By A Human' } });
    const res = await h.engine.runObject(ids.hs, 'companies', 'incremental');
    expect(res.echo).toBe(1);
    expect(res.upserted).toBe(1);
    const [{ name }] = await db.dataSource.query(`SELECT a.name FROM accounts a JOIN account_sources s ON s.account_id = a.id WHERE s.crm_id = $1`, [page.results[1].id]);
    expect(name).toBe('Edited By A Human');
  });

  it('quarantines malformed records with a reason and keeps syncing the rest', async () => {
    const ids = await connectBoth();
    const bad = await hs.store.insertMany('companies', [
      { properties: { name: null, domain: 'nameless.example' } },
      { properties: { name: 'x'.repeat(5000) } },
      { properties: { name: 'Broken \uD800 Encoding' } },
      { properties: { name: 'Bad Size Inc', numberofemployees: 'lots' } },
    ]);
    const res = await h.engine.runObject(ids.hs, 'companies', 'full');
    expect(res.status).toBe('succeeded');
    expect(res.quarantined).toBe(4);
    const rows: Array<{ crm_id: string; reason: string }> = await db.dataSource.query(`SELECT crm_id, reason FROM quarantined_records WHERE resolved_at IS NULL ORDER BY crm_id`);
    expect(rows.map((r) => r.crm_id).sort()).toEqual([...bad].map(String).sort());
    expect(rows.map((r) => r.reason).sort()).toEqual(['absurd length in name (5000 > 255)', 'bad encoding in name', 'bad number in employees: lots', 'missing required field name']);
    for (const id of bad) await client.crm.companies.basicApi.archive(String(id));
  });

  it('keeps connection secrets sealed at rest and out of every view', async () => {
    const ids = await connectBoth();
    const [row] = await db.dataSource.query(`SELECT secrets_encrypted FROM crm_connections WHERE id = $1`, [ids.hs]);
    expect(row.secrets_encrypted).toMatch(/^v1\./);
    expect(row.secrets_encrypted).not.toContain(hs.privateAppToken);
    const views = await h.connections.list();
    expect(JSON.stringify(views)).not.toContain(hs.privateAppToken);
    expect(views.find((v) => v.id === ids.hs)?.secretKeys).toEqual(['accessToken']);
    await h.connections.saveSecrets(ids.sf, { refreshToken: 'rotated-token' });
    expect(h.connections.secrets(await h.connections.get(ids.sf)).refreshToken).toBe('rotated-token');
  });

  it('two workers running the same sync at once produce exactly one copy of everything', async () => {
    const ids = await connectBoth();
    const other = await createSyncHarness(db.dataSource);
    const [a, b] = await Promise.all([h.engine.runConnection(ids.hs, 'full'), other.engine.runConnection(ids.hs, 'full')]);
    await other.close();
    const ran = [...a, ...b].filter((r) => r.status === 'succeeded').map((r) => r.objectType);
    expect(new Set(ran)).toEqual(new Set(['companies', 'contacts', 'deals', 'licenses', 'tasks', 'notes']));
    expect(await graphSnapshot(db.dataSource, ids.hs)).toEqual(await hubspotExpectations(client));
    const [c] = await db.dataSource.query(`SELECT (SELECT count(*) FROM contact_sources)::int AS sources, (SELECT count(*) FROM contacts)::int AS contacts`);
    expect(c.sources).toBe(c.contacts);
  });
});
