import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PAGE = 2000;

/** Keyset pages over a table (by id), so exports never hold whole tables in memory. */
async function* pages(app: INestApplicationContext, sql: string): AsyncIterable<Record<string, unknown>> {
  const ds = app.get(DataSource);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Array<Record<string, unknown>> = await ds.query(sql, [after, PAGE]);
    for (const r of rows) yield r;
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1].id);
  }
}

/** The account graph as JSON lines: accounts (with their CRM sources), contacts, their consent history, license records. */
export const graphExporters = {
  accounts: {
    description: 'accounts merged across CRMs, with their CRM records and match reasons',
    records: (app: INestApplicationContext) => pages(app,
      `SELECT a.id, a.name, a.domain, a.country, a.industry, a.employees, a.annual_revenue AS "annualRevenue", a.technologies, a.lifecycle_stage AS "lifecycleStage",
         a.owner_crm_user_id AS "ownerCrmUserId", a.custom_fields AS "customFields",
         COALESCE((SELECT jsonb_agg(jsonb_build_object('provider', s.provider, 'objectType', s.object_type, 'crmId', s.crm_id, 'matchReason', s.match_reason, 'deleted', s.deleted_at IS NOT NULL)) FROM account_sources s WHERE s.account_id = a.id), '[]') AS sources
       FROM accounts a WHERE a.deleted_at IS NULL AND a.id > $1 ORDER BY a.id LIMIT $2`),
  },
  contacts: {
    description: 'contacts merged by e-mail, with consent flags and CRM records',
    records: (app: INestApplicationContext) => pages(app,
      `SELECT c.id, c.account_id AS "accountId", c.email_normalized AS email, c.first_name AS "firstName", c.last_name AS "lastName", c.title, c.country,
         c.email_opt_out AS "emailOptOut", c.do_not_call AS "doNotCall", c.custom_fields AS "customFields",
         COALESCE((SELECT jsonb_agg(jsonb_build_object('provider', s.provider, 'crmId', s.crm_id, 'matchReason', s.match_reason)) FROM contact_sources s WHERE s.contact_id = c.id AND s.deleted_at IS NULL), '[]') AS sources
       FROM contacts c WHERE c.deleted_at IS NULL AND c.id > $1 ORDER BY c.id LIMIT $2`),
  },
  consent: {
    description: 'consent history: every opt-out / opt-in and do-not-call change each CRM reported, per contact',
    records: (app: INestApplicationContext) => pages(app,
      `SELECT e.id, e.contact_id AS "contactId", c.email_normalized AS email, e.channel, e.status, e.field, e.old_value AS "oldValue", e.new_value AS "newValue",
         e.source, e.connection_id AS "connectionId", e.crm_id AS "crmId", e.occurred_at AS "occurredAt"
       FROM consent_events e LEFT JOIN contacts c ON c.id = e.contact_id WHERE e.id > $1 ORDER BY e.id LIMIT $2`),
  },
  licenses: {
    description: 'license and service records (assets, contracts, entitlements, cases, custom license objects)',
    records: (app: INestApplicationContext) => pages(app,
      `SELECT l.id, l.account_id AS "accountId", l.contact_id AS "contactId", l.provider, l.object_type AS "objectType", l.crm_id AS "crmId", l.kind, l.product, l.status, l.event,
         l.quantity, l.amount, to_char(l.start_date, 'YYYY-MM-DD') AS "startDate", to_char(l.end_date, 'YYYY-MM-DD') AS "endDate", l.severity, l.opened_at AS "openedAt", l.closed_at AS "closedAt", l.custom_fields AS "customFields"
       FROM license_records l WHERE l.deleted_at IS NULL AND l.id > $1 ORDER BY l.id LIMIT $2`),
  },
};
