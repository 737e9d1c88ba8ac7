import { disableJit, queryRows } from './sql-rows.util';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as orderedUuid } from 'uuid';
import type { NormalizedRow } from '../../sync/mapping/record-normalizer.util';
import type { GraphBatchContext } from './graph-sync.types';
import type { ConsentBefore } from './consent-event.repository';

type MatchReason = 'existing' | 'crm_id_reference' | 'domain' | 'name_country' | 'email' | 'new';

interface ContactMatchRow {
  crm_id: string;
  existing: string | null;
  email_opt_out: boolean | null;
  do_not_call: boolean | null;
  modified_at: Date | string | null;
  by_email: string | null;
}

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
 *
 * Every per-record lookup is written so that its only plan is an index probe, whatever the table size
 * and planner statistics (PGlite never analyses; a fresh PostgreSQL table has none until autovacuum):
 * LATERAL … LIMIT 1 instead of a join (which may hash the whole connection's rows per batch), and
 * "$2 <> ALL (sources of this record)" instead of NOT EXISTS (whose anti-join may scan the connection's
 * slice of the unique index). bench/bulk-upsert.bench.ts shows the difference at 200k+ rows.
 */
@Injectable()
export class IdentityUpsertRepository {
  async upsertAccounts(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    await disableJit(m);
    const probe = rows.map((r) => ({ crm_id: r.crmId, domain: r.values.domain ?? null, normalized_name: r.values.normalizedName ?? null, country: r.values.country ?? null, crm_ref: r.values.crmRef ?? null }));
    const matches = await queryRows<MatchRow>(m, `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, domain text, normalized_name text, country text, crm_ref text))
       SELECT v.crm_id, s.account_id AS existing,
         CASE WHEN s.account_id IS NULL AND v.crm_ref IS NOT NULL THEN (SELECT r.account_id FROM account_sources r WHERE r.crm_id = v.crm_ref AND r.connection_id <> $2 AND r.deleted_at IS NULL ORDER BY r.created_at LIMIT 1) END AS by_ref,
         CASE WHEN s.account_id IS NULL THEN (SELECT r.account_id FROM account_sources r WHERE r.crm_ref_id = v.crm_id AND r.connection_id <> $2 AND r.deleted_at IS NULL ORDER BY r.created_at LIMIT 1) END AS by_backref,
         CASE WHEN s.account_id IS NULL AND v.domain IS NOT NULL THEN (SELECT a.id FROM accounts a WHERE a.domain = v.domain AND a.deleted_at IS NULL
           AND $2::uuid <> ALL (SELECT x.connection_id FROM account_sources x WHERE x.account_id = a.id) ORDER BY a.created_at, a.id LIMIT 1) END AS by_domain,
         CASE WHEN s.account_id IS NULL AND v.country IS NOT NULL AND v.normalized_name <> '' THEN (SELECT a.id FROM accounts a WHERE a.normalized_name = v.normalized_name AND a.country = v.country AND a.deleted_at IS NULL
           AND (v.domain IS NULL OR a.domain IS NULL)
           AND $2::uuid <> ALL (SELECT x.connection_id FROM account_sources x WHERE x.account_id = a.id) ORDER BY a.created_at, a.id LIMIT 1) END AS by_name
       FROM v LEFT JOIN LATERAL (SELECT s.account_id FROM account_sources s WHERE s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id LIMIT 1) s ON true`,
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

  /**
   * The merged account row = its most recently modified live source; no live source → deleted_at.
   * Written as INSERT … ON CONFLICT (id) DO UPDATE over the given ids (never inserting: only ids whose
   * row exists, locked, get through) rather than UPDATE … FROM: every id then costs one primary-key probe
   * whatever the table size or planner statistics, where the join could turn into a full scan of accounts
   * per batch (quadratic over a large sync; see bench/bulk-upsert.bench.ts).
   */
  async refreshAccounts(m: EntityManager, accountIds: string[]): Promise<void> {
    if (!accountIds.length) return;
    await disableJit(m);
    await m.query(
      `INSERT INTO accounts AS a (id, name, normalized_name, domain, country, industry, employees, annual_revenue, technologies, lifecycle_stage, owner_crm_user_id,
         is_target_account, custom_fields, deleted_at, created_at, updated_at)
       SELECT cur.id, COALESCE(src.fields->>'name', cur.name), COALESCE(src.fields->>'normalizedName', cur.normalized_name),
         CASE WHEN src.account_id IS NULL THEN cur.domain ELSE src.fields->>'domain' END,
         CASE WHEN src.account_id IS NULL THEN cur.country ELSE src.fields->>'country' END,
         CASE WHEN src.account_id IS NULL THEN cur.industry ELSE src.fields->>'industry' END,
         CASE WHEN src.account_id IS NULL THEN cur.employees ELSE (src.fields->>'employees')::integer END,
         CASE WHEN src.account_id IS NULL THEN cur.annual_revenue ELSE (src.fields->>'annualRevenue')::numeric END,
         COALESCE(src.fields->'technologies', cur.technologies),
         CASE WHEN src.account_id IS NULL THEN cur.lifecycle_stage ELSE src.fields->>'lifecycleStage' END,
         CASE WHEN src.account_id IS NULL THEN cur.owner_crm_user_id ELSE src.fields->>'ownerCrmUserId' END,
         cur.is_target_account, COALESCE(src.fields->'custom', cur.custom_fields),
         CASE WHEN src.account_id IS NULL THEN COALESCE(cur.deleted_at, now()) ELSE NULL END, cur.created_at, now()
       FROM (SELECT DISTINCT unnest($1::uuid[]) AS id ORDER BY 1) ids
       CROSS JOIN LATERAL (SELECT * FROM accounts x WHERE x.id = ids.id FOR UPDATE) cur
       LEFT JOIN LATERAL (SELECT s.account_id, s.fields FROM account_sources s WHERE s.account_id = ids.id AND s.deleted_at IS NULL
                          ORDER BY s.crm_modified_at DESC NULLS LAST, s.id LIMIT 1) src ON true
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, normalized_name = EXCLUDED.normalized_name, domain = EXCLUDED.domain, country = EXCLUDED.country, industry = EXCLUDED.industry,
         employees = EXCLUDED.employees, annual_revenue = EXCLUDED.annual_revenue, technologies = EXCLUDED.technologies, lifecycle_stage = EXCLUDED.lifecycle_stage,
         owner_crm_user_id = EXCLUDED.owner_crm_user_id, custom_fields = EXCLUDED.custom_fields, deleted_at = EXCLUDED.deleted_at, updated_at = EXCLUDED.updated_at`,
      [accountIds],
    );
  }

  /**
   * Contacts of one page: one probe per record (its stored source and that source's consent flags, or an
   * e-mail match), people seen for the first time inserted with their final merged values (this record is
   * their only source, so a refresh would just rewrite them), the source rows upserted — a re-read that
   * changes nothing is not rewritten — and a refresh only for people whose sources were written.
   * `before`, when given, receives each already-stored record's consent flags and stamp (the consent
   * history compares against them), saving a second probe of the same rows.
   */
  async upsertContacts(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[], before?: Map<string, ConsentBefore>): Promise<string[]> {
    if (rows.length === 0) return [];
    await disableJit(m);
    const probe = rows.map((r) => ({ crm_id: r.crmId, email: r.values.emailNormalized ?? null }));
    const matches = await queryRows<ContactMatchRow>(m, `WITH v AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, email text))
       SELECT v.crm_id, s.contact_id AS existing, s.email_opt_out, s.do_not_call, s.crm_modified_at AS modified_at,
         CASE WHEN s.contact_id IS NULL AND v.email IS NOT NULL THEN (SELECT c.id FROM contacts c WHERE c.email_normalized = v.email AND c.deleted_at IS NULL
           AND $2::uuid <> ALL (SELECT x.connection_id FROM contact_sources x WHERE x.contact_id = c.id) ORDER BY c.created_at, c.id LIMIT 1) END AS by_email
       FROM v LEFT JOIN LATERAL (SELECT s.contact_id, (s.fields->>'emailOptOut')::boolean AS email_opt_out, (s.fields->>'doNotCall')::boolean AS do_not_call, s.crm_modified_at
                                 FROM contact_sources s WHERE s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id LIMIT 1) s ON true`,
      [JSON.stringify(probe), ctx.connectionId, ctx.objectType],
    );
    const byCrmId = new Map(matches.map((x) => [x.crm_id, x]));
    for (const x of matches) {
      if (before && x.existing) before.set(x.crm_id, { emailOptOut: x.email_opt_out, doNotCall: x.do_not_call, modifiedAt: x.modified_at ? new Date(x.modified_at).toISOString() : null });
    }
    const created = new Map<string, string>();
    // New rows get UUID version 7 ids (time-ordered): rows created by one page commit get neighbouring keys, so
    // their primary-key and foreign-key index entries land on the few right-most btree pages instead of one random
    // page each; at a million rows a random key dirties (and after each checkpoint writes a full image of) a
    // different index page per row.
    const sources = rows.map((r) => {
      const x = byCrmId.get(r.crmId);
      let contactId = x?.existing ?? x?.by_email ?? null;
      const reason: MatchReason = x?.existing ? 'existing' : x?.by_email ? 'email' : 'new';
      if (!contactId) {
        contactId = orderedUuid();
        created.set(r.crmId, contactId);
      }
      return { ...sourcePayload(r), id: orderedUuid(), contact_id: contactId, match_reason: reason, crm_account_id: (r.values.accountRef as string | null) ?? null };
    });
    const accountIds = new Set<string>();
    if (created.size) {
      // The values refreshContacts would compute for a person whose only live source is this record.
      const inserted = await queryRows<{ account_id: string | null }>(m, `INSERT INTO contacts (id, email_normalized, first_name, last_name, title, country, lifecycle_stage,
           email_opt_out, do_not_call, custom_fields, account_id, created_at, updated_at)
         SELECT v.contact_id, v.fields->>'emailNormalized', v.fields->>'firstName', v.fields->>'lastName', v.fields->>'title', v.fields->>'country', v.fields->>'lifecycleStage',
           COALESCE((v.fields->>'emailOptOut')::boolean, false), COALESCE((v.fields->>'doNotCall')::boolean, false), COALESCE(v.fields->'custom', '{}'::jsonb),
           (SELECT s.account_id FROM account_sources s WHERE s.crm_id = v.crm_account_id AND s.connection_id = $2 LIMIT 1), now(), now()
         FROM jsonb_to_recordset($1::jsonb) AS v(contact_id uuid, crm_account_id text, fields jsonb)
         RETURNING account_id`,
        [JSON.stringify(sources.filter((s) => created.get(s.crm_id) === s.contact_id)), ctx.connectionId],
      );
      inserted.forEach((c) => c.account_id && accountIds.add(c.account_id));
    }
    const written = await queryRows<{ crm_id: string; contact_id: string }>(m,
      `INSERT INTO contact_sources (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, contact_id, crm_account_id, match_reason, fields, deleted_at, created_at, updated_at)
       SELECT v.id, $2, $3, $4, v.crm_id, v.modified_at, v.modified_by, v.contact_id, v.crm_account_id, v.match_reason, v.fields, NULL, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, crm_id text, modified_at timestamptz, modified_by text, contact_id uuid, crm_account_id text, match_reason text, fields jsonb)
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, crm_modified_by = EXCLUDED.crm_modified_by, fields = EXCLUDED.fields,
         crm_account_id = EXCLUDED.crm_account_id, deleted_at = NULL, updated_at = now()
       WHERE (contact_sources.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= contact_sources.crm_modified_at)
         AND (contact_sources.deleted_at IS NOT NULL OR contact_sources.crm_modified_at IS DISTINCT FROM EXCLUDED.crm_modified_at
           OR contact_sources.crm_modified_by IS DISTINCT FROM EXCLUDED.crm_modified_by OR contact_sources.crm_account_id IS DISTINCT FROM EXCLUDED.crm_account_id
           OR contact_sources.fields IS DISTINCT FROM EXCLUDED.fields)
       RETURNING crm_id, contact_id`,
      [JSON.stringify(sources), ctx.connectionId, ctx.provider, ctx.objectType],
    );
    const landed = new Map(written.map((w) => [w.crm_id, w.contact_id]));
    const refresh = new Set<string>();
    for (const w of written) if (created.get(w.crm_id) !== w.contact_id) refresh.add(w.contact_id);
    // A concurrent page inserted the same record first: the person created here has no source, and the refresh marks it deleted.
    for (const [crmId, id] of created) if (landed.get(crmId) !== id) refresh.add(id);
    for (const a of await this.refreshContacts(m, [...refresh])) accountIds.add(a);
    return [...accountIds];
  }

  /**
   * The merged contact = its most recent live source; consent flags are OR-ed over all live sources
   * (any CRM saying "opted out" wins). Returns the account ids of the given contacts.
   * Same shape as refreshAccounts (per-id probes, no join against the whole contacts table). The account
   * comes from the winning source's connection, which may not be the batch's, so it is looked up by
   * (connection, CRM id) through the account_sources (crm_id, connection_id) index. A row whose merged
   * values are already stored is left alone: no new row version, no index entries, updated_at kept.
   */
  async refreshContacts(m: EntityManager, contactIds: string[]): Promise<string[]> {
    if (!contactIds.length) return [];
    await disableJit(m);
    const rows = await queryRows<{ account_id: string | null }>(m, `WITH merged AS (
       SELECT cur.id,
         CASE WHEN src.contact_id IS NULL THEN cur.email_normalized ELSE src.fields->>'emailNormalized' END AS email_normalized,
         CASE WHEN src.contact_id IS NULL THEN cur.first_name ELSE src.fields->>'firstName' END AS first_name,
         CASE WHEN src.contact_id IS NULL THEN cur.last_name ELSE src.fields->>'lastName' END AS last_name,
         CASE WHEN src.contact_id IS NULL THEN cur.title ELSE src.fields->>'title' END AS title,
         CASE WHEN src.contact_id IS NULL THEN cur.country ELSE src.fields->>'country' END AS country,
         CASE WHEN src.contact_id IS NULL THEN cur.lifecycle_stage ELSE src.fields->>'lifecycleStage' END AS lifecycle_stage,
         COALESCE(consent.opt_out, cur.email_opt_out) AS email_opt_out, COALESCE(consent.dnc, cur.do_not_call) AS do_not_call, cur.do_not_contact,
         COALESCE(src.fields->'custom', cur.custom_fields) AS custom_fields,
         CASE WHEN src.contact_id IS NULL THEN cur.account_id
           ELSE (SELECT s.account_id FROM account_sources s WHERE s.crm_id = src.crm_account_id AND s.connection_id = src.connection_id LIMIT 1) END AS account_id,
         CASE WHEN src.contact_id IS NULL THEN COALESCE(cur.deleted_at, now()) ELSE NULL END AS deleted_at, cur.created_at
       FROM (SELECT DISTINCT unnest($1::uuid[]) AS id ORDER BY 1) ids
       CROSS JOIN LATERAL (SELECT * FROM contacts x WHERE x.id = ids.id FOR UPDATE) cur
       LEFT JOIN LATERAL (SELECT s.contact_id, s.connection_id, s.crm_account_id, s.fields FROM contact_sources s WHERE s.contact_id = ids.id AND s.deleted_at IS NULL
                          ORDER BY s.crm_modified_at DESC NULLS LAST, s.id LIMIT 1) src ON true
       LEFT JOIN LATERAL (SELECT bool_or(COALESCE((s.fields->>'emailOptOut')::boolean, false)) AS opt_out, bool_or(COALESCE((s.fields->>'doNotCall')::boolean, false)) AS dnc
                          FROM contact_sources s WHERE s.contact_id = ids.id AND s.deleted_at IS NULL) consent ON true
     ), written AS (
       INSERT INTO contacts AS c (id, email_normalized, first_name, last_name, title, country, lifecycle_stage,
         email_opt_out, do_not_call, do_not_contact, custom_fields, account_id, deleted_at, created_at, updated_at)
       SELECT id, email_normalized, first_name, last_name, title, country, lifecycle_stage, email_opt_out, do_not_call, do_not_contact, custom_fields, account_id, deleted_at, created_at, now()
       FROM merged
       ON CONFLICT (id) DO UPDATE SET
         email_normalized = EXCLUDED.email_normalized, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, title = EXCLUDED.title,
         country = EXCLUDED.country, lifecycle_stage = EXCLUDED.lifecycle_stage, email_opt_out = EXCLUDED.email_opt_out, do_not_call = EXCLUDED.do_not_call,
         custom_fields = EXCLUDED.custom_fields, account_id = EXCLUDED.account_id, deleted_at = EXCLUDED.deleted_at, updated_at = EXCLUDED.updated_at
       WHERE (c.email_normalized, c.first_name, c.last_name, c.title, c.country, c.lifecycle_stage, c.email_opt_out, c.do_not_call, c.custom_fields, c.account_id, c.deleted_at)
         IS DISTINCT FROM (EXCLUDED.email_normalized, EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.title, EXCLUDED.country, EXCLUDED.lifecycle_stage,
           EXCLUDED.email_opt_out, EXCLUDED.do_not_call, EXCLUDED.custom_fields, EXCLUDED.account_id, EXCLUDED.deleted_at)
     )
     SELECT account_id FROM merged`,
      [contactIds],
    );
    return [...new Set(rows.map((r) => r.account_id).filter((x): x is string => !!x))];
  }
}

/** The source-row columns shared by accounts and contacts; `fields` keeps the canonical values + custom. */
export function sourcePayload(r: NormalizedRow) {
  return { crm_id: r.crmId, modified_at: r.modifiedAt, modified_by: r.modifiedBy, fields: { ...r.values, custom: r.custom } };
}
