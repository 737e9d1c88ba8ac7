import { HUBSPOT_DEFAULTS, SALESFORCE_DEFAULTS } from './default-mappings';
import { normalizeRecord } from './record-normalizer.util';
import { canonicalRole, normalizeCompanyName, normalizeDomain } from './value-normalizers.util';

const account = SALESFORCE_DEFAULTS.find((m) => m.crmObject === 'Account')!;
const deal = HUBSPOT_DEFAULTS.find((m) => m.crmObject === 'deals')!;
const contact = HUBSPOT_DEFAULTS.find((m) => m.crmObject === 'contacts')!;
const rec = (fields: Record<string, unknown>, extra: Partial<{ deleted: boolean; id: string }> = {}) => ({ id: extra.id ?? '001A', modifiedAt: new Date('2026-01-02T03:04:05Z'), modifiedBy: '005X', deleted: extra.deleted ?? false, fields });

describe('normalizeRecord', () => {
  it('maps and coerces a Salesforce account, custom fields included', () => {
    const r = normalizeRecord(account, rec({ Name: 'Müller GmbH', Website: 'https://www.Mueller.de/about', BillingCountry: 'Germany', NumberOfEmployees: '250', AnnualRevenue: 1.5e7, Technologies__c: 'SAP;AWS', Segment__c: 'SMB' }));
    expect(r).toEqual({ ok: true, row: expect.objectContaining({ crmId: '001A', modifiedAt: '2026-01-02T03:04:05.000Z', values: expect.objectContaining({ name: 'Müller GmbH', normalizedName: 'muller', domain: 'mueller.de', employees: 250, annualRevenue: '15000000', technologies: ['SAP', 'AWS'] }), custom: { segment: 'SMB' } }) });
  });

  it('quarantines bad dates, numbers, encodings, absurd lengths and missing required fields', () => {
    expect(normalizeRecord(deal, rec({ dealname: 'D', closedate: '2026-02-30' }))).toEqual({ ok: false, reason: 'bad date in closeDate: 2026-02-30' });
    expect(normalizeRecord(deal, rec({ dealname: 'D', amount: 'a lot' }))).toEqual({ ok: false, reason: 'bad number in amount: a lot' });
    expect(normalizeRecord(account, rec({ Name: 'Bad \u0000 byte' }))).toEqual({ ok: false, reason: 'bad encoding in name' });
    expect(normalizeRecord(account, rec({ Name: 'n'.repeat(300) }))).toEqual({ ok: false, reason: 'absurd length in name (300 > 255)' });
    expect(normalizeRecord(account, rec({ Website: 'x.com' }))).toEqual({ ok: false, reason: 'missing required field Name' });
    expect(normalizeRecord(contact, rec({ jobtitle: 'CEO' }))).toEqual({ ok: false, reason: 'missing required field: a contact needs an e-mail or a name' });
  });

  it('needs only the id of a deleted record and derives deal outcomes from the stage', () => {
    expect(normalizeRecord(account, rec({}, { deleted: true }))).toMatchObject({ ok: true, row: { deleted: true, values: {} } });
    expect(normalizeRecord(deal, rec({ dealname: 'D', dealstage: 'closedwon', closedate: '1767225600000' }))).toMatchObject({ ok: true, row: { values: { isWon: true, isClosed: true, closeDate: '2026-01-01' } } });
  });

  it('takes the account from associations when the CRM returns them', () => {
    const r = normalizeRecord(deal, { ...rec({ dealname: 'D' }), associations: { account: [{ id: '77' }] } });
    expect(r).toMatchObject({ ok: true, row: { values: { accountRef: '77' } } });
  });
});

describe('value normalisers', () => {
  it('normalises names, domains and roles', () => {
    expect(normalizeCompanyName('Acme, Inc.')).toBe('acme');
    expect(normalizeCompanyName('Société Générale S.A.')).toBe('societe generale');
    expect(normalizeDomain('HTTP://WWW.acme.co.uk:8080/x?y')).toBe('acme.co.uk');
    expect(normalizeDomain('not a domain')).toBeNull();
    expect(canonicalRole('BUDGET_HOLDER')).toBe('economic_buyer');
    expect(canonicalRole('Technical Buyer')).toBe('technical_evaluator');
    expect(canonicalRole('Something Else')).toBe('other');
  });
});
