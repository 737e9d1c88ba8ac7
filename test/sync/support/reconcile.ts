import type { Client } from '@hubspot/api-client';
import type { DataSource } from 'typeorm';

/**
 * Exact reconciliation: what the CRM holds (read with the vendor's own client library, mapped by the
 * simple rules below, written independently of the sync's normaliser) against what our graph holds.
 */
export interface Snapshot {
  accounts: Record<string, Record<string, unknown>>;
  contacts: Record<string, Record<string, unknown>>;
  opportunities: Record<string, Record<string, unknown>>;
  licenses: Record<string, Record<string, unknown>>;
}

const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v).trim());
const day = (v: unknown) => (v ? new Date(/^\d+$/.test(String(v)) ? Number(v) : String(v)).toISOString().slice(0, 10) : null);
const host = (v: unknown) => (v ? String(v).toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').split('/')[0] : null);

async function all(client: Client, type: string, properties: string[], associations?: string[]): Promise<Array<{ id: string; properties: Record<string, string | null>; associations?: Record<string, { results: Array<{ id: string }> }> }>> {
  const out: Array<{ id: string; properties: Record<string, string | null>; associations?: Record<string, { results: Array<{ id: string }> }> }> = [];
  let after: string | undefined;
  do {
    const qs: Record<string, string> = { limit: '100', properties: properties.join(',') };
    if (associations) qs.associations = associations.join(',');
    if (after) qs.after = after;
    const res = await client.apiRequest({ method: 'GET', path: `/crm/v3/objects/${type}`, qs });
    const body = (await res.json()) as { results: typeof out; paging?: { next?: { after: string } } };
    out.push(...body.results);
    after = body.paging?.next?.after;
  } while (after);
  return out;
}

export async function hubspotExpectations(client: Client): Promise<Snapshot> {
  const snap: Snapshot = { accounts: {}, contacts: {}, opportunities: {}, licenses: {} };
  for (const c of await all(client, 'companies', ['name', 'domain', 'country', 'numberofemployees', 'annualrevenue', 'abm_segment'])) {
    const p = c.properties;
    snap.accounts[c.id] = { name: str(p.name), domain: host(p.domain), country: str(p.country), employees: num(p.numberofemployees), revenue: num(p.annualrevenue), segment: str(p.abm_segment) };
  }
  for (const c of await all(client, 'contacts', ['email', 'firstname', 'lastname', 'jobtitle', 'hs_email_optout', 'associatedcompanyid'])) {
    const p = c.properties;
    snap.contacts[c.id] = { email: str(p.email)?.toLowerCase() ?? null, firstName: str(p.firstname), lastName: str(p.lastname), title: str(p.jobtitle), optOut: p.hs_email_optout === 'true', account: str(p.associatedcompanyid) };
  }
  for (const d of await all(client, 'deals', ['dealname', 'dealstage', 'amount', 'closedate'], ['companies'])) {
    const p = d.properties;
    snap.opportunities[d.id] = { name: str(p.dealname), stage: str(p.dealstage), amount: num(p.amount), closeDate: day(p.closedate), won: p.dealstage === 'closedwon', account: d.associations?.companies?.results[0]?.id ?? null };
  }
  for (const l of await all(client, 'licenses', ['product', 'license_status', 'event_type', 'seats', 'annual_value', 'start_date', 'end_date'], ['companies'])) {
    const p = l.properties;
    snap.licenses[l.id] = { product: str(p.product), status: str(p.license_status), event: str(p.event_type), quantity: num(p.seats), amount: num(p.annual_value), start: day(p.start_date), end: day(p.end_date), account: l.associations?.companies?.results[0]?.id ?? null };
  }
  return liveRefs(snap);
}

/** A reference to an account that no longer exists (deleted/archived) counts as no account, on both sides. */
function liveRefs(snap: Snapshot): Snapshot {
  for (const group of [snap.contacts, snap.opportunities, snap.licenses]) {
    for (const row of Object.values(group)) if (row.account !== null && !(String(row.account) in snap.accounts)) row.account = null;
  }
  return snap;
}

/** Our graph, keyed by CRM id, live rows only, with references expressed as CRM ids. */
export async function graphSnapshot(ds: DataSource, connectionId: string): Promise<Snapshot> {
  const snap: Snapshot = { accounts: {}, contacts: {}, opportunities: {}, licenses: {} };
  const accounts: Array<Record<string, unknown>> = await ds.query(
    `SELECT s.crm_id, a.name, a.domain, a.country, a.employees, a.annual_revenue, a.custom_fields->>'segment' AS segment
     FROM account_sources s JOIN accounts a ON a.id = s.account_id WHERE s.connection_id = $1 AND s.deleted_at IS NULL AND a.deleted_at IS NULL`, [connectionId]);
  for (const r of accounts) snap.accounts[String(r.crm_id)] = { name: r.name, domain: r.domain, country: r.country, employees: r.employees, revenue: num(r.annual_revenue), segment: r.segment };
  const contacts: Array<Record<string, unknown>> = await ds.query(
    `SELECT s.crm_id, c.email_normalized, c.first_name, c.last_name, c.title, c.email_opt_out,
       (SELECT x.crm_id FROM account_sources x WHERE x.account_id = c.account_id AND x.connection_id = $1 AND x.deleted_at IS NULL LIMIT 1) AS account
     FROM contact_sources s JOIN contacts c ON c.id = s.contact_id WHERE s.connection_id = $1 AND s.deleted_at IS NULL AND c.deleted_at IS NULL`, [connectionId]);
  for (const r of contacts) snap.contacts[String(r.crm_id)] = { email: r.email_normalized, firstName: r.first_name, lastName: r.last_name, title: r.title, optOut: r.email_opt_out, account: r.account };
  const opps: Array<Record<string, unknown>> = await ds.query(
    `SELECT o.crm_id, o.name, o.stage, o.amount, to_char(o.close_date, 'YYYY-MM-DD') AS close_date, o.is_won,
       (SELECT x.crm_id FROM account_sources x WHERE x.account_id = o.account_id AND x.connection_id = $1 AND x.deleted_at IS NULL LIMIT 1) AS account
     FROM opportunities o WHERE o.connection_id = $1 AND o.deleted_at IS NULL`, [connectionId]);
  for (const r of opps) snap.opportunities[String(r.crm_id)] = { name: r.name, stage: r.stage, amount: num(r.amount), closeDate: r.close_date, won: r.is_won, account: r.account };
  const lic: Array<Record<string, unknown>> = await ds.query(
    `SELECT l.crm_id, l.product, l.status, l.event, l.quantity, l.amount, to_char(l.start_date, 'YYYY-MM-DD') AS s, to_char(l.end_date, 'YYYY-MM-DD') AS e,
       (SELECT x.crm_id FROM account_sources x WHERE x.account_id = l.account_id AND x.connection_id = $1 AND x.deleted_at IS NULL LIMIT 1) AS account
     FROM license_records l WHERE l.connection_id = $1 AND l.deleted_at IS NULL`, [connectionId]);
  for (const r of lic) snap.licenses[String(r.crm_id)] = { product: r.product, status: r.status, event: r.event, quantity: num(r.quantity), amount: num(r.amount), start: r.s, end: r.e, account: r.account };
  return snap;
}

type JsforceLike = { query<T>(soql: string): Promise<{ records: T[]; done: boolean; nextRecordsUrl?: string }>; queryMore<T>(url: string): Promise<{ records: T[]; done: boolean; nextRecordsUrl?: string }> };

async function sfAll(conn: JsforceLike, soql: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let res = await conn.query<Record<string, unknown>>(soql);
  out.push(...res.records);
  while (!res.done && res.nextRecordsUrl) {
    res = await conn.queryMore<Record<string, unknown>>(res.nextRecordsUrl);
    out.push(...res.records);
  }
  return out;
}

/** The same snapshot read from Salesforce through jsforce (live records only, as `query` returns them). */
export async function salesforceExpectations(conn: JsforceLike): Promise<Snapshot> {
  const snap: Snapshot = { accounts: {}, contacts: {}, opportunities: {}, licenses: {} };
  for (const a of await sfAll(conn, 'SELECT Id, Name, Website, BillingCountry, NumberOfEmployees, AnnualRevenue, Segment__c FROM Account')) {
    snap.accounts[String(a.Id)] = { name: str(a.Name), domain: host(a.Website), country: str(a.BillingCountry), employees: num(a.NumberOfEmployees), revenue: num(a.AnnualRevenue), segment: str(a.Segment__c) };
  }
  for (const c of await sfAll(conn, 'SELECT Id, Email, FirstName, LastName, Title, HasOptedOutOfEmail, AccountId FROM Contact')) {
    snap.contacts[String(c.Id)] = { email: str(c.Email)?.toLowerCase() ?? null, firstName: str(c.FirstName), lastName: str(c.LastName), title: str(c.Title), optOut: c.HasOptedOutOfEmail === true, account: str(c.AccountId) };
  }
  for (const o of await sfAll(conn, 'SELECT Id, Name, StageName, Amount, CloseDate, IsWon, AccountId FROM Opportunity')) {
    snap.opportunities[String(o.Id)] = { name: str(o.Name), stage: str(o.StageName), amount: num(o.Amount), closeDate: day(o.CloseDate), won: o.IsWon === true, account: str(o.AccountId) };
  }
  for (const l of await sfAll(conn, 'SELECT Id, Product_Name__c, Status, License_Event__c, Seats__c, Annual_Value__c, StartDate, EndDate, AccountId FROM Contract')) {
    snap.licenses[String(l.Id)] = { product: str(l.Product_Name__c), status: str(l.Status), event: str(l.License_Event__c), quantity: num(l.Seats__c), amount: num(l.Annual_Value__c), start: day(l.StartDate), end: day(l.EndDate), account: str(l.AccountId) };
  }
  return liveRefs(snap);
}
