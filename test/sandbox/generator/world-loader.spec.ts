import { HubspotStore, ManualClock as HsClock } from '../../../src/sandbox/hubspot';
import { SObjectStore } from '../../../src/sandbox/salesforce/store/sobject-store';
import { loadWorld } from '../../../src/sandbox/generator/world-loader.service';
import { streamWorld } from '../../../src/sandbox/generator/world.generator';
import type { AccountBundle, WorldOptions } from '../../../src/sandbox/generator/world.types';

const asOf = new Date('2026-11-01T00:00:00Z');
const world: WorldOptions = { seed: 5, sizes: { accounts: 300, contacts: 2400, licenses: 600 }, overlap: 0.4, asOf, titlesDir: null };

function bundles(): AccountBundle[] {
  const out: AccountBundle[] = [];
  for (const chunk of streamWorld(world).chunks) out.push(...chunk);
  return out;
}

function sfColumn(store: SObjectStore, type: string, field: string): unknown[] {
  const table = store.requireTable(type);
  return table.rows.filter((row) => row && !table.isDeleted(row)).map((row) => table.storedByName(row!, field));
}

const sfCount = (store: SObjectStore, type: string): number => sfColumn(store, type, 'Id').length;

function hsColumn(store: HubspotStore, type: string, prop: string): Array<string | undefined> {
  const ts = store.typeStore(type);
  return ts.ids().map((id) => ts.getValue(ts.byId.get(id)!, prop));
}

describe('loadWorld into the sandbox stores', () => {
  const expected = bundles();
  const inSf = expected.filter((b) => b.company.presence !== 'hubspot');
  const inHs = expected.filter((b) => b.company.presence !== 'salesforce');
  let sf: SObjectStore;
  let hs: HubspotStore;
  let result: Awaited<ReturnType<typeof loadWorld>>;

  beforeAll(async () => {
    sf = new SObjectStore({ clock: () => asOf });
    hs = new HubspotStore({ portalId: 1234, clock: new HsClock(asOf.getTime()), searchLagMs: 0 });
    result = await loadWorld({ ...world, salesforce: sf, hubspot: hs });
  });

  it('loads each company into the CRMs its presence says, with all its records', () => {
    expect(result.generated.accounts).toBe(300);
    expect(sfCount(sf, 'Account')).toBe(inSf.length);
    expect(sfCount(sf, 'Contact')).toBe(inSf.reduce((s, b) => s + b.contacts.filter((c) => c.presence !== 'hubspot').length, 0));
    expect(sfCount(sf, 'Contract')).toBe(inSf.reduce((s, b) => s + b.licenses.length, 0));
    expect(sfCount(sf, 'Opportunity')).toBe(inSf.reduce((s, b) => s + b.opportunities.length, 0));
    expect(sfCount(sf, 'Task')).toBe(inSf.reduce((s, b) => s + b.activities.length, 0));
    expect(sfCount(sf, 'Case')).toBe(inSf.reduce((s, b) => s + b.cases.length, 0));
    expect(hs.typeStore('companies').ids().length).toBe(inHs.length);
    expect(hs.typeStore('contacts').ids().length).toBe(inHs.reduce((s, b) => s + b.contacts.filter((c) => c.presence !== 'salesforce').length, 0));
    expect(hs.typeStore('licenses').ids().length).toBe(inHs.reduce((s, b) => s + b.licenses.length, 0));
    expect(hs.typeStore('deals').ids().length).toBe(inHs.reduce((s, b) => s + b.opportunities.length, 0));
    expect(result.salesforce.Account).toBe(inSf.length);
    expect(result.hubspot.companies).toBe(inHs.length);
  });

  it('duplicates overlapping companies across both CRMs under the same domain', () => {
    const sfDomains = new Set(sfColumn(sf, 'Account', 'Website').map((w) => String(w).replace('https://www.', '')));
    const hsDomains = hsColumn(hs, 'companies', 'domain');
    const shared = hsDomains.filter((d) => d && sfDomains.has(d));
    expect(shared.length).toBe(expected.filter((b) => b.company.presence === 'both').length);
    expect(shared.length).toBeGreaterThan(0);
    // Same company, typed differently in HubSpot for some duplicates (romanised / without legal form).
    const sfNames = new Set(sfColumn(sf, 'Account', 'Name'));
    const renamed = expected.filter((b) => b.company.presence === 'both' && b.company.hubspotName !== b.company.name);
    expect(renamed.length).toBeGreaterThan(0);
    const hsNames = new Set(hsColumn(hs, 'companies', 'name'));
    for (const b of renamed) {
      expect(hsNames.has(b.company.hubspotName)).toBe(true);
      expect(sfNames.has(b.company.name)).toBe(true);
    }
  });

  it('writes real Salesforce Account Ids into HubSpot for some duplicates', () => {
    const sfIds = new Set(sfColumn(sf, 'Account', 'Id'));
    const refs = hsColumn(hs, 'companies', 'salesforce_account_id').filter((v): v is string => Boolean(v));
    expect(refs.length).toBe(expected.filter((b) => b.company.hubspotCarriesSalesforceId).length);
    expect(refs.length).toBeGreaterThan(0);
    for (const id of refs) expect(sfIds.has(id)).toBe(true);
  });

  it('keeps Hangul names and titles intact and fills roles for a minority of contacts', () => {
    expect(sfColumn(sf, 'Account', 'Name').some((n) => /[\uac00-\ud7a3]/.test(String(n)))).toBe(true);
    expect(hsColumn(hs, 'contacts', 'jobtitle').some((t) => /[\uac00-\ud7a3]/.test(String(t)))).toBe(true);
    const roles = hsColumn(hs, 'contacts', 'hs_buying_role').filter(Boolean);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.length).toBeLessThan(hs.typeStore('contacts').ids().length * 0.3);
    expect(sfColumn(sf, 'AccountContactRelation', 'Roles').filter(Boolean).length).toBe(
      inSf.reduce((s, b) => s + b.contacts.filter((c) => c.roleRecordedInCrm && c.presence !== 'hubspot').length, 0),
    );
  });

  it('associates contacts, deals, engagements and licenses with their company', () => {
    const companies = hs.typeStore('companies').def.objectTypeId;
    const contacts = hs.typeStore('contacts').def.objectTypeId;
    const licenses = hs.typeStore('licenses').def.objectTypeId;
    expect(hs.associations.typesBetween(contacts, companies).length).toBeGreaterThan(0);
    expect(hs.associations.typesBetween(licenses, companies).length).toBe(1);
    expect(result.hubspot['contacts->companies']).toBe(2 * hs.typeStore('contacts').ids().length);
    expect(result.hubspot['licenses->companies']).toBe(hs.typeStore('licenses').ids().length);
    expect(result.hubspot['deals->contacts']).toBeGreaterThan(0);
  });

  it('can load a world again into the same stores (schema setup is idempotent)', async () => {
    const again = await loadWorld({ ...world, salesforce: sf, hubspot: hs });
    expect(again.salesforce.Account).toBe(inSf.length);
    expect(sfCount(sf, 'Account')).toBe(2 * inSf.length);
  });
});
