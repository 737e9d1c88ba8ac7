import { Client } from '@hubspot/api-client';
import { ManualClock, type HubspotSandbox } from '../../../src/sandbox/hubspot';
import { sdkError, useHarness } from './support/sandbox-harness';

const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

describe('HubSpot sandbox: objects CRUD, list paging and batch endpoints through @hubspot/api-client', () => {
  const clock = new ManualClock(Date.parse('2026-01-05T10:00:00.000Z'));

  const h = useHarness(sdk, { clock, rateLimits: { enabled: false }, searchLagMs: 0 });
  afterAll(() => {
    expect(h.validatedCount()).toBeGreaterThan(20);
  });

  it('creates, reads, updates and archives a company; every write bumps hs_lastmodifieddate', async () => {
    const created = await h.client.crm.companies.basicApi.create({ properties: { name: 'Acme', domain: 'acme.example', hs_is_target_account: 'true' }, associations: [] });
    expect(created.properties.name).toBe('Acme');
    expect(created.properties.hs_object_id).toBe(created.id);
    const createdAt = created.updatedAt.getTime();

    clock.advance(5000);
    const updated = await h.client.crm.companies.basicApi.update(created.id, { properties: { industry: 'COMPUTER_SOFTWARE' } });
    expect(updated.updatedAt.getTime()).toBe(createdAt + 5000);

    clock.advance(1000);
    const same = await h.client.crm.companies.basicApi.update(created.id, { properties: { industry: 'COMPUTER_SOFTWARE' } });
    expect(same.properties.hs_lastmodifieddate).toBe(new Date(createdAt + 6000).toISOString());

    const read = await h.client.crm.companies.basicApi.getById(created.id, ['name', 'industry', 'numberofemployees', 'no_such_property']);
    expect(read.properties).toEqual({ name: 'Acme', industry: 'COMPUTER_SOFTWARE', numberofemployees: null });

    await h.client.crm.companies.basicApi.archive(created.id);
    const gone = await sdkError(h.client.crm.companies.basicApi.getById(created.id));
    expect(gone.code).toBe(404);
    expect(gone.body.category).toBe('OBJECT_NOT_FOUND');
    const archived = await h.client.crm.companies.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    // Archiving leaves the modification date alone (airbytehq/airbyte#35017).
    expect(archived.updatedAt.getTime()).toBe(createdAt + 6000);
  });

  it('rejects an unknown property with PROPERTY_DOESNT_EXIST and an invalid option with INVALID_OPTION', async () => {
    const unknown = await sdkError(h.client.crm.contacts.basicApi.create({ properties: { email: 'x@example.com', favourite_colour: 'red' }, associations: [] }));
    expect(unknown.code).toBe(400);
    expect(unknown.body.category).toBe('VALIDATION_ERROR');
    expect(String(unknown.body.message)).toContain('"error":"PROPERTY_DOESNT_EXIST"');
    expect(String(unknown.body.message)).toContain('favourite_colour');

    const badRole = await sdkError(h.client.crm.contacts.basicApi.create({ properties: { hs_buying_role: 'CHAMPION;PRINCE' }, associations: [] }));
    expect(badRole.code).toBe(400);
    expect(String(badRole.body.message)).toContain('INVALID_OPTION');
    const readOnly = await sdkError(h.client.crm.contacts.basicApi.create({ properties: { lastmodifieddate: '2020-01-01T00:00:00Z' }, associations: [] }));
    expect(String(readOnly.body.message)).toContain('READ_ONLY_VALUE');
    const ok = await h.client.crm.contacts.basicApi.create({ properties: { hs_buying_role: 'CHAMPION;DECISION_MAKER' }, associations: [] });
    expect(ok.properties.hs_buying_role).toBe('CHAMPION;DECISION_MAKER');
  });

  it('stores datetime values written as epoch milliseconds in ISO-8601, as HubSpot reads them back', async () => {
    const deal = await h.client.crm.deals.basicApi.create({ properties: { dealname: 'Epoch', closedate: '1767225600000', amount: '1200' }, associations: [] });
    expect(deal.properties.closedate).toBe('2026-01-01T00:00:00.000Z');
    const read = await h.client.crm.deals.basicApi.getById(deal.id, ['closedate', 'amount']);
    expect(read.properties).toEqual({ closedate: '2026-01-01T00:00:00.000Z', amount: '1200' });
    await h.client.crm.deals.basicApi.archive(deal.id); // keeps the deal list of the paging test to its own records
  });

  it('reads a contact by email through idProperty and refuses a duplicate email with 409', async () => {
    const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'Jane@Example.com', firstname: 'Jane' }, associations: [] });
    const byEmail = await h.client.crm.contacts.basicApi.getById('jane@example.com', ['firstname'], undefined, undefined, false, 'email');
    expect(byEmail.id).toBe(c.id);
    const dupe = await sdkError(h.client.crm.contacts.basicApi.create({ properties: { email: 'jane@example.com' }, associations: [] }));
    expect(dupe.code).toBe(409);
    expect(dupe.body.message).toBe(`Contact already exists. Existing ID: ${c.id}`);
  });

  it('pages exactly 100 records with limit 100: one full page and no next cursor', async () => {
    const ids = h.sandbox.store.insertMany('line_items', Array.from({ length: 100 }, (_, i) => ({ properties: { name: `item ${i}` } })));
    const page = await h.client.crm.lineItems.basicApi.getPage(100);
    expect(page.results.map((r) => r.id)).toEqual(ids);
    expect(page.paging).toBeUndefined();
    const tooMany = await sdkError(h.client.crm.lineItems.basicApi.getPage(101));
    expect(tooMany.code).toBe(400);
  });

  it('keeps paging stable across identical modification times and records changing mid-read', async () => {
    const at = new Date('2025-06-01T00:00:00.000Z');
    const ids = h.sandbox.store.insertMany('deals', Array.from({ length: 250 }, (_, i) => ({ properties: { dealname: `d${i}` }, createdAt: at, updatedAt: at })));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await h.client.crm.deals.basicApi.getPage(100, after, ['dealname', 'hs_lastmodifieddate']);
      seen.push(...page.results.map((r) => r.id));
      if (pages === 0) {
        // A record already read changes and one not yet read changes: neither is skipped nor repeated.
        clock.advance(10);
        await h.client.crm.deals.basicApi.update(ids[5], { properties: { dealname: 'changed early' } });
        await h.client.crm.deals.basicApi.update(ids[200], { properties: { dealname: 'changed late' } });
      }
      after = page.paging?.next?.after;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('batch read returns 207 with OBJECT_NOT_FOUND for missing ids and honours propertiesWithHistory', async () => {
    const [a, b] = h.sandbox.store.insertMany('companies', [{ properties: { name: 'A' } }, { properties: { name: 'B' } }]);
    clock.advance(1000);
    await h.client.crm.companies.basicApi.update(a, { properties: { name: 'A2' } });
    const res = await h.client.crm.companies.batchApi.read({ inputs: [{ id: a }, { id: b }, { id: '999999999' }], properties: ['name'], propertiesWithHistory: ['name'] });
    expect(res.results.map((r) => r.properties.name).sort()).toEqual(['A2', 'B']);
    const withErrors = res as unknown as { numErrors: number; errors: Array<{ category: string; context: Record<string, string[]> }> };
    expect(withErrors.numErrors).toBe(1);
    expect(withErrors.errors[0].category).toBe('OBJECT_NOT_FOUND');
    expect(withErrors.errors[0].context.ids).toEqual(['999999999']);
    const history = res.results.find((r) => r.id === a)?.propertiesWithHistory?.name ?? [];
    expect(history.map((e) => e.value)).toEqual(['A2', 'A']);
    expect(history[0].sourceType).toBe('INTEGRATION');
  });

  it('batch create/update/upsert/archive work, reject >100 inputs and duplicate ids', async () => {
    const created = await h.client.crm.contacts.batchApi.create({ inputs: [1, 2, 3].map((n) => ({ properties: { email: `b${n}@example.com` }, associations: [] })) });
    expect(created.results).toHaveLength(3);
    const ids = created.results.map((r) => r.id);
    const updated = await h.client.crm.contacts.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { jobtitle: 'CTO' } })) });
    expect(updated.results.every((r) => r.properties.jobtitle === 'CTO')).toBe(true);

    const dupe = await sdkError(h.client.crm.contacts.batchApi.update({ inputs: [ids[0], ids[0]].map((id) => ({ id, properties: { jobtitle: 'CEO' } })) }));
    expect(dupe.code).toBe(400);
    expect(String(dupe.body.message)).toBe(`Duplicate IDs found in batch input: [${ids[0]}]. IDs must be unique`);

    const upserted = await h.client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: 'b1@example.com', idProperty: 'email', properties: { firstname: 'Existing' } },
        { id: 'new@example.com', idProperty: 'email', properties: { firstname: 'New' } },
      ],
    });
    const byEmail = Object.fromEntries(upserted.results.map((r) => [r.properties.firstname, r]));
    expect(byEmail.Existing.id).toBe(ids[0]);
    expect(byEmail.Existing._new).toBe(false);
    expect(byEmail.New._new).toBe(true);

    const tooMany = await sdkError(h.client.crm.contacts.batchApi.read({ inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) })), properties: [], propertiesWithHistory: [] }));
    expect(tooMany.code).toBe(400);

    await h.client.crm.contacts.batchApi.archive({ inputs: ids.map((id) => ({ id })) });
    const after = await h.client.crm.contacts.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: [], propertiesWithHistory: [] });
    expect(after.results).toHaveLength(0);
  });

  it('lists archived records only with archived=true', async () => {
    const [keep, drop] = h.sandbox.store.insertMany('notes', [{ properties: { hs_note_body: 'keep' } }, { properties: { hs_note_body: 'drop' } }]);
    await h.client.crm.objects.basicApi.archive('notes', drop);
    const live = await h.client.crm.objects.basicApi.getPage('notes', 100);
    const archived = await h.client.crm.objects.basicApi.getPage('notes', 100, undefined, undefined, undefined, undefined, true);
    expect(live.results.map((r) => r.id)).toContain(keep);
    expect(live.results.map((r) => r.id)).not.toContain(drop);
    expect(archived.results.map((r) => r.id)).toEqual([drop]);
  });
});
