import { Connection } from 'jsforce';
import { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { errorOf, startWithConnection } from './sandbox-harness';

type Rec = Record<string, unknown>;

describe('Salesforce sandbox: writes', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let now: Date;

  beforeEach(async () => {
    now = new Date('2026-05-10T09:00:00Z');
    ({ sandbox, conn } = await startWithConnection(Connection, { clock: () => now }));
    sandbox.store.addField('Account', { name: 'Ext_Key__c', type: 'string', length: 20, externalId: true, unique: true });
  });
  afterEach(() => sandbox.stop());

  it('creates, retrieves, updates and deletes single records', async () => {
    const created = await conn.sobject('Account').create({ Name: 'Acme', Industry: 'Retail' });
    expect(created).toEqual({ id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] });
    const id = created.id as string;
    expect(await conn.sobject('Account').retrieve(id)).toMatchObject({ Id: id, Name: 'Acme', Industry: 'Retail', IsDeleted: false });
    const [other] = sandbox.store.insertMany('Account', [{ Name: 'Other' }]);
    const many = await conn.sobject('Account').retrieve([id, other, '001Hs0000000ZZZ']);
    expect(many.map((r) => r?.Name ?? null)).toEqual(['Acme', 'Other', null]);
    expect(await conn.sobject('Account').update({ Id: id, Industry: null })).toEqual({ id, success: true, errors: [] });
    expect((await conn.sobject('Account').retrieve(id)).Industry).toBeNull();
    expect(await conn.sobject('Account').destroy(id)).toEqual({ id, success: true, errors: [] });
    expect((await errorOf(conn.sobject('Account').retrieve(id))).errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('validates like Salesforce: required, length, read-only, malformed and missing Ids, references, types', async () => {
    const codes = async (p: Promise<unknown>): Promise<[string | undefined, string]> => {
      const e = await errorOf(p);
      return [e.errorCode, e.message];
    };
    expect(await codes(conn.sobject('Account').create({ Industry: 'Retail' }))).toEqual(['REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]']);
    expect((await codes(conn.sobject('Account').create({ Name: 'x'.repeat(256) })))[0]).toBe('STRING_TOO_LONG');
    expect(await codes(conn.sobject('Account').create({ Name: 'A', CreatedDate: '2020-01-01T00:00:00Z' }))).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE', expect.stringContaining('Unable to create/update fields: CreatedDate.')]);
    expect((await codes(conn.sobject('Account').create({ Name: 'A', Nope__c: 1 })))[0]).toBe('INVALID_FIELD');
    expect((await codes(conn.sobject('Account').create({ Name: 'A', NumberOfEmployees: 'many' })))[0]).toBe('JSON_PARSER_ERROR');
    expect((await codes(conn.sobject('Account').update({ Id: 'garbage', Name: 'A' })))[0]).toBe('MALFORMED_ID');
    expect((await codes(conn.sobject('Account').update({ Id: '001Hs000000000zZZZ', Name: 'A' })))[0]).toBe('MALFORMED_ID');
    const ghost = '001Hs0000000ZZZ' ;
    expect((await codes(conn.sobject('Account').update({ Id: ghost, Name: 'A' })))[0]).toBe('NOT_FOUND');
    expect(await codes(conn.sobject('Contact').create({ LastName: 'C', AccountId: 'bad' }))).toEqual(['MALFORMED_ID', 'Account ID: id value of incorrect type: bad']);
    const [contactId] = sandbox.store.insertMany('Contact', [{ LastName: 'Other' }]);
    expect((await codes(conn.sobject('Contact').create({ LastName: 'C', AccountId: contactId })))[0]).toBe('FIELD_INTEGRITY_EXCEPTION');
    await conn.sobject('Account').create({ Name: 'E1', Ext_Key__c: 'K1' });
    expect((await codes(conn.sobject('Account').create({ Name: 'E2', Ext_Key__c: 'k1' })))[0]).toBe('DUPLICATE_VALUE');
  });

  it('upserts by external Id: 201 created, then update (204)', async () => {
    const first = await conn.sobject('Account').upsert({ Name: 'Up', Ext_Key__c: 'U-1' }, 'Ext_Key__c');
    expect(first).toMatchObject({ success: true, created: true, id: expect.stringMatching(/^001/) });
    const second = await conn.sobject('Account').upsert({ Name: 'Up 2', Ext_Key__c: 'U-1' }, 'Ext_Key__c');
    expect(second).toEqual({ success: true, errors: [] });
    const rows = await conn.query<Rec>("SELECT Name FROM Account WHERE Ext_Key__c = 'U-1'");
    expect(rows.records.map((r) => r.Name)).toEqual(['Up 2']);
    const many = await conn.sobject('Account').upsert([{ Name: 'M1', Ext_Key__c: 'U-1' }, { Name: 'M2', Ext_Key__c: 'U-2' }], 'Ext_Key__c');
    expect(many.map((r) => r.created)).toEqual([false, true]);
    expect((await errorOf(conn.sobject('Account').upsert({ Name: 'x', Name2: 'y' }, 'Name2'))).errorCode).toBe('NOT_FOUND');
  });

  it('sObject Collections: allOrNone=false reports per-record errors; allOrNone=true rolls everything back', async () => {
    const partial = await conn.sobject('Account').create([{ Name: 'Good' }, { Industry: 'NoName' }], { allOrNone: false });
    expect(partial[0]).toMatchObject({ success: true, errors: [] });
    expect(partial[1]).toEqual({ id: null, success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] });
    const before = (await conn.query('SELECT Id FROM Account')).totalSize;
    const all = await conn.sobject('Account').create([{ Name: 'Fine' }, { Industry: 'NoName' }], { allOrNone: true });
    expect(all[0]).toEqual({ id: null, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: expect.stringContaining('rolled back'), fields: [] }] });
    expect(all[1].errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING' });
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(before);

    const ids = (await conn.query<{ Id: string }>('SELECT Id FROM Account')).records.map((r) => r.Id);
    now = new Date('2026-05-10T09:30:00Z');
    const upd = await conn.sobject('Account').update([{ Id: ids[0], Name: 'Renamed' }, { Id: ids[0].slice(0, 15), Name: 'x'.repeat(300) }], { allOrNone: true });
    expect(upd.every((r) => !r.success)).toBe(true);
    expect((await conn.sobject('Account').retrieve(ids[0])).Name).toBe('Good');
    const del = await conn.sobject('Account').destroy([ids[0], 'bogus']);
    expect(del.map((r) => r.success)).toEqual([true, false]);
    const many = Array.from({ length: 201 }, (_, i) => ({ Name: `N${i}` }));
    expect((await errorOf(conn.sobject('Account').create(many))).errorCode).toBe('EXCEEDED_ID_LIMIT');
    const recursive = await conn.sobject('Account').create(many, { allowRecursive: true });
    expect(recursive).toHaveLength(201);
    expect(sandbox.calls.snapshot().byKind['sobject-collections']).toBe(7);
  });

  it('composite: references between subrequests, one API call, allOrNone rollback', async () => {
    const body = {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: '/services/data/v60.0/sobjects/Account', referenceId: 'acct', body: { Name: 'Composite Co' } },
        { method: 'POST', url: '/services/data/v60.0/sobjects/Contact', referenceId: 'ct', body: { LastName: 'Lee', AccountId: '@{acct.id}' } },
        { method: 'GET', url: "/services/data/v60.0/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+Id='@{ct.id}'", referenceId: 'q' },
      ],
    };
    const res = await conn.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: Rec; referenceId: string; httpHeaders: Rec }> }>('/composite', body);
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201, 200]);
    expect(res.compositeResponse[0].httpHeaders.Location).toMatch(/\/sobjects\/Account\/001/);
    expect((res.compositeResponse[2].body.records as Rec[])[0]).toMatchObject({ Account: { Name: 'Composite Co' } });
    expect(sandbox.calls.snapshot().byKind).toEqual({ composite: 1 });

    const failing = { allOrNone: true, compositeRequest: [
      { method: 'POST', url: '/services/data/v60.0/sobjects/Account', referenceId: 'a1', body: { Name: 'Rolled Back' } },
      { method: 'POST', url: '/services/data/v60.0/sobjects/Contact', referenceId: 'c1', body: { FirstName: 'NoLast' } },
    ] };
    const res2 = await conn.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: Rec[] }> }>('/composite', failing);
    expect(res2.compositeResponse[0].body[0].errorCode).toBe('PROCESSING_HALTED');
    expect(res2.compositeResponse[1].body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((await conn.query("SELECT Id FROM Account WHERE Name = 'Rolled Back'")).totalSize).toBe(0);
    const tooMany = { compositeRequest: Array.from({ length: 6 }, (_, i) => ({ method: 'GET', url: '/services/data/v60.0/query?q=SELECT+Id+FROM+Account', referenceId: `q${i}` })) };
    expect((await errorOf(conn.requestPost('/composite', tooMany))).errorCode).toBe('INVALID_BATCH_REQUEST');
  });

  it('getUpdated / getDeleted with their windows and errors', async () => {
    const [a, b] = sandbox.store.insertMany('Account', [{ Name: 'Old' }, { Name: 'Gone' }], { asOf: new Date('2026-05-01T00:00:00Z') });
    now = new Date('2026-05-10T09:00:30Z');
    await conn.sobject('Account').update({ Id: a, Name: 'Touched' });
    await conn.sobject('Account').destroy(b);
    now = new Date('2026-05-10T10:00:00Z');
    const updated = await conn.sobject('Account').updated('2026-05-10T08:00:00Z', '2026-05-10T10:00:00Z');
    expect(updated).toEqual({ ids: [a], latestDateCovered: '2026-05-10T10:00:00.000+0000' });
    const deleted = await conn.sobject('Account').deleted('2026-05-10T08:00:00Z', '2026-05-10T10:00:00Z');
    expect(deleted.deletedRecords).toEqual([{ id: b, deletedDate: '2026-05-10T09:00:30.000+0000' }]);
    expect((await errorOf(conn.sobject('Account').updated('2026-04-01T00:00:00Z', '2026-05-10T00:00:00Z'))).errorCode).toBe('INVALID_REPLICATION_DATE');
    expect((await errorOf(conn.sobject('Account').deleted('2026-04-20T00:00:00Z', '2026-05-10T00:00:00Z'))).message).toBe('startDate cannot be more than 15 days ago');
  });

  it('injects UNABLE_TO_LOCK_ROW on writes', async () => {
    sandbox.faults.failNext('lock-row', { kind: 'sobject-create' });
    const err = await errorOf(conn.sobject('Account').create({ Name: 'Locked' }));
    expect(err.errorCode).toBe('UNABLE_TO_LOCK_ROW');
    expect(await conn.sobject('Account').create({ Name: 'Free' })).toMatchObject({ success: true });
  });
});
