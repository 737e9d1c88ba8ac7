import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { checksumSuffix, isWellFormedId } from '../../../src/sandbox/salesforce/id.util';
import { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { ADMIN_USER_ID, INTEGRATION_USER_ID } from '../../../src/sandbox/salesforce/store/sobject-store';
import { errorOf, startWithConnection } from './sandbox-harness';

const FIXTURE = join(__dirname, '../../../../shared/fixtures/airbyte-salesforce-expected_records.jsonl');

function fixtureAccounts(): Array<Record<string, unknown>> {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{"stream": "Account"'))
    .map((l) => (JSON.parse(l) as { data: Record<string, unknown> }).data);
}

describe('Salesforce sandbox: store, describe and system fields', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-02-01T12:00:00.000Z');
    ({ sandbox, conn } = await startWithConnection(Connection, { clock: () => now }));
  });
  afterEach(() => sandbox.stop());

  it('round-trips the real Airbyte Account records unchanged through jsforce', async () => {
    const accounts = fixtureAccounts();
    expect(accounts).toHaveLength(10);
    sandbox.store.insertMany('Account', accounts);
    const fields = Object.keys(accounts[0]).filter((k) => k !== 'attributes');
    const res = await conn.query(`SELECT ${fields.join(', ')} FROM Account ORDER BY Id`);
    const expected = [...accounts].sort((a, b) => String(a.Id).localeCompare(String(b.Id)))
      .map((a) => ({ ...a, attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${String(a.Id)}` } }));
    expect(res.records).toEqual(expected);
    const one = await conn.sobject('Account').retrieve(String(accounts[0].Id));
    for (const k of fields) expect(one[k]).toEqual(accounts[0][k]);
  });

  it('mints 18-character Ids with the right key prefixes and case-safe suffix', async () => {
    const prefixes: Record<string, string> = { Account: '001', Contact: '003', Opportunity: '006', Asset: '02i', Contract: '800', Entitlement: '550', Case: '500', Task: '00T', User: '005', AccountContactRelation: '07k', OpportunityContactRole: '00K' };
    for (const [type, prefix] of Object.entries(prefixes)) {
      const t = sandbox.store.table(type);
      expect(t?.keyPrefix).toBe(prefix);
    }
    const [accId] = sandbox.store.insertMany('Account', [{ Name: 'X' }]);
    expect(accId).toMatch(/^001\w{15}$/);
    expect(isWellFormedId(accId)).toBe(true);
    expect(checksumSuffix('0014W000027f6Uw')).toBe('QAI'); // a real Id from the Airbyte fixture
    const [acr] = sandbox.store.insertMany('AccountContactRelation', [{ AccountId: accId, ContactId: sandbox.store.insertMany('Contact', [{ LastName: 'C' }])[0], Roles: 'Decision Maker;Influencer' }]);
    expect(acr.startsWith('07k')).toBe(true);
  });

  it('describes objects and reflects custom fields added at run time, namespaced or not', async () => {
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'AccountContactRelation']));
    sandbox.store.addField('Account', { name: 'abmx__ABM_Score__c', type: 'double', precision: 5, scale: 2 });
    sandbox.store.addField('Account', { name: 'ABM_Tier__c', type: 'picklist', picklistValues: ['A', 'B'] });
    sandbox.store.addField('Account', { name: 'Ext_Key__c', type: 'string', length: 40, externalId: true, unique: true });
    const d = await conn.describe('Account');
    const byName = Object.fromEntries(d.fields.map((f) => [f.name, f]));
    expect(byName.abmx__ABM_Score__c).toMatchObject({ type: 'double', custom: true, updateable: true, nillable: true, label: 'ABM Score' });
    expect(byName.ABM_Tier__c.picklistValues?.map((p) => p.value)).toEqual(['A', 'B']);
    expect(byName.Ext_Key__c).toMatchObject({ externalId: true, unique: true, idLookup: true });
    expect(byName.SystemModstamp).toMatchObject({ type: 'datetime', updateable: false, createable: false });
    expect(byName.Name).toMatchObject({ nillable: false, createable: true });
    const roles = (await conn.describe('AccountContactRelation')).fields.find((f) => f.name === 'Roles');
    expect(roles?.type).toBe('multipicklist');
    await conn.sobject('Account').create({ Name: 'Scored', abmx__ABM_Score__c: 87.5 });
    const q = await conn.query('SELECT Name, abmx__ABM_Score__c FROM Account WHERE abmx__ABM_Score__c > 50');
    expect(q.records.map((r) => r.abmx__ABM_Score__c)).toEqual([87.5]);
    expect(() => sandbox.store.addField('Account', { name: 'NoSuffix', type: 'string' })).toThrow();
    expect((await errorOf(conn.describe('Nope__c'))).errorCode).toBe('NOT_FOUND');
  });

  it('keeps system fields with real semantics: one timestamp per call, calling user, SystemModstamp on every write', async () => {
    const created = await conn.sobject('Account').create([{ Name: 'A' }, { Name: 'B' }]);
    const ids = created.map((r) => r.id as string);
    const rows = await conn.query<{ CreatedDate: string; SystemModstamp: string; CreatedById: string; LastModifiedById: string; OwnerId: string }>(`SELECT CreatedDate, SystemModstamp, CreatedById, LastModifiedById, OwnerId FROM Account`);
    expect(new Set(rows.records.map((r) => r.SystemModstamp))).toEqual(new Set(['2026-02-01T12:00:00.000+0000']));
    expect(rows.records.every((r) => r.CreatedById === INTEGRATION_USER_ID && r.OwnerId === INTEGRATION_USER_ID)).toBe(true);

    sandbox.store.update('Account', ids[0], { Name: 'A2' }, { userId: ADMIN_USER_ID, now: sandbox.store.nowSeconds() });
    now = new Date('2026-02-01T12:05:00.000Z');
    await conn.sobject('Account').update({ Id: ids[0], Name: 'A2' }); // no value change: still a write
    const after = await conn.sobject('Account').retrieve(ids[0]);
    expect(after).toMatchObject({ SystemModstamp: '2026-02-01T12:05:00.000+0000', LastModifiedDate: '2026-02-01T12:05:00.000+0000', LastModifiedById: INTEGRATION_USER_ID, CreatedDate: '2026-02-01T12:00:00.000+0000' });
  });

  it('deletes into the recycle bin (queryAll sees IsDeleted) with cascade, and undeletes', async () => {
    const [acc] = sandbox.store.insertMany('Account', [{ Name: 'Doomed' }]);
    sandbox.store.insertMany('Contact', [{ LastName: 'Child', AccountId: acc }]);
    await conn.sobject('Account').destroy(acc);
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(0);
    expect((await conn.query('SELECT Id FROM Contact')).totalSize).toBe(0);
    const all = await conn.query('SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true').scanAll(true);
    expect(all.records).toEqual([expect.objectContaining({ Id: acc, IsDeleted: true })]);
    expect((await errorOf(conn.sobject('Account').update({ Id: acc, Name: 'x' }))).errorCode).toBe('ENTITY_IS_DELETED');
    sandbox.store.undelete('Account', acc, sandbox.store.context());
    expect((await conn.query('SELECT Id FROM Contact')).totalSize).toBe(1);
  });

  it('merges Accounts: losers deleted with MasterRecordId, children re-parented', async () => {
    const [master, loser] = sandbox.store.insertMany('Account', [{ Name: 'Master' }, { Name: 'Loser' }]);
    const [contact] = sandbox.store.insertMany('Contact', [{ LastName: 'Moved', AccountId: loser }]);
    now = new Date('2026-02-01T13:00:00.000Z');
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/merge`, { method: 'POST', body: JSON.stringify({ sobjectType: 'Account', masterId: master, loserIds: [loser] }) });
    expect(res.status).toBe(200);
    const gone = await conn.query(`SELECT Id, IsDeleted, MasterRecordId FROM Account WHERE Id = '${loser}'`).scanAll(true);
    expect(gone.records[0]).toMatchObject({ IsDeleted: true, MasterRecordId: master });
    const moved = await conn.sobject('Contact').retrieve(contact);
    expect(moved).toMatchObject({ AccountId: master, SystemModstamp: '2026-02-01T13:00:00.000+0000' });
  });

  it('bulk-loads records with insertMany without counting API calls', () => {
    const ids = sandbox.store.insertMany('Contact', Array.from({ length: 1000 }, (_, i) => ({ LastName: `L${i}`, Email: `c${i}@x.test` })), { asOf: new Date('2025-12-01T00:00:00Z') });
    expect(new Set(ids).size).toBe(1000);
    expect(sandbox.calls.snapshot().total).toBe(0);
    const row = sandbox.store.table('Contact')?.rowById(ids[0]);
    expect(row && sandbox.store.table('Contact')?.storedByName(row, 'Name')).toBe('L0');
    expect(() => sandbox.store.insertMany('Contact', [{ Bogus: 1 }])).toThrow(/No such column 'Bogus'/);
  });
});
