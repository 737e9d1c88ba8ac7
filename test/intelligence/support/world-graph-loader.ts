import type { DataSource } from 'typeorm';
import type { AccountBundle } from '../../../src/sandbox/generator/world.types';

/**
 * Writes generated world bundles straight into the account graph, the way a finished sync would leave them,
 * so scoring can be checked against the world's documented latent truth without running the CRM sandboxes.
 * Roles: those the world records in the CRM become CRM roles; the others stand in for the title
 * classifier's output (inferred_title, confidence 0.8).
 */
export async function loadWorldIntoGraph(ds: DataSource, bundles: AccountBundle[], connectionId: string): Promise<Map<string, string>> {
  const accounts = (await ds.query(
    `INSERT INTO accounts (name, normalized_name, industry, employees, country, technologies, custom_fields)
     SELECT x.name, lower(x.name), x.industry, x.employees, x.country, x.technologies, x.custom_fields
     FROM jsonb_to_recordset($1::jsonb) AS x(name text, industry text, employees int, country text, technologies jsonb, custom_fields jsonb)
     RETURNING id, custom_fields ->> 'world_key' AS key`,
    [JSON.stringify(bundles.map((b) => ({
      name: b.company.nameEn, industry: b.company.industry, employees: b.company.employees, country: b.company.country,
      technologies: b.company.technologies, custom_fields: { world_key: b.company.key, cloud_maturity: b.company.cloudMaturity },
    })))],
  )) as Array<{ id: string; key: string }>;
  const accountId = new Map(accounts.map((a) => [a.key, a.id]));
  const contacts = bundles.flatMap((b) => b.contacts);
  const inserted = (await ds.query(
    `INSERT INTO contacts (account_id, title, email_opt_out, do_not_call, custom_fields)
     SELECT x.account_id, x.title, x.opt_out, x.dnc, jsonb_build_object('world_key', x.key)
     FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, title text, opt_out boolean, dnc boolean, key text)
     RETURNING id, custom_fields ->> 'world_key' AS key`,
    [JSON.stringify(contacts.map((c) => ({ account_id: accountId.get(c.accountKey), title: c.title, opt_out: c.emailOptOut, dnc: c.doNotCall, key: c.key })))],
  )) as Array<{ id: string; key: string }>;
  const contactId = new Map(inserted.map((c) => [c.key, c.id]));
  await ds.query(
    `INSERT INTO account_contact_roles (account_id, contact_id, role, source, confidence)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, contact_id uuid, role text, source text, confidence real)`,
    [JSON.stringify(contacts.filter((c) => c.buyingRole).map((c) => ({
      account_id: accountId.get(c.accountKey), contact_id: contactId.get(c.key), role: c.buyingRole,
      source: c.roleRecordedInCrm ? 'sf_account_contact_relation' : 'inferred_title', confidence: c.roleRecordedInCrm ? 1 : 0.8,
    })))],
  );
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const licenseRows = bundles.flatMap((b) => [
    ...b.licenses.map((l) => ({ account_id: accountId.get(l.accountKey), kind: 'subscription', event: l.event, start_date: day(l.startDate), end_date: day(l.endDate),
      quantity: l.seats, amount: l.annualValue, status: l.status, severity: null, opened_at: null, contact_id: null, crm_id: l.key })),
    ...b.cases.map((c) => ({ account_id: accountId.get(c.accountKey), kind: 'support_case', event: null, start_date: null, end_date: null, quantity: null, amount: null,
      status: c.status, severity: c.severity, opened_at: c.openedAt.toISOString(), contact_id: c.contactKey ? contactId.get(c.contactKey) : null, crm_id: c.key })),
  ]);
  await ds.query(
    `INSERT INTO license_records (account_id, kind, event, start_date, end_date, quantity, amount, status, severity, opened_at, contact_id, connection_id, provider, object_type, crm_id)
     SELECT x.account_id, x.kind, x.event, x.start_date, x.end_date, x.quantity, x.amount, x.status, x.severity, x.opened_at, x.contact_id, $2::uuid, 'salesforce', 'Asset', x.crm_id
     FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, kind text, event text, start_date date, end_date date, quantity numeric, amount numeric,
       status text, severity text, opened_at timestamptz, contact_id uuid, crm_id text)`,
    [JSON.stringify(licenseRows), connectionId],
  );
  await ds.query(
    `INSERT INTO activities (account_id, contact_id, type, occurred_at, connection_id, provider, object_type, crm_id)
     SELECT x.account_id, x.contact_id, x.type, x.at, $2::uuid, 'salesforce', 'Task', x.crm_id
     FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, contact_id uuid, type text, at timestamptz, crm_id text)`,
    [JSON.stringify(bundles.flatMap((b) => b.activities.map((a) => ({
      account_id: accountId.get(a.accountKey), contact_id: a.contactKey ? contactId.get(a.contactKey) : null, type: a.kind, at: a.at.toISOString(), crm_id: a.key,
    })))), connectionId],
  );
  await ds.query(
    `INSERT INTO opportunities (account_id, name, type, amount, close_date, is_closed, is_won, connection_id, provider, object_type, crm_id)
     SELECT x.account_id, x.name, x.type, x.amount, x.close_date, x.is_closed, x.is_won, $2::uuid, 'salesforce', 'Opportunity', x.crm_id
     FROM jsonb_to_recordset($1::jsonb) AS x(account_id uuid, name text, type text, amount numeric, close_date date, is_closed boolean, is_won boolean, crm_id text)`,
    [JSON.stringify(bundles.flatMap((b) => b.opportunities.map((o) => ({
      account_id: accountId.get(o.accountKey), name: o.name, type: o.type, amount: o.amount, close_date: day(o.closeDate),
      is_closed: o.outcome !== 'open', is_won: o.outcome === 'won', crm_id: o.key,
    })))), connectionId],
  );
  return accountId;
}
