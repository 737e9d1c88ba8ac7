import { Connection } from 'jsforce';
import { installSalesforcePackage } from '../../src/sandbox/demo-bootstrap';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { TaskWriteBackService } from '../../src/write-back/engine/task-write-back.service';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { SetupService } from '../../src/write-back/setup/setup.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection, seedScoredAccounts, testWriterFactory } from './support/write-back-seed.util';

jest.setTimeout(90_000);
const COUNT = 6;
const ext = (i: number) => `rec_obj_${i}`;

describe('recommendations as ABM_Recommendation__c records (Salesforce package object)', () => {
  let db: TestDatabase;
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let tasks: TaskWriteBackService;
  let setup: SetupService;
  let sfAccounts: string[];
  let sfContacts: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startSalesforceSandbox();
    conn = new Connection({ instanceUrl: sandbox.baseUrl, accessToken: sandbox.clientCredentials.accessToken, version: '60.0' });
    sfAccounts = sandbox.store.insertMany('Account', Array.from({ length: COUNT }, (_, i) => ({ Name: `Company ${i}` })));
    sfContacts = sandbox.store.insertMany('Contact', sfAccounts.map((a, i) => ({ LastName: `Buyer ${i}`, AccountId: a })));
    const connectionId = await seedConnection(db.dataSource, {
      name: 'sf', provider: 'salesforce', baseUrl: sandbox.baseUrl, secrets: { accessToken: sandbox.clientCredentials.accessToken },
      settings: { writeBack: { tasks: { target: 'recommendation_object', perRepPerDay: 100 } } },
    });
    const accountIds = await seedScoredAccounts(db.dataSource, connectionId, 'salesforce', 'Account', sfAccounts);
    // One contact per account, known to the graph under its Salesforce id, and one recommendation naming it.
    for (let i = 0; i < COUNT; i++) {
      const [{ id }] = await db.dataSource.query(`INSERT INTO contacts (account_id, last_name) VALUES ($1, $2) RETURNING id`, [accountIds[i], `Buyer ${i}`]);
      await db.dataSource.query(
        `INSERT INTO contact_sources (connection_id, provider, object_type, crm_id, contact_id, match_reason, fields) VALUES ($1, 'salesforce', 'Contact', $2, $3, 'new', '{}')`,
        [connectionId, sfContacts[i], id],
      );
      await db.dataSource.query(
        `INSERT INTO recommendations (account_id, contact_id, action, reason, reason_factors, owner_type, owner_crm_user_id, due_date, expected_impact, rank, status, dedupe_key, external_id)
         VALUES ($1, $2, 'engage_missing_role', 'No economic buyer engaged yet', '[]', 'rep', NULL, DATE '2030-03-01', 6.25, 1, 'open', $3, $4)`,
        [accountIds[i], id, `${accountIds[i]}:emr`, ext(i)],
      );
    }
    const writers = testWriterFactory(db.dataSource);
    const writeBack = new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers);
    tasks = new TaskWriteBackService(db.dataSource, new WriteBackLedgerService(db.dataSource), writeBack, writers);
    setup = new SetupService(writeBack, writers);
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  const records = async () =>
    (await conn.query<Record<string, unknown>>('SELECT Id, Name, External_Id__c, Account__c, Contact__c, Action__c, Reason__c, Status__c, Due_Date__c, Expected_Impact__c, Rank__c FROM ABM_Recommendation__c').run({ autoFetch: true })).records;

  it('setup names the missing object until the package is installed', async () => {
    const before = await setup.setup('sf', { remove: false, dryRun: false });
    expect(before.ok).toBe(false);
    expect(before.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'custom_object', name: 'ABM_Recommendation__c', status: 'missing' })]));
    expect(before.instructions.join(' ')).toContain('ABM_Integration');
    installSalesforcePackage(sandbox.store as never);
    const after = await setup.setup('sf', { remove: false, dryRun: false });
    expect(after.items.filter((i) => i.status !== 'present')).toEqual([]);
    expect(after.ok).toBe(true);
  });

  it('upserts one record per recommendation by external id, related to Account and Contact, and no Tasks', async () => {
    expect(await tasks.syncTasks('sf')).toMatchObject({ created: COUNT, failed: 0 });
    expect(await tasks.syncTasks('sf')).toMatchObject({ created: 0, updated: 0, unchanged: COUNT, apiCalls: 0 });
    const found = await records();
    expect(found.map((r) => r.External_Id__c).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => ext(i)).sort());
    const first = found.find((r) => r.External_Id__c === ext(0))!;
    expect(first).toMatchObject({
      Account__c: sfAccounts[0], Contact__c: sfContacts[0], Action__c: 'Engage a missing buying role', Reason__c: 'No economic buyer engaged yet',
      Status__c: 'open', Due_Date__c: '2030-03-01', Expected_Impact__c: 6.3, Rank__c: 1,
    });
    expect(String(first.Name)).toContain('Engage a missing buying role');
    const taskCount = (await conn.query('SELECT Id FROM Task').run()).totalSize;
    expect(taskCount).toBe(0);
  });

  it('carries status changes: accepted, and closed when done or dismissed on our side; never duplicates', async () => {
    await db.dataSource.query(`UPDATE recommendations SET status = 'accepted' WHERE external_id = $1`, [ext(1)]);
    await db.dataSource.query(`UPDATE recommendations SET status = 'dismissed' WHERE external_id = $1`, [ext(2)]);
    await db.dataSource.query(`UPDATE recommendations SET status = 'done' WHERE external_id = $1`, [ext(3)]);
    expect(await tasks.syncTasks('sf')).toMatchObject({ updated: 1, closed: 2, created: 0, failed: 0 });
    const byExt = new Map((await records()).map((r) => [String(r.External_Id__c), r]));
    expect(byExt.size).toBe(COUNT);
    expect([1, 2, 3].map((i) => byExt.get(ext(i))?.Status__c)).toEqual(['accepted', 'dismissed', 'done']);
  });

  it("pulls the rep's changes back: done and dismissed in Salesforce close our recommendation the same way", async () => {
    const byExt = new Map((await records()).map((r) => [String(r.External_Id__c), r]));
    await conn.sobject('ABM_Recommendation__c').update({ Id: String(byExt.get(ext(4))!.Id), Status__c: 'done' });
    await conn.sobject('ABM_Recommendation__c').update({ Id: String(byExt.get(ext(5))!.Id), Status__c: 'dismissed' });
    expect(await tasks.pullTaskStatus('sf')).toMatchObject({ markedDone: 1, markedDismissed: 1 });
    const rows: Array<{ external_id: string; status: string }> = await db.dataSource.query(`SELECT external_id, status FROM recommendations WHERE external_id IN ($1, $2) ORDER BY external_id`, [ext(4), ext(5)]);
    expect(rows.map((r) => r.status)).toEqual(['done', 'dismissed']);
  });
});
