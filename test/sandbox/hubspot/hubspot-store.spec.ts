import { HubspotStore, ManualClock, type StoreChange } from '../../../src/sandbox/hubspot';
import { runSearch, parseSearch } from '../../../src/sandbox/hubspot/search-engine.service';

describe('HubspotStore (in-process loader used by the data generator)', () => {
  const clock = new ManualClock(Date.parse('2026-04-01T00:00:00.000Z'));
  const newStore = () => new HubspotStore({ portalId: 99, clock, searchLagMs: 1000 });

  it('insertMany returns ids in order, keeps given ids/timestamps and rejects unknown properties unless autoDefine', () => {
    const store = newStore();
    const at = new Date('2024-01-01T00:00:00.000Z');
    const ids = store.insertMany('companies', [{ id: '5000', properties: { name: 'A' }, createdAt: at, updatedAt: at }, { properties: { name: 'B' } }]);
    expect(ids).toEqual(['5000', '5001']);
    expect(store.get('companies', 5000)?.updatedAt).toBe(at.getTime());
    expect(() => store.insertMany('companies', [{ properties: { abm_tier: 'gold' } }])).toThrow('Property "abm_tier" does not exist on companies');
    expect(store.insertMany('companies', [{ properties: { abm_tier: 'gold' } }], { autoDefine: true })).toEqual(['5002']);
    expect(store.typeStore('companies').properties.get('abm_tier')?.type).toBe('string');
    expect(() => store.insertMany('companies', [{ id: '5000', properties: {} }])).toThrow('duplicate id 5000');
  });

  it('associateMany adds both directions once and counts only new links', () => {
    const store = newStore();
    const [company] = store.insertMany('companies', [{ properties: { name: 'A' } }]);
    const contacts = store.insertMany('contacts', [{ properties: { email: 'a@x.example' } }, { properties: { email: 'b@x.example' } }]);
    expect(store.associateMany('contacts', 'companies', contacts.map((c) => [c, company] as [string, string]))).toBe(2);
    expect(store.associateMany('contacts', 'companies', [[contacts[0], company]])).toBe(0);
    const back = store.associations.targets('0-2', '0-1', Number(company));
    expect(back.map((t) => [t.toId, t.typeIds])).toEqual(contacts.map((c) => [Number(c), [280]]));
    expect(() => store.associateMany('contacts', 'companies', [[contacts[0], company]], 'No such label')).toThrow('no association type');
  });

  it('update bumps the modification time even without a value change and emits only real property changes', () => {
    const store = newStore();
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(c));
    const [id] = store.insertMany('contacts', [{ properties: { email: 'c@x.example', jobtitle: 'CTO' } }]);
    clock.advance(1000);
    const record = store.update('contacts', Number(id), { jobtitle: 'CTO', firstname: 'Ann' });
    expect(record?.updatedAt).toBe(clock.now());
    expect(changes.map((c) => [c.kind, c.propertyName])).toEqual([['propertyChange', 'firstname']]);
    expect(changes[0].source.changeSource).toBe('CRM_UI');
  });

  it('search sees a write only after the lag, and sees the pre-write values until then', () => {
    const store = newStore();
    const created = store.create('companies', { name: 'Lag', industry: 'RETAIL' });
    const search = (industry: string) =>
      runSearch(store.typeStore('companies'), parseSearch(store.typeStore('companies'), { filterGroups: [{ filters: [{ propertyName: 'industry', operator: 'EQ', value: industry }] }] }), clock.now()).map((r) => r.id);
    expect(search('RETAIL')).toEqual([]);
    clock.advance(1000);
    expect(search('RETAIL')).toEqual([created.id]);
    store.update('companies', created.id, { industry: 'MEDIA' });
    expect(search('RETAIL')).toEqual([created.id]);
    expect(search('MEDIA')).toEqual([]);
    clock.advance(1000);
    expect(search('MEDIA')).toEqual([created.id]);
  });

  it('creates custom object types with p{portal}_ names and 2- ids', () => {
    const store = newStore();
    const lic = store.createCustomType('license', 'license', [{ name: 'license_key', unique: true }]);
    expect(lic.def.fullyQualifiedName).toBe('p99_license');
    expect(lic.def.objectTypeId).toMatch(/^2-\d+$/);
    expect(store.findType('p99_license')).toBe(lic);
    const [id] = store.insertMany('p99_license', [{ properties: { license_key: 'K-1' } }]);
    expect(lic.findByUnique('license_key', 'k-1')?.id).toBe(Number(id));
  });
});
