import { Connection } from 'jsforce';
import { SalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { parseSoql } from '../../../src/sandbox/salesforce/soql/soql-parser';
import { errorOf, startWithConnection } from './sandbox-harness';

type Rec = Record<string, unknown>;

describe('Salesforce sandbox: SOQL', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let accounts: string[];

  beforeAll(async () => {
    ({ sandbox, conn } = await startWithConnection(Connection, { clock: () => new Date('2026-04-15T12:00:00Z') }));
    accounts = sandbox.store.insertMany('Account', [
      { Name: 'Alpha', Industry: 'Banking', AnnualRevenue: 100, NumberOfEmployees: 10, CreatedDate: '2026-04-15T08:00:00.000+0000' },
      { Name: "O'Brien & Co", Industry: 'Retail', AnnualRevenue: 500, NumberOfEmployees: 50, CreatedDate: '2026-04-14T08:00:00.000+0000' },
      { Name: 'beta', Industry: null, AnnualRevenue: null, NumberOfEmployees: 5, CreatedDate: '2026-01-01T00:00:00.000+0000', SLAExpirationDate__c: '2026-04-20' },
      { Name: 'Gamma 100%', Industry: 'Banking', AnnualRevenue: 300, NumberOfEmployees: 30, CreatedDate: '2025-12-31T23:59:59.000+0000' },
    ]);
    sandbox.store.insertMany('Contact', [
      { LastName: 'Ada', AccountId: accounts[0], Email: 'ada@alpha.test' },
      { LastName: 'Bob', AccountId: accounts[1] },
      { LastName: 'Orphan' },
    ]);
    sandbox.store.insertMany('AccountContactRelation', [
      { AccountId: accounts[0], ContactId: sandbox.store.insertMany('Contact', [{ LastName: 'Cy' }])[0], Roles: 'Decision Maker;Economic Buyer' },
    ]);
  });
  afterAll(() => sandbox.stop());

  const names = async (soql: string): Promise<unknown[]> => (await conn.query<Rec>(soql)).records.map((r) => r.Name);

  it('filters with comparisons, AND/OR/NOT, parentheses, IN / NOT IN, null and LIKE (case-insensitive)', async () => {
    expect(await names("SELECT Name FROM Account WHERE Industry = 'banking' ORDER BY Name")).toEqual(['Alpha', 'Gamma 100%']);
    expect(await names('SELECT Name FROM Account WHERE AnnualRevenue >= 300 AND NOT (NumberOfEmployees < 40) ORDER BY Name')).toEqual(["O'Brien & Co"]);
    expect(await names("SELECT Name FROM Account WHERE Industry IN ('Retail', 'Banking') AND Name != 'Alpha' ORDER BY Name")).toEqual(['Gamma 100%', "O'Brien & Co"]);
    expect(await names("SELECT Name FROM Account WHERE Industry NOT IN ('Retail') ORDER BY Name")).toEqual(['Alpha', 'Gamma 100%']);
    expect(await names('SELECT Name FROM Account WHERE Industry = null')).toEqual(['beta']);
    expect(await names("SELECT Name FROM Account WHERE Name LIKE 'a%' OR Name LIKE '%100\\%'")).toEqual(['Alpha', 'Gamma 100%']);
    expect(await names("SELECT Name FROM Account WHERE Name = 'O\\'Brien & Co'")).toEqual(["O'Brien & Co"]);
    expect(await names("SELECT Name FROM Account WHERE Name LIKE 'B_TA'")).toEqual(['beta']);
    expect(await names(`SELECT Name FROM Account WHERE Id IN ('${accounts[2]}', '${accounts[0].slice(0, 15)}') AND Industry = 'Banking'`)).toEqual(['Alpha']);
    expect(await names(`SELECT Name FROM Account WHERE Id = '${accounts[1]}'`)).toEqual(["O'Brien & Co"]);
  });

  it('handles datetime, date and date-literal filters', async () => {
    expect(await names('SELECT Name FROM Account WHERE CreatedDate >= 2026-01-01T00:00:00Z ORDER BY CreatedDate')).toEqual(['beta', "O'Brien & Co", 'Alpha']);
    expect(await names('SELECT Name FROM Account WHERE CreatedDate < 2026-01-01T00:00:00.000+0000')).toEqual(['Gamma 100%']);
    expect(await names('SELECT Name FROM Account WHERE CreatedDate = TODAY')).toEqual(['Alpha']);
    expect(await names('SELECT Name FROM Account WHERE CreatedDate = YESTERDAY')).toEqual(["O'Brien & Co"]);
    expect(await names('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:2 ORDER BY Name')).toEqual(['Alpha', "O'Brien & Co"]);
    expect(await names('SELECT Name FROM Account WHERE CreatedDate = THIS_YEAR ORDER BY Name')).toEqual(['Alpha', 'beta', "O'Brien & Co"]);
    expect(await names('SELECT Name FROM Account WHERE SLAExpirationDate__c > 2026-04-19')).toEqual(['beta']);
    expect(await names('SELECT Name FROM Account WHERE SLAExpirationDate__c = NEXT_N_DAYS:7')).toEqual(['beta']);
  });

  it('orders by several keys with ASC/DESC and NULLS FIRST/LAST, then LIMIT/OFFSET', async () => {
    expect(await names('SELECT Name FROM Account ORDER BY AnnualRevenue')).toEqual(['beta', 'Alpha', 'Gamma 100%', "O'Brien & Co"]);
    expect(await names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS LAST')).toEqual(["O'Brien & Co", 'Gamma 100%', 'Alpha', 'beta']);
    expect(await names('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name DESC')).toEqual(['Gamma 100%', 'Alpha', "O'Brien & Co", 'beta']);
    expect(await names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['beta', 'Gamma 100%']);
  });

  it('selects relationship fields, COUNT() and COUNT(field), multi-select INCLUDES', async () => {
    const res = await conn.query<Rec>('SELECT LastName, Account.Name, Account.Owner.Name FROM Contact ORDER BY LastName');
    expect(res.records[0]).toEqual({
      attributes: { type: 'Contact', url: expect.stringMatching(/^\/services\/data\/v60\.0\/sobjects\/Contact\/003/) },
      LastName: 'Ada',
      Account: { attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${accounts[0]}` }, Name: 'Alpha', Owner: { attributes: expect.any(Object), Name: 'Sandbox Admin' } },
    });
    expect(res.records.find((r) => r.LastName === 'Orphan')?.Account).toBeNull();
    expect(await names("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)").catch((e: { errorCode: string }) => e.errorCode)).toBe('MALFORMED_QUERY');
    const count = await conn.query('SELECT COUNT() FROM Account WHERE Industry = \'Banking\'');
    expect(count).toMatchObject({ totalSize: 2, done: true, records: [] });
    const agg = await conn.query<Rec>('SELECT COUNT(Industry) n FROM Account');
    expect(agg.records[0]).toMatchObject({ attributes: { type: 'AggregateResult' }, n: 3 });
    const acr = await conn.query<Rec>("SELECT Roles FROM AccountContactRelation WHERE Roles INCLUDES ('Economic Buyer')");
    expect(acr.records.map((r) => r.Roles)).toEqual(['Decision Maker;Economic Buyer']);
  });

  it('resumes a (SystemModstamp, Id) tie-break cursor without losing rows that share a timestamp', async () => {
    const ids = sandbox.store.insertMany('Case', Array.from({ length: 30 }, (_, i) => ({ Subject: `c${i}` })), { asOf: new Date('2026-04-10T00:00:00Z') });
    const sorted = [...ids].sort();
    const pivot = sorted[11];
    const rest = await conn.query<Rec>(`SELECT Id FROM Case WHERE (SystemModstamp = 2026-04-10T00:00:00Z AND Id > '${pivot}') OR SystemModstamp > 2026-04-10T00:00:00Z ORDER BY SystemModstamp, Id`);
    expect(rest.records.map((r) => r.Id)).toEqual(sorted.slice(12));
  });

  it('reports Salesforce errors: MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, type mismatches', async () => {
    const malformed = await errorOf(conn.query('SELECT Id, FROM Account'));
    expect(malformed.errorCode).toBe('MALFORMED_QUERY');
    expect(malformed.message).toBe("\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'");
    const field = await errorOf(conn.query('SELECT Id, Foo FROM Account'));
    expect(field.errorCode).toBe('INVALID_FIELD');
    expect(field.message).toContain("No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.");
    const rel = await errorOf(conn.query('SELECT Foo.Name FROM Contact'));
    expect(rel.message).toContain("Didn't understand relationship 'Foo' in field path.");
    const type = await errorOf(conn.query('SELECT Id FROM Widget__c'));
    expect(type.errorCode).toBe('INVALID_TYPE');
    expect(type.message).toContain("sObject type 'Widget__c' is not supported.");
    const mismatch = await errorOf(conn.query("SELECT Id FROM Account WHERE CreatedDate > '2024-01-01'"));
    expect(mismatch.message).toContain("value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes");
    expect((await errorOf(conn.query('SELECT Id FROM Account WHERE Name = 5'))).errorCode).toBe('INVALID_FIELD');
    expect((await errorOf(conn.query('SELECT Id FROM Account OFFSET 2001'))).errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect((await errorOf(conn.query("SELECT Id FROM Account WHERE Name = 'unterminated"))).errorCode).toBe('MALFORMED_QUERY');
  });

  it('parses string escapes and datetime literal forms', () => {
    const q = parseSoql("SELECT Id FROM Account WHERE Name = 'a\\nb\\\\c\\u0041' AND CreatedDate > 2024-01-01T00:00:00.000+0000 AND CreatedDate < 2024-02-01T00:00:00Z");
    const where = q.where as { left: { left: { value: { value: string } } } };
    expect(where.left.left.value.value).toBe('a\nb\\cA');
  });
});
