import { Client } from '@hubspot/api-client';
import type { HubspotSandbox } from '../../../src/sandbox/hubspot';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec';
import { sdkError, useHarness } from './support/sandbox-harness';

const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

describe('HubSpot sandbox: associations v4', () => {

  const h = useHarness(sdk, { rateLimits: { enabled: false }, searchLagMs: 0, associationPageSize: 3 });

  it('batch-reads contact->company with the default types 279 and Primary 1, and company->contact 280/2', async () => {
    const [company] = h.sandbox.store.insertMany('companies', [{ properties: { name: 'Acme' } }]);
    const [contact] = h.sandbox.store.insertMany('contacts', [{ properties: { email: 'a@acme.example' } }]);
    h.sandbox.store.associateMany('contacts', 'companies', [[contact, company]]);
    h.sandbox.store.associateMany('contacts', 'companies', [[contact, company]], 'Primary');
    const forward = await h.client.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: contact }] });
    expect(forward.results[0].to).toEqual([
      expect.objectContaining({ toObjectId: company, associationTypes: [expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }), { category: 'HUBSPOT_DEFINED', typeId: 279 }] }),
    ]);
    const back = await h.client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: company }] });
    expect(back.results[0].to[0].associationTypes.map((t) => t.typeId)).toEqual([2, 280]);
  });

  it('pages the targets of each id with its own after cursor and reports ids without associations as errors', async () => {
    const [company, lonely] = h.sandbox.store.insertMany('companies', [{ properties: { name: 'Big' } }, { properties: { name: 'Lonely' } }]);
    const contacts = h.sandbox.store.insertMany('contacts', Array.from({ length: 7 }, (_, i) => ({ properties: { email: `c${i}@big.example` } })));
    h.sandbox.store.associateMany('companies', 'contacts', contacts.map((c) => [company, c] as [string, string]));
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await h.client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: company, after }, { id: lonely }] });
      seen.push(...page.results[0].to.map((t) => t.toObjectId));
      const errors = (page as unknown as { errors: Array<{ category: string; context: Record<string, string[]> }> }).errors;
      expect(errors[0].category).toBe('OBJECT_NOT_FOUND');
      expect(errors[0].context.fromObjectId).toEqual([lonely]);
      after = page.results[0].paging?.next?.after;
    } while (after);
    expect(seen).toEqual(contacts);
    const tooMany = await sdkError(h.client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: Array.from({ length: 1001 }, (_, i) => ({ id: String(i + 1) })) }));
    expect(tooMany.code).toBe(400);
  });

  it('creates labels, associates with them in batch, and lists labels between two types', async () => {
    const created = await h.client.crm.associations.v4.schema.definitionsApi.create('contacts', 'companies', { label: 'Former employee', name: 'former_employee', inverseLabel: 'Former employer' });
    const forwardType = created.results.find((r) => r.label === 'Former employee');
    expect(forwardType?.category).toBe('USER_DEFINED');
    const [company] = h.sandbox.store.insertMany('companies', [{ properties: { name: 'Old Co' } }]);
    const [contact] = h.sandbox.store.insertMany('contacts', [{ properties: { email: 'ex@old.example' } }]);
    const res = await h.client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact }, to: { id: company }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.UserDefined, associationTypeId: forwardType?.typeId ?? 0 }] }],
    });
    expect(res.results[0].labels).toEqual(['Former employee']);
    const labels = await h.client.crm.associations.v4.schema.definitionsApi.getAll('contacts', 'companies');
    expect(labels.results.map((l) => l.typeId)).toEqual(expect.arrayContaining([1, 279, forwardType?.typeId]));
    const back = await h.client.crm.associations.v4.basicApi.getPage('companies', company, 'contacts');
    expect(back.results[0].associationTypes[0].label).toBe('Former employer');
  });

  it('creates a task associated to a contact and shows it on the contact read with associations=tasks', async () => {
    const [contact] = h.sandbox.store.insertMany('contacts', [{ properties: { email: 'task@owner.example' } }]);
    const task = await h.client.crm.objects.basicApi.create('tasks', {
      properties: { hs_task_subject: 'Call the champion', hs_timestamp: '2026-03-01T09:00:00.000Z', hs_task_status: 'NOT_STARTED' },
      associations: [{ to: { id: contact }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 204 }] }],
    } as never);
    const read = await h.client.crm.contacts.basicApi.getById(contact, ['email'], undefined, ['tasks']);
    expect(read.associations?.tasks.results.map((r) => r.id)).toEqual([task.id]);
    await h.client.crm.associations.v4.basicApi.createDefault('notes', (await h.client.crm.objects.basicApi.create('notes', { properties: { hs_note_body: 'hi', hs_timestamp: '2026-03-01T09:00:00.000Z' }, associations: [] })).id, 'contacts', contact);
    const notes = await h.client.crm.associations.v4.basicApi.getPage('contacts', contact, 'notes');
    expect(notes.results).toHaveLength(1);
    const badType = await sdkError(h.client.crm.objects.basicApi.create('tasks', { properties: {}, associations: [{ to: { id: contact }, types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 279 }] }] } as never));
    expect(badType.code).toBe(400);
  });
});
