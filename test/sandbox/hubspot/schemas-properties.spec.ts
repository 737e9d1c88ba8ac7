import { Client } from '@hubspot/api-client';
import type { HubspotSandbox } from '../../../src/sandbox/hubspot';
import { sdkError, useHarness } from './support/sandbox-harness';

const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

describe('HubSpot sandbox: properties and custom object schemas', () => {

  const h = useHarness(sdk, { rateLimits: { enabled: false }, searchLagMs: 0, portalId: 8_765_432 });

  it('lists HubSpot default properties including hs_buying_role with its nine options', async () => {
    const contacts = await h.client.crm.properties.coreApi.getAll('contacts');
    const names = contacts.results.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['email', 'jobtitle', 'lifecyclestage', 'hs_email_optout', 'lastmodifieddate', 'createdate', 'hs_object_id']));
    const role = await h.client.crm.properties.coreApi.getByName('contacts', 'hs_buying_role');
    expect(role.options.map((o) => o.value).sort()).toEqual(['BLOCKER', 'BUDGET_HOLDER', 'CHAMPION', 'DECISION_MAKER', 'END_USER', 'EXECUTIVE_SPONSOR', 'INFLUENCER', 'LEGAL_AND_COMPLIANCE', 'OTHER']);
    const companies = (await h.client.crm.properties.coreApi.getAll('companies')).results.map((p) => p.name);
    expect(companies).toEqual(expect.arrayContaining(['hs_is_target_account', 'hs_ideal_customer_profile', 'domain', 'industry', 'numberofemployees', 'country', 'hs_lastmodifieddate']));
  });

  it('creates a custom property that writes then accept, and refuses a duplicate with 409', async () => {
    const created = await h.client.crm.properties.coreApi.create('companies', { name: 'abm_score', label: 'ABM score', type: 'number', fieldType: 'number', groupName: 'companyinformation' } as never);
    expect(created.name).toBe('abm_score');
    const company = await h.client.crm.companies.basicApi.create({ properties: { abm_score: '87' }, associations: [] });
    expect(company.properties.abm_score).toBe('87');
    const dupe = await sdkError(h.client.crm.properties.coreApi.create('companies', { name: 'abm_score', label: 'x', type: 'number', fieldType: 'number', groupName: 'companyinformation' } as never));
    expect(dupe.code).toBe(409);
    const notNumber = await sdkError(h.client.crm.companies.basicApi.update(company.id, { properties: { abm_score: 'high' } }));
    expect(notNumber.code).toBe(400);
    const groups = await h.client.crm.properties.groupsApi.getAll('companies');
    expect(groups.results.map((g) => g.name)).toContain('companyinformation');
  });

  it('creates the license custom object through the schema API and uses it like any object', async () => {
    const schema = await h.client.crm.schemas.coreApi.create({
      name: 'license',
      labels: { singular: 'License', plural: 'Licenses' },
      primaryDisplayProperty: 'license_key',
      requiredProperties: ['license_key'],
      properties: [
        { name: 'license_key', label: 'License key', type: 'string', fieldType: 'text', hasUniqueValue: true },
        { name: 'seats', label: 'Seats', type: 'number', fieldType: 'number' },
      ],
      associatedObjects: ['COMPANY', 'CONTACT'],
    } as never);
    expect(schema.objectTypeId).toMatch(/^2-\d+$/);
    expect(schema.fullyQualifiedName).toBe('p8765432_license');
    const listed = await h.client.crm.schemas.coreApi.getAll();
    expect(listed.results.map((s) => s.fullyQualifiedName)).toEqual(['p8765432_license']);
    const byId = await h.client.crm.schemas.coreApi.getById(schema.objectTypeId ?? '');
    expect(byId.associations.length).toBeGreaterThanOrEqual(2);

    const lic = await h.client.crm.objects.basicApi.create(schema.objectTypeId ?? '', { properties: { license_key: 'LIC-1', seats: '25' }, associations: [] });
    expect(lic.properties.hs_createdate).toBe(lic.createdAt.toISOString());
    const viaName = await h.client.crm.objects.basicApi.getById('p8765432_license', 'LIC-1', ['seats'], undefined, undefined, false, 'license_key');
    expect(viaName.properties.seats).toBe('25');
    const [company] = h.sandbox.store.insertMany('companies', [{ properties: { name: 'Licensee' } }]);
    h.sandbox.store.associateMany('p8765432_license', 'companies', [[lic.id, company]]);
    const assoc = await h.client.crm.associations.v4.batchApi.getPage('companies', schema.objectTypeId ?? '', { inputs: [{ id: company }] });
    expect(assoc.results[0].to[0].toObjectId).toBe(lic.id);
    const missing = await sdkError(h.client.crm.schemas.coreApi.getById('p8765432_nothing'));
    expect(missing.code).toBe(404);
  });
});
