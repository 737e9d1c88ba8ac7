import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { INTEGRATION_USER_ID } from '../../src/sandbox/salesforce';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { testWriterFactory } from './support/write-back-seed.util';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createSyncHarness, testConfig, type SyncHarness } from '../sync/support/sync-harness';

jest.setTimeout(90_000);
const N = 60;

/** Scores for every synced account, straight into account_scores and made current (no scoring run needed). */
async function scoreEverything(db: TestDatabase): Promise<void> {
  await db.dataSource.query(
    `WITH ins AS (INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, config_version, model_version, as_of, computed_at)
     SELECT a.id, '00000000-0000-4000-8000-000000000001', 42, 'C', 42, 0, 0, 0,
            '[{"component":"fit","signal":"industry","rawValue":null,"weight":1,"decay":null,"contribution":42,"text":"Industry fit"}]'::jsonb,
            1, 'test', now(), now()
       FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM account_scores s WHERE s.account_id = a.id)
     RETURNING id, account_id)
     INSERT INTO account_current_scores (account_id, score_id) SELECT account_id, id FROM ins
     ON CONFLICT (account_id) DO UPDATE SET score_id = EXCLUDED.score_id`,
  );
}

describe('the next incremental sync does not treat our own writes as changes', () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let hs: HubspotSandbox;
  let sf: SalesforceSandbox;
  let service: WriteBackService;

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    sf = await startSalesforceSandbox({ bulkJobDurationMs: 30 });
    for (let i = 0; i < N; i++) hs.store.create('companies', { name: `Echo Co ${i}`, domain: `echo${i}.example` });
    sf.store.insertMany('Account', Array.from({ length: N }, (_, i) => ({ Name: `Echo Account ${i}` })));
    for (const [name, type] of [['ABM_Score__c', 'double'], ['ABM_Tier__c', 'string'], ['ABM_Reasons__c', 'textarea'], ['ABM_Score_Updated_At__c', 'datetime']] as const) {
      sf.store.addField('Account', { name, type } as never);
    }
    for (const p of [['abm_score', 'number', 'number'], ['abm_tier', 'string', 'text'], ['abm_score_reason', 'string', 'textarea'], ['abm_score_updated_at', 'datetime', 'date']]) {
      hs.store.typeStore('companies');
      await fetch(`${hs.url}/crm/v3/properties/companies`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${hs.privateAppToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: p[0], label: p[0], type: p[1], fieldType: p[2], groupName: 'companyinformation' }),
      });
    }
    service = new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), testWriterFactory(db.dataSource, testConfig()));
  });

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await sf?.stop();
    await db?.close();
  });

  it('HubSpot: every record we wrote comes back as an echo (ledger stamp), none as a change', async () => {
    const conn = await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { hubspotTier: 'professional', lookbackSeconds: 5 } });
    await h.engine.runObject(conn.id, 'companies', 'full');
    await scoreEverything(db);
    const written = await service.run(conn.id);
    expect(written).toMatchObject({ written: N, failed: 0 });
    const sync = await h.engine.runObject(conn.id, 'companies', 'incremental');
    expect(sync.echo).toBe(N);
    expect(sync.upserted).toBe(0);
  });

  // The integration user id is what `abm setup` records (oauth2/userinfo) on a real org; set here directly.
  it('Salesforce: records last modified by the integration user come back as echoes', async () => {
    const c = sf.clientCredentials;
    const conn = await h.connections.upsert({
      name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.baseUrl, loginUrl: sf.loginUrl,
      secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken, accessToken: c.accessToken },
      settings: { lookbackSeconds: 2 }, integrationUserId: INTEGRATION_USER_ID,
    });
    await h.engine.runObject(conn.id, 'Account', 'full');
    await scoreEverything(db);
    const written = await service.run(conn.id);
    expect(written).toMatchObject({ written: N, failed: 0 });
    // The change window ends at whole seconds too: sync in a later second than the write (as a scheduled sync would).
    await new Promise((r) => setTimeout(r, 1100));
    const sync = await h.engine.runObject(conn.id, 'Account', 'incremental');
    expect(sync.echo).toBe(N);
    expect(sync.upserted).toBe(0);
  });
});
