import { queryRows } from './sql-rows.util';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NormalizedRow } from '../../sync/mapping/record-normalizer.util';
import type { GraphBatchContext } from './graph-sync.types';

type MatchReason = 'existing' | 'crm_id_reference' | 'domain' | 'name_country' | 'email' | 'new';

interface MatchRow {
  crm_id: string;
  existing: string | null;
  by_ref: string | null;
  by_backref: string | null;
  by_domain: string | null;
  by_name: string | null;
}

/**
 * Accounts and contacts: source rows upserted with multi-row INSERT … ON CONFLICT on
 * (connection_id, object_type, crm_id), matched set-based to the one account/person they describe
 * (accounts: Salesforce id stored in the other CRM, then web domain, then normalised name + country;
 * contacts: e-mail), and the merged account/contact rows refreshed from their live sources.
 * Name + country only decides when one side has no domain (two different domains = two companies).
 * Matching only looks at accounts that have no record from the same connection: two records in one
 * CRM stay two accounts unless an admin merges them.
 */
@Injectable()
export class IdentityUpsertRepository {
  async upsertAccounts(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const probe = rows.map((r) => ({ crm_id: r.crmId, domain: r.values.domain ?? null, normalized_name: r.values.normalizedName ?? null, country: r.values.country ?? null, crm_ref: r.values.crmRef ?? null }));
    const matches = await queryRows<MatchRow>(m, `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, domain text, normalized_name text, country text, crm_ref text))
       SELECT v.crm_id, s.account_id AS existing,
         CASE WHEN s.account_id IS NULL AND v.crm_ref IS NOT NULL THEN (SELECT r.account_id FROM account_sources r WHERE r.crm_id = v.crm_ref AND r.connection_id <> $2 AND r.deleted_at IS NULL ORDER BY r.created_at LIMIT 1) END AS by_ref,
         CASE WHEN s.account_id IS NULL THEN (SELECT r.account_id FROM account_sources r WHERE r.crm_ref_id = v.crm_id AND r.connection_id <> $2 AND r.deleted_at IS NULL ORDER BY r.created_at LIMIT 1) END AS by_backref,
         CASE WHEN s.account_id IS NULL AND v.domain IS NOT NULL THEN (SELECT a.id FROM accounts a WHERE a.domain = v.domain AND a.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM account_sources x WHERE x.account_id = a.id AND x.connection_id = $2) ORDER BY a.created_at, a.id LIMIT 1) END AS by_domain,
         CASE WHEN s.account_id IS NULL AND v.country IS NOT NULL AND v.normalized_name <> '' THEN (SELECT a.id FROM accounts a WHERE a.normalized_name = v.normalized_name AND a.country = v.country AND a.deleted_at IS NULL
           AND (v.domain IS NULL OR a.domain IS NULL)
           AND NOT EXISTS (SELECT 1 FROM account_sources x WHERE x.account_id = a.id AND x.connection_id = $2) ORDER BY a.created_at, a.id LIMIT 1) END AS by_name
       FROM v LEFT JOIN account_sources s ON s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id`,
      [JSON.stringify(probe), ctx.connectionId, ctx.objectType],
    );
    const byCrmId = new Map(matches.map((x) => [x.crm_id, x]));
    const newAccounts: Array<{ id: string; name: string; normalized_name: string }> = [];
    const sources = rows.map((r) => {
      const x = byCrmId.get(r.crmId);
      let accountId = x?.existing ?? null;
      let reason: MatchReason = 'existing';
      if (!accountId) {
        const found = x?.by_ref ? ['crm_id_reference', x.by_ref] : x?.by_backref ? ['crm_id_reference', x.by_backref] : x?.by_domain ? ['domain', x.by_domain] : x?.by_name ? ['name_country', x.by_name] : null;
        if (found) {
          reason = found[0] as MatchReason;
          accountId = found[1];
        } else {
          accountId = randomUUID();
          reason = 'new';
          newAccounts.push({ id: accountId, name: String(r.values.name), normalized_name: String(r.values.normalizedName ?? '') });
        }
      }
      return { ...sourcePayload(r), account_id: accountId, match_reason: reason, crm_ref: (r.values.crmRef as string | null) ?? null };
    });
    if (newAccounts.length) {
      await m.query(
        `INSERT INTO accounts (id, name, normalized_name, created_at, updated_at)
         SELECT v.id, v.name, v.normalized_name, now(), now() FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, name text, normalized_name text)`,
        [JSON.stringify(newAccounts)],
      );
    }
    const written = await queryRows<{ account_id: string }>(m, `INSERT INTO account_sources (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, account_id, match_reason, match_overridden, fields, deleted_at, merged_into_crm_id, crm_ref_id, created_at, updated_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, v.modified_by, v.account_id, v.match_reason, false, v.fields, NULL, NULL, v.crm_ref, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, modified_at timestamptz, modified_by text, account_id uuid, match_reason text, fields jsonb, crm_ref text)
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, crm_modified_by = EXCLUDED.crm_modified_by, fields = EXCLUDED.fields,
         crm_ref_id = EXCLUDED.crm_ref_id, deleted_at = NULL, merged_into_crm_id = NULL, updated_at = now()
       WHERE account_sources.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= account_sources.crm_modified_at
       RETURNING account_id`,
      [JSON.stringify(sources), ctx.connectionId, ctx.provider, ctx.objectType],
    );
    const touched = [...new Set([...written.map((w) => w.account_id), ...sources.map((s) => s.account_id)])];
    await this.refreshAccounts(m, touched);
    return touched;
  }

  /** The merged account row = its most recently modified live source; no live source → deleted_at. */
  async refreshAccounts(m: EntityManager, accountIds: string[]): Promise<void> {
    if (!accountIds.length) return;
    await m.query(
      `WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
       src AS (SELECT DISTINCT ON (account_id) account_id, fields FROM account_sources
               WHERE account_id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY account_id, crm_modified_at DESC NULLS LAST, id)
       UPDATE accounts a SET
         name = COALESCE(src.fields->>'name', a.name), normalized_name = COALESCE(src.fields->>'normalizedName', a.normalized_name),
         domain = CASE WHEN src.account_id IS NULL THEN a.domain ELSE src.fields->>'domain' END,
         country = CASE WHEN src.account_id IS NULL THEN a.country ELSE src.fields->>'country' END,
         industry = CASE WHEN src.account_id IS NULL THEN a.industry ELSE src.fields->>'industry' END,
         employees = CASE WHEN src.account_id IS NULL THEN a.employees ELSE (src.fields->>'employees')::integer END,
         annual_revenue = CASE WHEN src.account_id IS NULL THEN a.annual_revenue ELSE (src.fields->>'annualRevenue')::numeric END,
         technologies = COALESCE(src.fields->'technologies', a.technologies),
         lifecycle_stage = CASE WHEN src.account_id IS NULL THEN a.lifecycle_stage ELSE src.fields->>'lifecycleStage' END,
         owner_crm_user_id = CASE WHEN src.account_id IS NULL THEN a.owner_crm_user_id ELSE src.fields->>'ownerCrmUserId' END,
         custom_fields = COALESCE(src.fields->'custom', a.custom_fields),
         deleted_at = CASE WHEN src.account_id IS NULL THEN COALESCE(a.deleted_at, now()) ELSE NULL END,
         updated_at = now()
       FROM ids LEFT JOIN src ON src.account_id = ids.id
       WHERE a.id = ids.id`,
      [accountIds],
    );
  }

  async upsertContacts(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const probe = rows.map((r) => ({ crm_id: r.crmId, email: r.values.emailNormalized ?? null }));
    const matches = await queryRows<{ crm_id: string; existing: string | null; by_email: string | null }>(m, `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, email text))
       SELECT v.crm_id, s.contact_id AS existing,
         CASE WHEN s.contact_id IS NULL AND v.email IS NOT NULL THEN (SELECT c.id FROM contacts c WHERE c.email_normalized = v.email AND c.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM contact_sources x WHERE x.contact_id = c.id AND x.connection_id = $2) ORDER BY c.created_at, c.id LIMIT 1) END AS by_email
       FROM v LEFT JOIN contact_sources s ON s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id`,
      [JSON.stringify(probe), ctx.connectionId, ctx.objectType],
    );
    const byCrmId = new Map(matches.map((x) => [x.crm_id, x]));
    const newContacts: Array<{ id: string }> = [];
    const sources = rows.map((r) => {
      const x = byCrmId.get(r.crmId);
      let contactId = x?.existing ?? x?.by_email ?? null;
      const reason: MatchReason = x?.existing ? 'existing' : x?.by_email ? 'email' : 'new';
      if (!contactId) {
        contactId = randomUUID();
        newContacts.push({ id: contactId });
      }
      return { ...sourcePayload(r), contact_id: contactId, match_reason: reason, crm_account_id: (r.values.accountRef as string | null) ?? null };
    });
    if (newContacts.length) {
      await m.query(`INSERT INTO contacts (id, created_at, updated_at) SELECT v.id, now(), now() FROM jsonb_to_recordset($1::jsonb) AS v(id uuid)`, [JSON.stringify(newContacts)]);
    }
    await m.query(
      `INSERT INTO contact_sources (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, contact_id, crm_account_id, match_reason, fields, deleted_at, created_at, updated_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, v.modified_by, v.contact_id, v.crm_account_id, v.match_reason, v.fields, NULL, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, modified_at timestamptz, modified_by text, contact_id uuid, crm_account_id text, match_reason text, fields jsonb)
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, crm_modified_by = EXCLUDED.crm_modified_by, fields = EXCLUDED.fields,
         crm_account_id = EXCLUDED.crm_account_id, deleted_at = NULL, updated_at = now()
       WHERE contact_sources.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= contact_sources.crm_modified_at`,
      [JSON.stringify(sources), ctx.connectionId, ctx.provider, ctx.objectType],
    );
    return this.refreshContacts(m, [...new Set(sources.map((s) => s.contact_id))]);
  }

  /**
   * The merged contact = its most recent live source; consent flags are OR-ed over all live sources
   * (any CRM saying "opted out" wins). Returns the account ids of the touched contacts.
   */
  async refreshContacts(m: EntityManager, contactIds: string[]): Promise<string[]> {
    if (!contactIds.length) return [];
    const rows = await queryRows<{ account_id: string | null }>(m, `WITH ids AS (SELECT DISTINCT unnest($1::uuid[]) AS id),
       src AS (SELECT DISTINCT ON (contact_id) contact_id, connection_id, crm_account_id, fields FROM contact_sources
               WHERE contact_id = ANY($1::uuid[]) AND deleted_at IS NULL ORDER BY contact_id, crm_modified_at DESC NULLS LAST, id),
       consent AS (SELECT contact_id, bool_or(COALESCE((fields->>'emailOptOut')::boolean, false)) AS opt_out, bool_or(COALESCE((fields->>'doNotCall')::boolean, false)) AS dnc
                   FROM contact_sources WHERE contact_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY contact_id)
       UPDATE contacts c SET
         email_normalized = CASE WHEN src.contact_id IS NULL THEN c.email_normalized ELSE src.fields->>'emailNormalized' END,
         first_name = CASE WHEN src.contact_id IS NULL THEN c.first_name ELSE src.fields->>'firstName' END,
         last_name = CASE WHEN src.contact_id IS NULL THEN c.last_name ELSE src.fields->>'lastName' END,
         title = CASE WHEN src.contact_id IS NULL THEN c.title ELSE src.fields->>'title' END,
         country = CASE WHEN src.contact_id IS NULL THEN c.country ELSE src.fields->>'country' END,
         lifecycle_stage = CASE WHEN src.contact_id IS NULL THEN c.lifecycle_stage ELSE src.fields->>'lifecycleStage' END,
         email_opt_out = COALESCE(consent.opt_out, c.email_opt_out), do_not_call = COALESCE(consent.dnc, c.do_not_call),
         custom_fields = COALESCE(src.fields->'custom', c.custom_fields),
         account_id = CASE WHEN src.contact_id IS NULL THEN c.account_id
           ELSE (SELECT s.account_id FROM account_sources s WHERE s.connection_id = src.connection_id AND s.crm_id = src.crm_account_id LIMIT 1) END,
         deleted_at = CASE WHEN src.contact_id IS NULL THEN COALESCE(c.deleted_at, now()) ELSE NULL END,
         updated_at = now()
       FROM ids LEFT JOIN src ON src.contact_id = ids.id LEFT JOIN consent ON consent.contact_id = ids.id
       WHERE c.id = ids.id
       RETURNING c.account_id`,
      [contactIds],
    );
    return [...new Set(rows.map((r) => r.account_id).filter((x): x is string => !!x))];
  }
}

/** The source-row columns shared by accounts and contacts; `fields` keeps the canonical values + custom. */
export function sourcePayload(r: NormalizedRow) {
  return { crm_id: r.crmId, modified_at: r.modifiedAt, modified_by: r.modifiedBy, fields: { ...r.values, custom: r.custom } };
}
