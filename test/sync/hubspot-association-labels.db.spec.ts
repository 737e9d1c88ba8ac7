import { Client } from '@hubspot/api-client';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { cleanSyncTables, createSyncHarness, type SyncHarness } from './support/sync-harness';

type RoleRow = { deal: string; contact: string; label: string | null; role: string | null };
const byKey = (a: RoleRow, b: RoleRow) => `${a.deal}:${a.contact}:${a.label}`.localeCompare(`${b.deal}:${b.contact}:${b.label}`);

describe('HubSpot deal–contact association labels → opportunity contact roles', () => {
  let db: TestDatabase;
  let hs: HubspotSandbox;
  let h: SyncHarness;
  let client: Client;
  let connectionId: string;

  /** What HubSpot says, read through the SDK's v4 batch read: one row per deal, contact and label. */
  async function crmRoles(dealIds: string[]): Promise<Array<Omit<RoleRow, 'role'>>> {
    const res = await client.crm.associations.v4.batchApi.getPage('deals', 'contacts', { inputs: dealIds.map((id) => ({ id })) });
    return res.results.flatMap((r) => r.to.flatMap((t) => {
      const labels = t.associationTypes.map((a) => a.label).filter((l): l is string => !!l);
      return (labels.length ? labels : [null]).map((label) => ({ deal: String(r._from.id), contact: String(t.toObjectId), label }));
    })).sort(byKey as never);
  }

  /** What we store: live opportunity_contact_roles of the connection, by CRM ids. */
  async function ourRoles(dealIds?: string[]): Promise<RoleRow[]> {
    const rows: RoleRow[] = await db.dataSource.query(
      `SELECT r.crm_opportunity_id AS deal, r.crm_contact_id AS contact, r.crm_role AS label, r.role FROM opportunity_contact_roles r
       WHERE r.connection_id = $1 AND r.deleted_at IS NULL AND ($2::text[] IS NULL OR r.crm_opportunity_id = ANY($2::text[]))`,
      [connectionId, dealIds ?? null],
    );
    return rows.sort(byKey);
  }

  async function allDealIds(): Promise<string[]> {
    const out: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.crm.deals.basicApi.getPage(100, after);
      out.push(...page.results.map((d) => d.id));
      after = page.paging?.next?.after;
    } while (after);
    return out;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    await loadWorld({ seed: 21, sizes: { accounts: 30, contacts: 150, licenses: 10, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never });
    client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
  });

  beforeEach(async () => {
    await cleanSyncTables(db.dataSource);
    const conn = await h.connections.upsert({
      name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken },
      settings: { lookbackSeconds: 5, objects: [{ crmObject: 'deals', labelRoles: { 'Billing contact': 'economic_buyer' } }] },
    });
    connectionId = conn.id;
  });

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await db?.close();
  });

  it('a full sync stores every deal–contact association with its labels mapped onto buying roles', async () => {
    const res = await h.engine.runConnection(connectionId, 'full');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    const deals = await allDealIds();
    const expected = await crmRoles(deals);
    const ours = await ourRoles();
    expect(ours.map(({ role: _role, ...r }) => r)).toEqual(expected);
    expect(ours.filter((r) => r.label !== null).length).toBeGreaterThan(10);
    // Every stored row points at the synced deal and contact.
    const [{ unresolved }] = await db.dataSource.query(`SELECT count(*)::int AS unresolved FROM opportunity_contact_roles WHERE connection_id = $1 AND (opportunity_id IS NULL OR contact_id IS NULL)`, [connectionId]);
    expect(unresolved).toBe(0);
    const roleOf = new Map(ours.filter((r) => r.label).map((r) => [r.label, r.role]));
    expect(roleOf.get('Decision Maker')).toBe('decision_maker');
    expect(roleOf.get('Budget Holder')).toBe('economic_buyer');
  });

  it('labels added, changed and removed through the SDK arrive with an incremental sync', async () => {
    await h.engine.runConnection(connectionId, 'full');
    const created = await client.crm.associations.v4.schema.definitionsApi.create('deals', 'contacts', { label: 'Billing contact', name: 'billing_contact' });
    const billing = created.results.find((t) => t.label === 'Billing contact' && t.category === 'USER_DEFINED');
    const labels = await client.crm.associations.v4.schema.definitionsApi.getAll('deals', 'contacts');
    const decisionMaker = labels.results.find((t) => t.label === 'Decision Maker');
    expect(billing && decisionMaker).toBeTruthy();
    const deals = await allDealIds();
    const before = await crmRoles(deals);
    const labelled = before.find((r) => r.label !== null) as Omit<RoleRow, 'role'>;
    const deal = labelled.deal;
    const dealContacts = [...new Set(before.filter((r) => r.deal === deal).map((r) => r.contact))];
    const outsider = (await client.crm.contacts.basicApi.getPage(100)).results.map((c) => c.id).find((id) => !dealContacts.includes(id)) as string;
    const oldType = labels.results.find((t) => t.label === labelled.label) as { typeId: number };

    // Remove the label (the unlabelled association stays), put a custom label on the same contact, label a new contact.
    await client.crm.associations.v4.batchApi.archiveLabels('deals', 'contacts', { inputs: [{ _from: { id: deal }, to: { id: labelled.contact }, types: [{ associationCategory: 'USER_DEFINED' as never, associationTypeId: oldType.typeId }] }] });
    await client.crm.associations.v4.basicApi.create('deals', deal, 'contacts', labelled.contact, [{ associationCategory: 'USER_DEFINED' as never, associationTypeId: (billing as { typeId: number }).typeId }]);
    await client.crm.associations.v4.basicApi.create('deals', deal, 'contacts', outsider, [{ associationCategory: 'USER_DEFINED' as never, associationTypeId: (decisionMaker as { typeId: number }).typeId }]);
    let res = await h.engine.runConnection(connectionId, 'incremental');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(res.find((r) => r.objectType === 'deals')?.apiCalls['hs-assoc-batch']).toBeGreaterThan(0);
    let ours = await ourRoles([deal]);
    expect(ours.map(({ role: _role, ...r }) => r)).toEqual(await crmRoles([deal]));
    expect(ours).toContainEqual({ deal, contact: labelled.contact, label: 'Billing contact', role: 'economic_buyer' });
    expect(ours).toContainEqual({ deal, contact: outsider, label: 'Decision Maker', role: 'decision_maker' });
    expect(ours.find((r) => r.contact === labelled.contact && r.label === labelled.label)).toBeUndefined();

    // Removing the whole association removes every role row of that contact on the deal.
    await client.crm.associations.v4.basicApi.archive('deals', deal, 'contacts', outsider);
    res = await h.engine.runConnection(connectionId, 'incremental');
    expect(res.filter((r) => r.status !== 'succeeded')).toEqual([]);
    ours = await ourRoles([deal]);
    expect(ours.find((r) => r.contact === outsider)).toBeUndefined();
    expect(ours.map(({ role: _role, ...r }) => r)).toEqual(await crmRoles([deal]));
    const [{ retired }] = await db.dataSource.query(`SELECT count(*)::int AS retired FROM opportunity_contact_roles WHERE connection_id = $1 AND crm_opportunity_id = $2 AND crm_contact_id = $3 AND deleted_at IS NOT NULL`, [connectionId, deal, outsider]);
    expect(retired).toBe(1);
    // The rest of the portal's roles are untouched.
    expect((await ourRoles()).map(({ role: _role, ...r }) => r)).toEqual(await crmRoles(deals));
  });
  it('company–contact labels become account contact roles when the contacts mapping asks for them', async () => {
    await h.connections.updateSettings(connectionId, { objects: [{ crmObject: 'contacts', associations: ['companies'], labelledAssociations: ['companies'], labelRoles: { 'Signs the cheques': 'economic_buyer' } }] });
    const created = await client.crm.associations.v4.schema.definitionsApi.create('contacts', 'companies', { label: 'Signs the cheques', name: 'signs_the_cheques' });
    const type = created.results.find((t) => t.label === 'Signs the cheques') as { typeId: number };
    const contact = (await client.crm.contacts.basicApi.getPage(1, undefined, ['associatedcompanyid'])).results[0];
    const company = contact.properties.associatedcompanyid as string;
    await client.crm.associations.v4.basicApi.create('contacts', contact.id, 'companies', company, [{ associationCategory: 'USER_DEFINED' as never, associationTypeId: type.typeId }]);
    const roles = (): Promise<Array<{ role: string; crm_value: string; deleted: boolean }>> => db.dataSource.query(
      `SELECT r.role, r.crm_value, r.deleted_at IS NOT NULL AS deleted FROM account_contact_roles r WHERE r.connection_id = $1 AND r.source = 'hs_association_label' AND r.crm_id = $2`, [connectionId, contact.id]);
    await h.engine.runObject(connectionId, 'companies', 'full');
    expect((await h.engine.runObject(connectionId, 'contacts', 'full')).status).toBe('succeeded');
    expect(await roles()).toEqual([{ role: 'economic_buyer', crm_value: 'Signs the cheques', deleted: false }]);
    const [row] = await db.dataSource.query(`SELECT r.account_id = s.account_id AS same FROM account_contact_roles r JOIN account_sources s ON s.connection_id = r.connection_id AND s.crm_id = $2 WHERE r.connection_id = $1 AND r.crm_id = $3 AND r.source = 'hs_association_label'`, [connectionId, company, contact.id]);
    expect(row.same).toBe(true);

    await client.crm.associations.v4.batchApi.archiveLabels('contacts', 'companies', { inputs: [{ _from: { id: contact.id }, to: { id: company }, types: [{ associationCategory: 'USER_DEFINED' as never, associationTypeId: type.typeId }] }] });
    expect((await h.engine.runObject(connectionId, 'contacts', 'incremental')).status).toBe('succeeded');
    expect(await roles()).toEqual([{ role: 'economic_buyer', crm_value: 'Signs the cheques', deleted: true }]);
  });
});
