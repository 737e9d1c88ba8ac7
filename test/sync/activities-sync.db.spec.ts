import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { cleanSyncTables, createSyncHarness, type SyncHarness } from './support/sync-harness';

jest.setTimeout(60_000);

interface Expected {
  account: string | null;
  type: string;
  occurredAt: string;
  ours: boolean;
}

interface GraphActivity {
  crm_id: string;
  account_crm_id: string | null;
  type: string;
  occurred_at: Date;
  is_ours: boolean;
  deleted_at: Date | null;
}

/** What we hold, with the account named by its CRM id (so it can be compared with what the CRM says). */
async function graphActivities(db: TestDatabase, connectionId: string): Promise<Record<string, Expected>> {
  const rows: GraphActivity[] = await db.dataSource.query(
    `SELECT a.crm_id, (SELECT s.crm_id FROM account_sources s WHERE s.account_id = a.account_id AND s.connection_id = a.connection_id LIMIT 1) AS account_crm_id,
            a.type, a.occurred_at, a.is_ours, a.deleted_at
       FROM activities a WHERE a.connection_id = $1 AND a.deleted_at IS NULL`,
    [connectionId],
  );
  return Object.fromEntries(rows.map((r) => [r.crm_id, { account: r.account_crm_id, type: r.type, occurredAt: new Date(r.occurred_at).toISOString(), ours: r.is_ours }]));
}

/** Salesforce Task picklists as the CRM documents them, written here independently of the normaliser. */
function sfType(type: string | null, subtype: string | null): string {
  const byType: Record<string, string> = { Call: 'call', Email: 'email', Meeting: 'meeting' };
  const bySubtype: Record<string, string> = { Call: 'call', Email: 'email' };
  return byType[type ?? ''] ?? bySubtype[subtype ?? ''] ?? 'task';
}

const HS_TYPE: Record<string, string> = { CALL: 'call', EMAIL: 'email', MEETING: 'meeting', TODO: 'task' };

describe('activities sync (Salesforce Task, HubSpot tasks and notes)', () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let sf: SalesforceSandbox;
  let hs: HubspotSandbox;
  let sfConn: Connection;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    sf = await startSalesforceSandbox({ bulkJobDurationMs: 20 });
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    const sizes = { accounts: 25, contacts: 80, licenses: 10, activitiesPerAccount: 4 };
    await loadWorld({ seed: 5, sizes, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, salesforce: sf.store as never });
    await loadWorld({ seed: 6, sizes, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never });
    const c = sf.clientCredentials;
    sfConn = new Connection({ instanceUrl: sf.baseUrl, accessToken: c.accessToken, version: '60.0' });
    client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });

    // One recommendation task of ours in each CRM, marked the way write-back marks them.
    sf.store.addField('Task', { name: 'ABM_Recommendation_Id__c', type: 'string', length: 64, externalId: true });
    const account = (await sfConn.query<{ Id: string }>('SELECT Id FROM Account ORDER BY Id LIMIT 1')).records[0];
    await sfConn.sobject('Task').create({ WhatId: account.Id, Subject: 'ABM: renewal outreach', ActivityDate: '2026-02-03', Status: 'Not Started', ABM_Recommendation_Id__c: 'rec_sf_1' });
    hs.store.defineProperty('tasks', { name: 'abm_recommendation_id', type: 'string', fieldType: 'text', unique: true });
    const company = (await client.crm.companies.basicApi.getPage(1)).results[0];
    const task = hs.store.create('tasks', { hs_timestamp: '2026-02-04T09:00:00.000Z', hs_task_subject: 'ABM: renewal outreach', hs_task_type: 'TODO', abm_recommendation_id: 'rec_hs_1' });
    hs.store.associateMany('tasks', 'companies', [[String(task.id), company.id]]);
  });

  beforeEach(async () => {
    await cleanSyncTables(db.dataSource);
  });

  afterAll(async () => {
    await h?.close();
    await sf?.stop();
    await hs?.stop();
    await db?.close();
  });

  it('a full Salesforce sync brings every Task with its account, type and date; ours is marked', async () => {
    const c = sf.clientCredentials;
    const conn = await h.connections.upsert({ name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.baseUrl, loginUrl: sf.loginUrl, secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken }, settings: {} });
    const res = await h.engine.runConnection(conn.id, 'full');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    const tasks = (await sfConn.query<Record<string, string | null>>('SELECT Id, WhatId, Type, TaskSubtype, ActivityDate, CreatedDate, ABM_Recommendation_Id__c FROM Task')).records;
    expect(tasks.length).toBeGreaterThan(40);
    const expected = Object.fromEntries(tasks.map((t) => [t.Id as string, {
      account: t.WhatId, type: sfType(t.Type, t.TaskSubtype),
      occurredAt: new Date(t.ActivityDate ? `${t.ActivityDate}T00:00:00Z` : (t.CreatedDate as string)).toISOString(), ours: !!t.ABM_Recommendation_Id__c,
    } satisfies Expected]));
    const actual = await graphActivities(db, conn.id);
    expect(actual).toEqual(expected);
    expect(Object.values(actual).filter((a) => a.ours)).toHaveLength(1);
    expect(Object.values(actual).every((a) => a.account !== null)).toBe(true);
    expect(new Set(Object.values(actual).map((a) => a.type)).size).toBeGreaterThan(2);
  });

  it('a full HubSpot sync brings tasks and notes with their company, type and date; ours is marked; archives are deletes', async () => {
    const conn = await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { lookbackSeconds: 5 } });
    const res = await h.engine.runConnection(conn.id, 'full');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    const expected: Record<string, Expected> = {};
    for (const type of ['tasks', 'notes']) {
      let after: string | undefined;
      do {
        const props = type === 'tasks' ? ['hs_timestamp', 'hs_task_type', 'abm_recommendation_id'] : ['hs_timestamp'];
        const page = await client.crm.objects.basicApi.getPage(type, 100, after, props, undefined, ['companies']);
        for (const r of page.results) {
          const p = r.properties;
          expected[r.id] = {
            account: r.associations?.companies?.results[0]?.id ?? null, type: type === 'notes' ? 'note' : HS_TYPE[p.hs_task_type ?? ''] ?? 'task',
            occurredAt: new Date(String(p.hs_timestamp)).toISOString(), ours: !!p.abm_recommendation_id,
          };
        }
        after = page.paging?.next?.after;
      } while (after);
    }
    expect(Object.values(expected).some((e) => e.type === 'note')).toBe(true);
    const actual = await graphActivities(db, conn.id);
    expect(actual).toEqual(expected);
    expect(Object.values(actual).filter((a) => a.ours)).toHaveLength(1);
    expect(Object.values(actual).every((a) => a.account !== null)).toBe(true);

    const note = Object.entries(expected).find(([, e]) => e.type === 'note')![0];
    await client.crm.objects.basicApi.archive('notes', note);
    const inc = await h.engine.runObject(conn.id, 'notes', 'incremental');
    expect(inc.status).toBe('succeeded');
    const rows: Array<{ deleted: boolean }> = await db.dataSource.query(`SELECT deleted_at IS NOT NULL AS deleted FROM activities WHERE connection_id = $1 AND crm_id = $2`, [conn.id, note]);
    expect(rows).toEqual([{ deleted: true }]);
  });
});
