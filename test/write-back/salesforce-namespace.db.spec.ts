import { Connection } from 'jsforce';
import { salesforceAccountFields, withNamespace } from '../../integrations/salesforce/src/salesforce-writer.definitions';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { SetupService } from '../../src/write-back/setup/setup.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection, seedScoredAccounts, testWriterFactory } from './support/write-back-seed.util';

jest.setTimeout(60_000);

describe('Salesforce namespace prefix (managed package)', () => {
  let db: TestDatabase;
  let sandbox: SalesforceSandbox;

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startSalesforceSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  it('prefixes custom fields once and leaves standard fields alone', () => {
    expect(salesforceAccountFields('abmx')).toEqual({ object: 'Account', score: 'abmx__ABM_Score__c', tier: 'abmx__ABM_Tier__c', reasons: 'abmx__ABM_Reasons__c', updatedAt: 'abmx__ABM_Score_Updated_At__c' });
    expect(salesforceAccountFields(null).score).toBe('ABM_Score__c');
    expect(withNamespace('abmx__ABM_Score__c', 'abmx')).toBe('abmx__ABM_Score__c');
    expect(withNamespace('Subject', 'abmx')).toBe('Subject');
  });

  it('writes abmx__ fields on an org with the namespaced package, and setup finds them', async () => {
    for (const [name, type] of [['abmx__ABM_Score__c', 'double'], ['abmx__ABM_Tier__c', 'string'], ['abmx__ABM_Reasons__c', 'textarea'], ['abmx__ABM_Score_Updated_At__c', 'datetime']] as const) {
      sandbox.store.addField('Account', { name, type } as never);
    }
    sandbox.store.addField('Task', { name: 'abmx__ABM_Recommendation_Id__c', type: 'string', externalId: true, unique: true } as never);
    const ids = sandbox.store.insertMany('Account', Array.from({ length: 10 }, (_, i) => ({ Name: `Ns ${i}` })));
    const id = await seedConnection(db.dataSource, { name: 'ns', provider: 'salesforce', baseUrl: sandbox.baseUrl, secrets: { accessToken: sandbox.clientCredentials.accessToken }, namespacePrefix: 'abmx' });
    await seedScoredAccounts(db.dataSource, id, 'salesforce', 'Account', ids);
    const writers = testWriterFactory(db.dataSource);
    const service = new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers);
    const report = await new SetupService(service, writers).setup('ns', { remove: false, dryRun: false });
    expect(report.ok).toBe(true);
    expect(report.items.map((i) => i.name)).toContain('abmx__ABM_Score__c');
    expect(await service.run(id)).toMatchObject({ written: 10, failed: 0 });
    const conn = new Connection({ instanceUrl: sandbox.baseUrl, accessToken: sandbox.clientCredentials.accessToken, version: '60.0' });
    const res = await conn.query<Record<string, unknown>>('SELECT Id, abmx__ABM_Score__c, abmx__ABM_Tier__c FROM Account');
    expect(res.records.every((r) => typeof r.abmx__ABM_Score__c === 'number' && typeof r.abmx__ABM_Tier__c === 'string')).toBe(true);
  });
});
