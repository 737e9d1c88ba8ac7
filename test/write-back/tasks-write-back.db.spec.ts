import { Client } from '@hubspot/api-client';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { CountingCallHooks } from '../../src/write-back/engine/counting-call-hooks.util';
import { TaskWriteBackService } from '../../src/write-back/engine/task-write-back.service';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { WriterFactory } from '../../src/write-back/engine/writer-factory.service';
import { SetupService } from '../../src/write-back/setup/setup.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection, seedScoredAccounts, testWriterFactory } from './support/write-back-seed.util';

jest.setTimeout(60_000);
const ACCOUNTS = 40;

describe('recommendations as HubSpot tasks', () => {
  let db: TestDatabase;
  let sandbox: HubspotSandbox;
  let client: Client;
  let tasks: TaskWriteBackService;
  let writers: WriterFactory;
  let accountIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startHubspotSandbox({ rateLimits: { enabled: false } });
    client = new Client({ accessToken: sandbox.privateAppToken, basePath: sandbox.url });
    const companyIds = Array.from({ length: ACCOUNTS }, (_, i) => String(sandbox.store.create('companies', { name: `Company ${i}` }).id));
    const connectionId = await seedConnection(db.dataSource, {
      name: 'hs',
      provider: 'hubspot',
      baseUrl: sandbox.url,
      secrets: { accessToken: sandbox.privateAppToken },
      settings: { writeBack: { tasks: { perRepPerDay: 30 } } },
    });
    accountIds = await seedScoredAccounts(db.dataSource, connectionId, 'hubspot', 'companies', companyIds);
    // One open recommendation per account; owners "11" and "22" alternate.
    await db.dataSource.query(
      `INSERT INTO recommendations (account_id, action, reason, reason_factors, owner_type, owner_crm_user_id, due_date, expected_impact, rank, status, dedupe_key, external_id)
       SELECT a.id, 'renewal_outreach', 'Renewal in 60 days', '[]', 'rep', CASE WHEN o % 2 = 0 THEN '11' ELSE '22' END, current_date + 7, 10, 1, 'open',
              a.id || ':renewal', 'rec_' || lpad(o::text, 32, '0')
         FROM (SELECT (x)::uuid AS id, o FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(x, o)) a`,
      [JSON.stringify(accountIds)],
    );
    writers = testWriterFactory(db.dataSource);
    const writeBack = new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers);
    tasks = new TaskWriteBackService(db.dataSource, new WriteBackLedgerService(db.dataSource), writeBack, writers);
    expect((await new SetupService(writeBack, writers).setup('hs', { remove: false, dryRun: false })).ok).toBe(true);
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  async function crmTasks(): Promise<Array<{ id: string; ext: string; status: string; subject: string }>> {
    const out: Array<{ id: string; ext: string; status: string; subject: string }> = [];
    let after: string | undefined;
    do {
      const page = await client.crm.objects.basicApi.getPage('tasks', 100, after, ['abm_recommendation_id', 'hs_task_status', 'hs_task_subject']);
      for (const r of page.results) out.push({ id: r.id, ext: String(r.properties.abm_recommendation_id), status: String(r.properties.hs_task_status), subject: String(r.properties.hs_task_subject) });
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  it('caps new tasks per rep per day; the rest go out the next day', async () => {
    await db.dataSource.query(`UPDATE crm_connections SET settings = '{"writeBack":{"tasks":{"perRepPerDay":5}}}'::jsonb`);
    const day1 = await tasks.syncTasks('hs', { today: '2030-01-01' });
    expect(day1).toMatchObject({ created: 10, deferredByCap: ACCOUNTS - 10, failed: 0 });
    await db.dataSource.query(`UPDATE crm_connections SET settings = '{"writeBack":{"tasks":{"perRepPerDay":30}}}'::jsonb`);
    const day2 = await tasks.syncTasks('hs');
    expect(day2).toMatchObject({ created: ACCOUNTS - 10, deferredByCap: 0 });
    const found = await crmTasks();
    expect(found.length).toBe(ACCOUNTS);
    expect(new Set(found.map((t) => t.ext)).size).toBe(ACCOUNTS);
  });

  it('is associated to the company, and a rerun with nothing changed makes zero calls', async () => {
    const one = (await crmTasks())[0];
    const assoc = await client.crm.associations.v4.basicApi.getPage('tasks', one.id, 'companies');
    expect(assoc.results.length).toBe(1);
    sandbox.calls.reset();
    const again = await tasks.syncTasks('hs');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: ACCOUNTS, apiCalls: 0 });
    expect(sandbox.calls.snapshot().total).toBe(0);
  });

  it('never duplicates after partial failures, or after a crash between the CRM call and the ledger update', async () => {
    await db.dataSource.query(`UPDATE recommendations SET reason = 'Renewal in 59 days'`);
    // A crash: the CRM received the upserts, the ledger never heard back (rows stay pending).
    const connection = await new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers).findConnection('hs');
    const crashed = writers.create(connection, new CountingCallHooks());
    const realUpsert = crashed.upsertTasks.bind(crashed);
    crashed.upsertTasks = async (input) => {
      await realUpsert(input);
      throw new Error('killed');
    };
    await expect(tasks.syncTasks('hs', { writer: crashed })).rejects.toThrow('killed');
    sandbox.faults.configure({ partialBatchRate: 0.2, seed: 11 });
    try {
      const retry = await tasks.syncTasks('hs');
      expect(retry).toMatchObject({ updated: ACCOUNTS, failed: 0 });
    } finally {
      sandbox.faults.configure({ partialBatchRate: 0 });
    }
    const found = await crmTasks();
    expect(found.length).toBe(ACCOUNTS);
    expect(new Set(found.map((t) => t.ext)).size).toBe(ACCOUNTS);
  });

  it('closes the task when the recommendation is dismissed, and pulls CRM completions back', async () => {
    await db.dataSource.query(`UPDATE recommendations SET status = 'dismissed' WHERE external_id = $1`, [`rec_${'1'.padStart(32, '0')}`]);
    const run = await tasks.syncTasks('hs');
    expect(run).toMatchObject({ closed: 1, created: 0, updated: 0 });
    const byExt = new Map((await crmTasks()).map((t) => [t.ext, t]));
    expect(byExt.get(`rec_${'1'.padStart(32, '0')}`)?.status).toBe('COMPLETED');
    // The rep completes another task in HubSpot.
    const other = byExt.get(`rec_${'2'.padStart(32, '0')}`)!;
    await client.crm.objects.basicApi.update('tasks', other.id, { properties: { hs_task_status: 'COMPLETED' } });
    const completedInCrm = (await crmTasks()).filter((t) => t.status === 'COMPLETED').map((t) => t.ext).sort();
    expect(completedInCrm).toEqual([`rec_${'1'.padStart(32, '0')}`, `rec_${'2'.padStart(32, '0')}`]);
    const pulled = await tasks.pullTaskStatus('hs');
    expect(pulled.markedDone).toBe(1);
    const rows: Array<{ status: string }> = await db.dataSource.query(`SELECT status FROM recommendations WHERE external_id = $1`, [`rec_${'2'.padStart(32, '0')}`]);
    expect(rows[0].status).toBe('done');
  });
});
