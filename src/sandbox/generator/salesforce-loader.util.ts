import type { SalesforceLoadTarget } from './crm-targets.types';
import {
  SALESFORCE_DEMO_FIELDS,
  sfAccount,
  sfAccountContactRelation,
  sfAsset,
  sfCase,
  sfContact,
  sfContract,
  sfEntitlement,
  sfOpportunity,
  sfOpportunityContactRole,
  sfTask,
  sfUser,
  type SfRecord,
} from './salesforce.mapper';
import type { AccountBundle, WorldLicense, WorldUser } from './world.types';

export type SalesforceCounts = Record<string, number>;

/**
 * Per-load state: the fields each sObject accepts (when the store tells us), and the fields we had to
 * leave out because the target schema lacks them (reported once each, in `notes`).
 */
export class SalesforceLoadContext {
  private readonly allowed = new Map<string, Set<string> | null>();
  readonly dropped = new Set<string>();

  constructor(
    readonly store: SalesforceLoadTarget,
    readonly counts: SalesforceCounts,
    readonly asOf: Date,
  ) {}

  fit(type: string, records: SfRecord[]): SfRecord[] {
    if (!this.allowed.has(type)) {
      const table = this.store.table?.(type);
      this.allowed.set(type, table ? new Set(table.fields.map((f) => f.name.toLowerCase())) : null);
    }
    const allowed = this.allowed.get(type);
    if (!allowed || records.length === 0) return records;
    const missing = Object.keys(records[0]).filter((k) => !allowed.has(k.toLowerCase()));
    if (missing.length === 0) return records;
    for (const k of missing) this.dropped.add(`${type}.${k}`);
    return records.map((r) => {
      const copy = { ...r };
      for (const k of missing) delete copy[k];
      return copy;
    });
  }

  notes(): string[] {
    return this.dropped.size ? [`Salesforce schema lacks ${[...this.dropped].sort().join(', ')}: not loaded`] : [];
  }
}

/** Adds the demo's custom fields unless the schema already has them (a re-load, or a richer schema). */
export function ensureSalesforceSchema(store: SalesforceLoadTarget): void {
  if (!store.addField) return;
  for (const f of SALESFORCE_DEMO_FIELDS) {
    try {
      store.addField(f.object, {
        name: f.name,
        type: f.type,
        label: f.label,
        ...(f.length !== undefined ? { length: f.length } : {}),
        ...(f.values ? { picklistValues: f.values, values: f.values } : {}),
        externalId: f.externalId ?? false,
      });
    } catch (err) {
      if (!(err instanceof Error && /already exists/i.test(err.message))) throw err;
    }
  }
}

async function insert(ctx: SalesforceLoadContext, type: string, records: SfRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  const ids = await ctx.store.insertMany(type, ctx.fit(type, records), { asOf: ctx.asOf });
  ctx.counts[type] = (ctx.counts[type] ?? 0) + ids.length;
  return ids;
}

export async function loadSalesforceUsers(ctx: SalesforceLoadContext, users: WorldUser[]): Promise<Map<string, string>> {
  const ids = await insert(ctx, 'User', users.map(sfUser));
  return new Map(users.map((u, i) => [u.key, ids[i]]));
}

/**
 * Loads one chunk of accounts (those present in Salesforce) in dependency order: Accounts, Contacts,
 * relations and roles, Opportunities, Assets/Contracts/Entitlements, Cases, Tasks. Returns the new
 * Account Ids by world key so the HubSpot side can write `salesforce_account_id`.
 */
export async function loadSalesforceChunk(ctx: SalesforceLoadContext, bundles: AccountBundle[], userIds: Map<string, string>): Promise<Map<string, string>> {
  const owner = (key: string): string => userIds.get(key) as string;
  const accountIdList = await insert(ctx, 'Account', bundles.map((b) => sfAccount(b.company, owner(b.company.ownerKey))));
  const accountIds = new Map(bundles.map((b, i) => [b.company.key, accountIdList[i]]));

  const contactRecords: SfRecord[] = [];
  const contactKeys: string[] = [];
  for (const b of bundles) {
    const accountId = accountIds.get(b.company.key) as string;
    b.contacts.forEach((c, j) => {
      if (c.presence === 'hubspot') return;
      // Department is filled for about half the contacts, as in real orgs.
      contactRecords.push(sfContact(c, accountId, owner(b.company.ownerKey), (b.company.index + j) % 2 === 0));
      contactKeys.push(c.key);
    });
  }
  const contactIdList = await insert(ctx, 'Contact', contactRecords);
  const contactIds = new Map(contactKeys.map((k, i) => [k, contactIdList[i]]));
  // Contacts of a duplicated company that exist only in HubSpot are not linked from Salesforce records.
  const contactIdOf = (key: string | null): string | null => (key ? contactIds.get(key) ?? null : null);

  const acr: SfRecord[] = [];
  for (const b of bundles) {
    for (const c of b.contacts) {
      if (c.roleRecordedInCrm && contactIds.has(c.key)) acr.push(sfAccountContactRelation(c, accountIds.get(b.company.key) as string, contactIds.get(c.key) as string));
    }
  }
  await insert(ctx, 'AccountContactRelation', acr);

  const opps = bundles.flatMap((b) => b.opportunities);
  const oppIdList = await insert(ctx, 'Opportunity', opps.map((o) => sfOpportunity(o, accountIds.get(o.accountKey) as string, owner(o.ownerKey))));
  const ocr: SfRecord[] = [];
  opps.forEach((o, i) => {
    for (const r of o.contactRoles) {
      const contactId = contactIds.get(r.contactKey);
      if (contactId) ocr.push(sfOpportunityContactRole(r.role, r.isPrimary, oppIdList[i], contactId));
    }
  });
  await insert(ctx, 'OpportunityContactRole', ocr);

  const subscriptions: WorldLicense[][] = [];
  for (const b of bundles) {
    const bySub = new Map<string, WorldLicense[]>();
    for (const l of b.licenses) {
      const terms = bySub.get(l.subscriptionKey) ?? [];
      terms.push(l);
      bySub.set(l.subscriptionKey, terms);
    }
    subscriptions.push(...bySub.values());
  }
  const assetIdList = await insert(
    ctx,
    'Asset',
    subscriptions.map((terms) => sfAsset(terms[terms.length - 1], terms[0], accountIds.get(terms[0].accountKey) as string)),
  );
  const firstAssetOf = new Map<string, string>();
  subscriptions.forEach((terms, i) => {
    if (!firstAssetOf.has(terms[0].accountKey)) firstAssetOf.set(terms[0].accountKey, assetIdList[i]);
  });
  await insert(ctx, 'Contract', bundles.flatMap((b) => b.licenses.map((l) => sfContract(l, accountIds.get(b.company.key) as string))));
  const entitlements: SfRecord[] = [];
  subscriptions.forEach((terms, i) => {
    const last = terms[terms.length - 1];
    if (last.status === 'active') entitlements.push(sfEntitlement(last, accountIds.get(last.accountKey) as string, assetIdList[i]));
  });
  await insert(ctx, 'Entitlement', entitlements);

  const cases = bundles.flatMap((b) =>
    b.cases.map((c) =>
      sfCase(c, accountIds.get(b.company.key) as string, contactIdOf(c.contactKey), firstAssetOf.get(b.company.key) ?? null),
    ),
  );
  await insert(ctx, 'Case', cases);

  const tasks = bundles.flatMap((b) =>
    b.activities.map((a) =>
      sfTask(a, accountIds.get(b.company.key) as string, contactIdOf(a.contactKey), owner(a.ownerKey)),
    ),
  );
  await insert(ctx, 'Task', tasks);
  return accountIds;
}
