import { Connection } from 'jsforce';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { SetupService } from '../../src/write-back/setup/setup.service';
import { TaskWriteBackService } from '../../src/write-back/engine/task-write-back.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { bumpScores, seedConnection, seedScoredAccounts, testWriterFactory } from './support/write-back-seed.util';

const COUNT = 300;
jest.setTimeout(90_000);

/** The SFDX package's fields, as an installed package would add them (optionally namespaced). */
function installPackageFields(sandbox: SalesforceSandbox, prefix = ''): void {
  sandbox.store.addField('Account', { name: `${prefix}ABM_Score__c`, type: 'double' });
  sandbox.store.addField('Account', { name: `${prefix}ABM_Tier__c`, type: 'string', length: 1 });
  sandbox.store.addField('Account', { name: `${prefix}ABM_Reasons__c`, type: 'textarea', length: 255 });
  sandbox.store.addField('Account', { name: `${prefix}ABM_Score_Updated_At__c`, type: 'datetime' });
}

describe('write-back into the Salesforce sandbox', () => {
  let db: TestDatabase;
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let service: WriteBackService;
  let setup: SetupService;
  let accountIds: string[];
  let sfIds: string[];
  let connectionId: string;
  let tasks: TaskWriteBackService;

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startSalesforceSandbox();
    conn = new Connection({ instanceUrl: sandbox.baseUrl, accessToken: sandbox.clientCredentials.accessToken, version: '60.0' });
    sfIds = sandbox.store.insertMany('Account', Array.from({ length: COUNT }, (_, i) => ({ Name: `Company ${i}` })));
    connectionId = await seedConnection(db.dataSource, { name: 'sf', provider: 'salesforce', baseUrl: sandbox.baseUrl, secrets: { accessToken: sandbox.clientCredentials.accessToken } });
    accountIds = await seedScoredAccounts(db.dataSource, connectionId, 'salesforce', 'Account', sfIds);
    const writers = testWriterFactory(db.dataSource);
    service = new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers);
    setup = new SetupService(service, writers);
    tasks = new TaskWriteBackService(db.dataSource, new WriteBackLedgerService(db.dataSource), service, writers);
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  async function assertCrmEqualsScores(prefix = ''): Promise<void> {
    const res = await conn.query<Record<string, unknown>>(`SELECT Id, ${prefix}ABM_Score__c, ${prefix}ABM_Tier__c FROM Account`).run({ autoFetch: true, maxFetch: 100_000 });
    const crm = new Map(res.records.map((r) => [String(r.Id), r]));
    const ours: Array<{ crm_id: string; score: number; tier: string }> = await db.dataSource.query(
      `SELECT s.crm_id, sc.score, sc.tier FROM account_sources s JOIN account_current_scores cs ON cs.account_id = s.account_id JOIN account_scores sc ON sc.id = cs.score_id WHERE s.connection_id = $1`,
      [connectionId],
    );
    expect(ours.length).toBe(COUNT);
    for (const o of ours) {
      expect(crm.get(o.crm_id)?.[`${prefix}ABM_Score__c`]).toBe(Math.round(Number(o.score) * 10) / 10);
      expect(crm.get(o.crm_id)?.[`${prefix}ABM_Tier__c`]).toBe(o.tier);
    }
  }

  it('setup names the missing fields and the permission set, then reports ready once the package is installed', async () => {
    const before = await setup.setup('sf', { remove: false, dryRun: false });
    expect(before.ok).toBe(false);
    expect(before.items.filter((i) => i.status === 'missing').map((i) => i.name)).toEqual(expect.arrayContaining(['ABM_Score__c', 'ABM_Recommendation_Id__c']));
    expect(before.instructions.join(' ')).toContain('ABM_Integration');
    installPackageFields(sandbox);
    sandbox.store.addField('Task', { name: 'ABM_Recommendation_Id__c', type: 'string', length: 64, externalId: true, unique: true } as never);
    const after = await setup.setup('sf', { remove: false, dryRun: false });
    expect(after.ok).toBe(true);
  });

  it('writes all scores with one Composite call per 1,000 records; nothing changed costs zero calls', async () => {
    const first = await service.run(connectionId);
    expect(first).toMatchObject({ written: COUNT, failed: 0, apiCalls: Math.ceil(COUNT / 1000) });
    await assertCrmEqualsScores();
    const before = sandbox.calls.snapshot().total;
    const second = await service.run(connectionId);
    expect(second).toMatchObject({ changed: 0, apiCalls: 0 });
    expect(sandbox.calls.snapshot().total).toBe(before);
  });

  it('retries a failed call and the records that hit UNABLE_TO_LOCK_ROW or transient errors until every value is written', async () => {
    await bumpScores(db.dataSource, accountIds);
    sandbox.faults.set({ lockRowRate: 0.1, partialFailureRate: 0.05, seed: 3 });
    sandbox.faults.failNext('server-error', { count: 1 });
    try {
      const run = await service.run(connectionId);
      expect(run).toMatchObject({ written: COUNT, failed: 0 });
      expect(run.apiCalls).toBeGreaterThan(1);
    } finally {
      sandbox.faults.set({ lockRowRate: 0, partialFailureRate: 0 });
    }
    await assertCrmEqualsScores();
  });

  it('uses one Bulk API 2.0 ingest job above the threshold', async () => {
    await db.dataSource.query(`UPDATE crm_connections SET settings = '{"writeBack":{"bulkThreshold":100}}'::jsonb WHERE id = $1`, [connectionId]);
    await bumpScores(db.dataSource, accountIds);
    const run = await service.run(connectionId);
    expect(run).toMatchObject({ written: COUNT, failed: 0 });
    expect(Object.keys(run.apiCallsByEndpoint).every((k) => k.startsWith('bulk2-ingest'))).toBe(true);
    expect(run.apiCallsByEndpoint['bulk2-ingest-create']).toBe(1);
    await assertCrmEqualsScores();
    await db.dataSource.query(`UPDATE crm_connections SET settings = '{}'::jsonb WHERE id = $1`, [connectionId]);
  });

  it('upserts recommendation tasks by external id: once each, closed when dismissed, completions pulled back', async () => {
    await db.dataSource.query(
      `INSERT INTO recommendations (account_id, action, reason, reason_factors, owner_type, owner_crm_user_id, due_date, expected_impact, rank, status, dedupe_key, external_id)
       SELECT (x)::uuid, 'multi_thread', 'Only one engaged contact', '[]', 'rep', NULL, current_date + 5, 4, 1, 'open', x || ':mt', 'rec_sf_' || o
         FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(x, o)`,
      [JSON.stringify(accountIds.slice(0, 5))],
    );
    expect(await tasks.syncTasks('sf')).toMatchObject({ created: 5, failed: 0 });
    expect(await tasks.syncTasks('sf')).toMatchObject({ created: 0, updated: 0, apiCalls: 0 });
    const list = async () => (await conn.query<Record<string, unknown>>(`SELECT Id, ABM_Recommendation_Id__c, IsClosed, WhatId FROM Task`).run({ autoFetch: true })).records;
    const found = await list();
    expect(found.map((t) => t.ABM_Recommendation_Id__c).sort()).toEqual(['rec_sf_1', 'rec_sf_2', 'rec_sf_3', 'rec_sf_4', 'rec_sf_5']);
    expect(found.every((t) => sfIds.includes(String(t.WhatId)))).toBe(true);
    await db.dataSource.query(`UPDATE recommendations SET status = 'dismissed' WHERE external_id = 'rec_sf_1'`);
    expect(await tasks.syncTasks('sf')).toMatchObject({ closed: 1 });
    const t2 = found.find((t) => t.ABM_Recommendation_Id__c === 'rec_sf_2')!;
    await conn.sobject('Task').update({ Id: String(t2.Id), Status: 'Completed' });
    expect((await tasks.pullTaskStatus('sf')).markedDone).toBe(1);
    const after = await list();
    expect(after.length).toBe(5);
    expect(after.filter((t) => t.IsClosed === true).map((t) => t.ABM_Recommendation_Id__c).sort()).toEqual(['rec_sf_1', 'rec_sf_2']);
  });
});
