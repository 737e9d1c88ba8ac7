import { Client } from '@hubspot/api-client';
import { ManualClock, type HubspotSandbox } from '../../../src/sandbox/hubspot';
import { sdkError, useHarness, type Harness } from './support/sandbox-harness';

type SdkHarness = Harness<Client>;
const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

type SearchBody = Parameters<SdkHarness['client']['crm']['contacts']['searchApi']['doSearch']>[0];

function body(partial: Partial<SearchBody>): SearchBody {
  return { filterGroups: [], sorts: [], properties: [], limit: 10, after: '0', ...partial } as SearchBody;
}

describe('HubSpot sandbox: CRM search', () => {
  let bulkIds: string[] = [];
  const clock = new ManualClock(Date.parse('2026-02-01T00:00:00.000Z'));

  const h = useHarness(sdk, { clock, rateLimits: { enabled: false }, searchLagMs: 2000 });

  it('serves 200-record pages, reports the full total and refuses to page past 10,000 results', async () => {
    bulkIds = h.sandbox.store.insertMany('contacts', Array.from({ length: 10_050 }, (_, i) => ({ properties: { email: `p${i}@bulk.example`, lifecyclestage: 'lead' } })));
    const filterGroups = [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }] }] as SearchBody['filterGroups'];
    let after = '0';
    let seen = 0;
    for (;;) {
      const page = await h.client.crm.contacts.searchApi.doSearch(body({ filterGroups, limit: 200, after, properties: ['email'] }));
      expect(page.total).toBe(10_050);
      expect(page.results.length).toBe(200);
      seen += page.results.length;
      if (!page.paging?.next?.after) break;
      after = page.paging.next.after;
      if (after === '10000') break;
    }
    expect(seen).toBe(10_000);
    const beyond = await sdkError(h.client.crm.contacts.searchApi.doSearch(body({ filterGroups, limit: 200, after: '10000' })));
    expect(beyond.code).toBe(400);
    expect(beyond.body.category).toBe('VALIDATION_ERROR');
    const tooBig = await sdkError(h.client.crm.contacts.searchApi.doSearch(body({ filterGroups, limit: 201 })));
    expect(tooBig.code).toBe(400);
  });

  it('lets a reader get past the cap by restarting at hs_object_id > last id (Airbyte\'s strategy)', async () => {
    const filters = [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'lead' }];
    const restart = await h.client.crm.contacts.searchApi.doSearch(
      body({ filterGroups: [{ filters: [...filters, { propertyName: 'hs_object_id', operator: 'GT', value: bulkIds[9_999] }] }] as SearchBody['filterGroups'], sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }] as never, limit: 200 }),
    );
    expect(restart.total).toBe(50);
    expect(restart.results.map((r) => r.id)).toEqual(bulkIds.slice(10_000));
  });

  it('supports the documented operators, sorts and hides archived records', async () => {
    const ids = h.sandbox.store.insertMany('companies', [
      { properties: { name: 'Alpha Corp', domain: 'alpha.io', numberofemployees: '50', industry: 'SOFTWARE' } },
      { properties: { name: 'Beta Ltd', domain: 'beta.io', numberofemployees: '500' } },
      { properties: { name: 'Gamma Inc', numberofemployees: '5000', industry: 'RETAIL' } },
    ]);
    const search = async (filters: unknown[], sorts: unknown[] = []) =>
      (await h.client.crm.companies.searchApi.doSearch(body({ filterGroups: [{ filters }] as SearchBody['filterGroups'], sorts: sorts as string[], properties: ['name'], limit: 100 }))).results
        .map((r) => r.properties.name);
    expect(await search([{ propertyName: 'numberofemployees', operator: 'GTE', value: '500' }])).toEqual(['Beta Ltd', 'Gamma Inc']);
    expect(await search([{ propertyName: 'numberofemployees', operator: 'BETWEEN', value: '10', highValue: '600' }])).toEqual(['Alpha Corp', 'Beta Ltd']);
    expect(await search([{ propertyName: 'industry', operator: 'IN', values: ['retail', 'software'] }])).toEqual(['Alpha Corp', 'Gamma Inc']);
    expect(await search([{ propertyName: 'industry', operator: 'NOT_HAS_PROPERTY' }, { propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'beta' }])).toEqual(['Beta Ltd']);
    expect(await search([{ propertyName: 'domain', operator: 'HAS_PROPERTY' }], [{ propertyName: 'numberofemployees', direction: 'DESCENDING' }])).toEqual(['Beta Ltd', 'Alpha Corp']);
    expect(await search([{ propertyName: 'hs_object_id', operator: 'NEQ', value: ids[0] }, { propertyName: 'numberofemployees', operator: 'LT', value: '1000' }])).toEqual(['Beta Ltd']);
    await h.client.crm.companies.basicApi.archive(ids[1]);
    clock.advance(2001);
    expect(await search([{ propertyName: 'numberofemployees', operator: 'GTE', value: '500' }])).toEqual(['Gamma Inc']);
  });

  it('enforces 5 filter groups, 10 filters per group and 25 filters in total', async () => {
    const f = { propertyName: 'name', operator: 'HAS_PROPERTY' };
    const groups = (n: number, per: number) => Array.from({ length: n }, () => ({ filters: Array.from({ length: per }, () => f) })) as NonNullable<SearchBody["filterGroups"]>;
    await expect(h.client.crm.companies.searchApi.doSearch(body({ filterGroups: groups(5, 5) }))).resolves.toBeDefined();
    expect((await sdkError(h.client.crm.companies.searchApi.doSearch(body({ filterGroups: groups(6, 1) })))).code).toBe(400);
    expect((await sdkError(h.client.crm.companies.searchApi.doSearch(body({ filterGroups: groups(1, 11) })))).code).toBe(400);
    expect((await sdkError(h.client.crm.companies.searchApi.doSearch(body({ filterGroups: [...groups(2, 10), ...groups(1, 6)] })))).code).toBe(400);
  });

  it('sees creates and updates only after the indexing lag', async () => {
    const created = await h.client.crm.companies.basicApi.create({ properties: { name: 'Lagging Co', industry: 'MEDIA' }, associations: [] });
    const byIndustry = async (industry: string) =>
      (await h.client.crm.companies.searchApi.doSearch(body({ filterGroups: [{ filters: [{ propertyName: 'industry', operator: 'EQ', value: industry }] }] as SearchBody['filterGroups'] }))).results.map((r) => r.id);
    expect(await byIndustry('MEDIA')).toEqual([]);
    clock.advance(2000);
    expect(await byIndustry('MEDIA')).toEqual([created.id]);
    await h.client.crm.companies.basicApi.update(created.id, { properties: { industry: 'FILM' } });
    clock.advance(1000);
    expect(await byIndustry('FILM')).toEqual([]);
    expect(await byIndustry('MEDIA')).toEqual([created.id]);
    clock.advance(1000);
    expect(await byIndustry('FILM')).toEqual([created.id]);
    expect(await byIndustry('MEDIA')).toEqual([]);
  });

  it('filters on the modification date with epoch milliseconds, as incremental syncs do', async () => {
    const since = clock.now();
    clock.advance(10);
    const fresh = await h.client.crm.companies.basicApi.create({ properties: { name: 'Fresh' }, associations: [] });
    clock.advance(5000);
    const page = await h.client.crm.companies.searchApi.doSearch(
      body({ filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(since) }] }] as SearchBody['filterGroups'], sorts: ['hs_lastmodifieddate'] }),
    );
    expect(page.results.map((r) => r.id)).toEqual([fresh.id]);
  });

  it('orders identical modification times by id, so a 200-record page boundary neither repeats nor skips', async () => {
    const at = new Date('2020-05-05T05:05:05.000Z');
    const ids = h.sandbox.store.insertMany('deals', Array.from({ length: 300 }, (_, i) => ({ properties: { dealname: `same-${i}` }, createdAt: at, updatedAt: at })));
    const filterGroups = [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'EQ', value: String(at.getTime()) }] }] as SearchBody['filterGroups'];
    const first = await h.client.crm.deals.searchApi.doSearch(body({ filterGroups, sorts: ['hs_lastmodifieddate'], limit: 200 }));
    const second = await h.client.crm.deals.searchApi.doSearch(body({ filterGroups, sorts: ['hs_lastmodifieddate'], limit: 200, after: first.paging?.next?.after }));
    expect([...first.results, ...second.results].map((r) => r.id)).toEqual(ids);
    expect(second.paging).toBeUndefined();
  });

  it('reproduces the offset-paging hazard: a record modified mid-read moves behind the cursor once indexed', async () => {
    const at = new Date('2021-01-01T00:00:00.000Z');
    const ids = h.sandbox.store.insertMany('line_items', Array.from({ length: 20 }, (_, i) => ({ properties: { name: `hz-${i}` }, createdAt: at, updatedAt: at })));
    const filterGroups = [{ filters: [{ propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'hz-*' }] }] as SearchBody['filterGroups'];
    const page = (after: string) => h.client.crm.lineItems.searchApi.doSearch(body({ filterGroups, sorts: ['hs_lastmodifieddate'], limit: 10, after }));
    const first = await page('0');
    await h.client.crm.lineItems.basicApi.update(ids[0], { properties: { price: '10' } });
    clock.advance(2000);
    const second = await page(first.paging?.next?.after ?? '');
    const seen = [...first.results, ...second.results].map((r) => r.id);
    expect(seen.filter((id) => id === ids[0])).toHaveLength(2);
    expect(seen).not.toContain(ids[10]);
  });
});
