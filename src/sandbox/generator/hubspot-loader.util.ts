import type { HubspotLoadTarget } from './crm-targets.types';
import {
  HS_DEAL_CONTACT_LABEL,
  HUBSPOT_DEMO_PROPERTIES,
  hsCompany,
  hsContact,
  hsDeal,
  hsEngagement,
  hsLicense,
  hsLineItem,
  LICENSE_OBJECT,
  LICENSE_PROPERTIES,
  type HsRecord,
} from './hubspot.mapper';
import type { AccountBundle } from './world.types';

export type HubspotCounts = Record<string, number>;
type Pair = [string, string];

export interface HubspotSchemaState {
  /** False when the store cannot create the `licenses` custom object; license records are then skipped. */
  licenses: boolean;
  /** False when labelled deal–contact association types cannot be defined; roles then go unlabelled. */
  roleLabels: boolean;
}

/**
 * Adds the demo's custom properties, the `licenses` custom object (HubSpot custom objects:
 * developers.hubspot.com/docs/api/crm/crm-custom-objects) with its association to companies, and the
 * user-defined deal→contact labels carrying contact roles. Idempotent.
 */
export function ensureHubspotSchema(store: HubspotLoadTarget): HubspotSchemaState {
  for (const [type, specs] of Object.entries(HUBSPOT_DEMO_PROPERTIES)) {
    const existing = store.findType?.(type);
    for (const spec of specs) if (existing && !existing.properties.has(spec.name)) store.defineProperty?.(type, spec);
  }
  let licenses = Boolean(store.findType?.(LICENSE_OBJECT.name));
  if (!licenses && store.createCustomType) {
    store.createCustomType(LICENSE_OBJECT.name, LICENSE_OBJECT.singular, LICENSE_PROPERTIES, LICENSE_OBJECT.primaryDisplayProperty);
    licenses = true;
  }
  const companies = store.findType?.('companies')?.def;
  const licenseType = store.findType?.(LICENSE_OBJECT.name)?.def;
  const deals = store.findType?.('deals')?.def;
  const contacts = store.findType?.('contacts')?.def;
  const assoc = store.associations;
  if (assoc && companies && licenseType && assoc.typesBetween(licenseType.objectTypeId, companies.objectTypeId).length === 0) {
    assoc.define(licenseType, companies, 'USER_DEFINED');
  }
  let roleLabels = false;
  if (assoc && deals && contacts) {
    const existing = new Set(assoc.typesBetween(deals.objectTypeId, contacts.objectTypeId).map((t) => t.label));
    for (const label of new Set(Object.values(HS_DEAL_CONTACT_LABEL))) {
      if (!existing.has(label)) assoc.define(deals, contacts, 'USER_DEFINED', label);
    }
    roleLabels = true;
  }
  return { licenses, roleLabels };
}

async function insert(store: HubspotLoadTarget, counts: HubspotCounts, type: string, records: HsRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  // autoDefine only matters for stores without `defineProperty`; with it every property already exists.
  const ids = await store.insertMany(type, records, { autoDefine: true });
  counts[type] = (counts[type] ?? 0) + ids.length;
  return ids;
}

async function associate(store: HubspotLoadTarget, counts: HubspotCounts, from: string, to: string, pairs: Pair[], label?: string): Promise<void> {
  if (pairs.length === 0) return;
  const added = await store.associateMany(from, to, pairs, label);
  const key = `${from}->${to}`;
  counts[key] = (counts[key] ?? 0) + added;
}

/** Loads one chunk of accounts (those present in HubSpot) with their associations. */
export async function loadHubspotChunk(
  store: HubspotLoadTarget,
  bundles: AccountBundle[],
  salesforceAccountIds: Map<string, string>,
  schema: HubspotSchemaState,
  counts: HubspotCounts,
): Promise<void> {
  const companyIdList = await insert(
    store,
    counts,
    'companies',
    bundles.map((b) => hsCompany(b.company, b.company.hubspotCarriesSalesforceId ? salesforceAccountIds.get(b.company.key) ?? null : null)),
  );
  const companyIds = new Map(bundles.map((b, i) => [b.company.key, companyIdList[i]]));
  const companyOf = (key: string): string => companyIds.get(key) as string;

  const contacts = bundles.flatMap((b) => b.contacts.filter((c) => c.presence !== 'salesforce').map((c) => ({ c, b })));
  const contactIdList = await insert(store, counts, 'contacts', contacts.map(({ c, b }) => hsContact(c, b.company, companyOf(b.company.key))));
  const contactIds = new Map(contacts.map(({ c }, i) => [c.key, contactIdList[i]]));
  const contactCompany: Pair[] = contacts.map(({ c }, i) => [contactIdList[i], companyOf(c.accountKey)]);
  await associate(store, counts, 'contacts', 'companies', contactCompany);
  await associate(store, counts, 'contacts', 'companies', contactCompany, 'Primary');

  const deals = bundles.flatMap((b) => b.opportunities);
  const dealIdList = await insert(store, counts, 'deals', deals.map(hsDeal));
  const dealCompany: Pair[] = deals.map((o, i) => [dealIdList[i], companyOf(o.accountKey)]);
  await associate(store, counts, 'deals', 'companies', dealCompany);
  await associate(store, counts, 'deals', 'companies', dealCompany, 'Primary');
  const dealContact: Pair[] = [];
  const byLabel = new Map<string, Pair[]>();
  deals.forEach((o, i) => {
    for (const r of o.contactRoles) {
      const contactId = contactIds.get(r.contactKey);
      if (!contactId) continue;
      const pair: Pair = [dealIdList[i], contactId];
      dealContact.push(pair);
      const label = HS_DEAL_CONTACT_LABEL[r.role];
      const list = byLabel.get(label);
      if (list) list.push(pair);
      else byLabel.set(label, [pair]);
    }
  });
  await associate(store, counts, 'deals', 'contacts', dealContact);
  if (schema.roleLabels) for (const [label, pairs] of byLabel) await associate(store, counts, 'deals', 'contacts', pairs, label);

  const items = deals.flatMap((o, i) => o.lineItems.map((li) => ({ li, dealId: dealIdList[i], at: o.createdAt })));
  const itemIds = await insert(store, counts, 'line_items', items.map(({ li, at }) => hsLineItem(li, at)));
  await associate(store, counts, 'line_items', 'deals', items.map(({ dealId }, i) => [itemIds[i], dealId]));

  const engagements = bundles.flatMap((b) => b.activities.map((a) => ({ a, e: hsEngagement(a) })));
  for (const type of ['tasks', 'notes'] as const) {
    const mine = engagements.filter(({ e }) => e.type === type);
    const acts = mine.map(({ a }) => a);
    const ids = await insert(store, counts, type, mine.map(({ e }) => e.record));
    await associate(store, counts, type, 'companies', acts.map((a, i) => [ids[i], companyOf(a.accountKey)]));
    const withContact = acts.map((a, i) => [ids[i], a.contactKey ? contactIds.get(a.contactKey) : undefined] as const).filter((p): p is [string, string] => Boolean(p[1]));
    await associate(store, counts, type, 'contacts', withContact);
  }

  if (schema.licenses) {
    const licenses = bundles.flatMap((b) => b.licenses);
    const ids = await insert(store, counts, LICENSE_OBJECT.name, licenses.map(hsLicense));
    await associate(store, counts, LICENSE_OBJECT.name, 'companies', licenses.map((l, i) => [ids[i], companyOf(l.accountKey)]));
  }
}
