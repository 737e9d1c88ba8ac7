import { queryRows } from './sql-rows.util';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NormalizedRow } from '../../sync/mapping/record-normalizer.util';
import { canonicalRole, splitMulti } from '../../sync/mapping/value-normalizers.util';
import type { GraphBatchContext } from './graph-sync.types';

const accountOf = (ref: string) => `(SELECT s.account_id FROM account_sources s WHERE s.connection_id = $2 AND s.object_type = $5 AND s.crm_id = ${ref})`;
const contactOf = (ref: string) => `(SELECT s.contact_id FROM contact_sources s WHERE s.connection_id = $2 AND s.object_type = $6 AND s.crm_id = ${ref})`;

/**
 * Opportunities, license/service records and roles: one multi-row INSERT … ON CONFLICT per batch on
 * (connection_id, object_type, crm_id), references resolved in SQL through the source tables' unique
 * indexes. A stamp guard keeps an older read (lookback, late webhook) from overwriting a newer one.
 */
@Injectable()
export class RelatedUpsertRepository {
  private params(ctx: GraphBatchContext, payload: unknown[]): unknown[] {
    return [JSON.stringify(payload), ctx.connectionId, ctx.provider, ctx.objectType, ctx.accountObject, ctx.contactObject, ctx.opportunityObject];
  }

  async upsertOpportunities(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[]): Promise<string[]> {
    if (!rows.length) return [];
    const payload = rows.map((r) => ({ crm_id: r.crmId, modified_at: r.modifiedAt, modified_by: r.modifiedBy, ...pick(r.values, ['name', 'stage', 'type', 'amount', 'closeDate', 'isClosed', 'isWon', 'crmCreatedAt', 'accountRef']), custom: r.custom }));
    const out = await queryRows<{ account_id: string | null }>(m, `INSERT INTO opportunities (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, account_id, crm_account_id, name, stage, type, amount, close_date, is_closed, is_won, crm_created_at, custom_fields, deleted_at, updated_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, v.modified_by, ${accountOf('v."accountRef"')}, v."accountRef", v.name, v.stage, v.type, v.amount, v."closeDate", v."isClosed", v."isWon", v."crmCreatedAt", v.custom, NULL, now()
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, modified_at timestamptz, modified_by text, name text, stage text, type text, amount numeric, "closeDate" date, "isClosed" boolean, "isWon" boolean, "crmCreatedAt" timestamptz, "accountRef" text, custom jsonb)
       WHERE $6::text IS NOT NULL AND $7::text IS NOT NULL
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, crm_modified_by = EXCLUDED.crm_modified_by, account_id = EXCLUDED.account_id, crm_account_id = EXCLUDED.crm_account_id,
         name = EXCLUDED.name, stage = EXCLUDED.stage, type = EXCLUDED.type, amount = EXCLUDED.amount, close_date = EXCLUDED.close_date, is_closed = EXCLUDED.is_closed,
         is_won = EXCLUDED.is_won, crm_created_at = EXCLUDED.crm_created_at, custom_fields = EXCLUDED.custom_fields, deleted_at = NULL, updated_at = now()
       WHERE opportunities.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= opportunities.crm_modified_at
       RETURNING account_id`,
      this.params(ctx, payload),
    );
    return ids(out.map((o) => o.account_id));
  }

  async upsertLicenses(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[]): Promise<string[]> {
    if (!rows.length) return [];
    const payload = rows.map((r) => ({ crm_id: r.crmId, modified_at: r.modifiedAt, modified_by: r.modifiedBy, ...pick(r.values, ['product', 'status', 'event', 'quantity', 'amount', 'startDate', 'endDate', 'severity', 'openedAt', 'closedAt', 'accountRef', 'contactRef']), custom: r.custom }));
    const out = await queryRows<{ account_id: string | null }>(m, `INSERT INTO license_records (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, account_id, contact_id, crm_account_id, crm_contact_id, kind, product, status, event, quantity, amount, start_date, end_date, severity, opened_at, closed_at, usage, custom_fields, deleted_at, updated_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, v.modified_by, ${accountOf('v."accountRef"')}, ${contactOf('v."contactRef"')}, v."accountRef", v."contactRef", $8, v.product, v.status, v.event, v.quantity, v.amount, v."startDate", v."endDate", v.severity, v."openedAt", v."closedAt", '{}'::jsonb, v.custom, NULL, now()
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, modified_at timestamptz, modified_by text, product text, status text, event text, quantity numeric, amount numeric, "startDate" date, "endDate" date, severity text, "openedAt" timestamptz, "closedAt" timestamptz, "accountRef" text, "contactRef" text, custom jsonb)
       WHERE $7::text IS NOT NULL
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, crm_modified_by = EXCLUDED.crm_modified_by, account_id = EXCLUDED.account_id, contact_id = EXCLUDED.contact_id,
         crm_account_id = EXCLUDED.crm_account_id, crm_contact_id = EXCLUDED.crm_contact_id, kind = EXCLUDED.kind, product = EXCLUDED.product, status = EXCLUDED.status,
         event = EXCLUDED.event, quantity = EXCLUDED.quantity, amount = EXCLUDED.amount, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
         severity = EXCLUDED.severity, opened_at = EXCLUDED.opened_at, closed_at = EXCLUDED.closed_at, custom_fields = EXCLUDED.custom_fields, deleted_at = NULL, updated_at = now()
       WHERE license_records.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= license_records.crm_modified_at
       RETURNING account_id`,
      [...this.params(ctx, payload), ctx.licenseKind ?? 'license'],
    );
    return ids(out.map((o) => o.account_id));
  }

  /**
   * Engagement activities (Salesforce Task, HubSpot tasks/notes). The CRM references are kept in details
   * (crmAccountId, crmContactId) so resolveDanglingRefs can attach them later. A row is ours (never
   * counted as engagement) when it carries our recommendation id or was last written by the integration user.
   */
  async upsertActivities(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[], integrationUserId: string | null): Promise<string[]> {
    if (!rows.length) return [];
    const payload = rows.map((r) => ({
      crm_id: r.crmId, modified_at: r.modifiedAt, modified_by: r.modifiedBy, ...pick(r.values, ['type', 'direction', 'occurredAt', 'accountRef', 'contactRef', 'ourRecommendationId']),
      details: { subject: r.values.subject ?? null, crmAccountId: r.values.accountRef ?? null, crmContactId: r.values.contactRef ?? null, recommendationId: r.values.ourRecommendationId ?? null, custom: r.custom },
    }));
    const out = await queryRows<{ account_id: string | null }>(m, `INSERT INTO activities (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, account_id, contact_id, type, direction, occurred_at, is_ours, details, deleted_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, v.modified_by, ${accountOf('v."accountRef"')}, ${contactOf('v."contactRef"')}, v.type, v.direction, v."occurredAt",
         (v."ourRecommendationId" IS NOT NULL OR ($8::text IS NOT NULL AND v.modified_by = $8::text)), v.details, NULL
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, modified_at timestamptz, modified_by text, type text, direction text, "occurredAt" timestamptz, "accountRef" text, "contactRef" text, "ourRecommendationId" text, details jsonb)
       WHERE $7::text IS NOT NULL
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, crm_modified_by = EXCLUDED.crm_modified_by, account_id = EXCLUDED.account_id, contact_id = EXCLUDED.contact_id,
         type = EXCLUDED.type, direction = EXCLUDED.direction, occurred_at = EXCLUDED.occurred_at, is_ours = EXCLUDED.is_ours, details = EXCLUDED.details, deleted_at = NULL
       WHERE activities.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= activities.crm_modified_at
       RETURNING account_id`,
      [...this.params(ctx, payload), integrationUserId],
    );
    return ids(out.map((o) => o.account_id));
  }

  /** Salesforce AccountContactRelation.Roles (multi-select): one role row per value. */
  async upsertAccountContactRoles(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[], source: string): Promise<string[]> {
    if (!rows.length) return [];
    const payload = rows.flatMap((r) => splitMulti(r.values.roles ?? r.values.buyingRole).map((value) => ({
      crm_id: r.crmId, account_ref: (r.values.accountRef as string | null) ?? null, contact_ref: (r.values.contactRef as string | null) ?? r.crmId,
      role: canonicalRole(value), value, is_primary: r.values.isPrimary === true,
    })));
    await this.retireRoles(m, ctx.connectionId, source, rows.map((r) => r.crmId));
    if (!payload.length) return [];
    // For hs_buying_role the account comes from the contact row itself (the role lives on the contact).
    const accountExpr = source === 'hs_buying_role' ? `(SELECT c.account_id FROM contacts c WHERE c.id = ${contactOf('v.contact_ref')})` : accountOf('v.account_ref');
    const out = await queryRows<{ account_id: string }>(m, `INSERT INTO account_contact_roles (id, account_id, contact_id, role, source, crm_value, connection_id, crm_id, confidence, evidence, is_primary, deleted_at, updated_at)
       SELECT gen_random_uuid(), x.account_id, x.contact_id, x.role, $8, x.value, $2, x.crm_id, 1, '[]'::jsonb, x.is_primary, NULL, now()
       FROM (SELECT DISTINCT ON (account_id, contact_id, role) * FROM (
               SELECT v.*, ${accountExpr} AS account_id, ${contactOf('v.contact_ref')} AS contact_id
               FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, account_ref text, contact_ref text, role text, value text, is_primary boolean)) y
             WHERE y.account_id IS NOT NULL AND y.contact_id IS NOT NULL AND $3::text IS NOT NULL AND $4::text IS NOT NULL AND $5::text IS NOT NULL AND $7::text IS NOT NULL) x
       ON CONFLICT (account_id, contact_id, role, source) DO UPDATE SET crm_value = EXCLUDED.crm_value, crm_id = EXCLUDED.crm_id, connection_id = EXCLUDED.connection_id,
         is_primary = EXCLUDED.is_primary, deleted_at = NULL, updated_at = now()
       RETURNING account_id`,
      [...this.params(ctx, payload), source],
    );
    return ids(out.map((o) => o.account_id));
  }

  async retireRoles(m: EntityManager, connectionId: string, source: string, crmIds: string[]): Promise<string[]> {
    if (!crmIds.length) return [];
    const out = await queryRows<{ account_id: string }>(m, `UPDATE account_contact_roles SET deleted_at = now(), updated_at = now() WHERE connection_id = $1 AND source = $2 AND crm_id = ANY($3::text[]) AND deleted_at IS NULL RETURNING account_id`,
      [connectionId, source, crmIds],
    );
    return ids(out.map((o) => o.account_id));
  }

  async upsertOpportunityContactRoles(m: EntityManager, ctx: GraphBatchContext, rows: NormalizedRow[]): Promise<string[]> {
    if (!rows.length) return [];
    const payload = rows.map((r) => ({ crm_id: r.crmId, modified_at: r.modifiedAt, modified_by: r.modifiedBy, opp_ref: r.values.opportunityRef, contact_ref: r.values.contactRef, crm_role: r.values.role, role: r.values.role ? canonicalRole(String(r.values.role)) : null, is_primary: r.values.isPrimary === true }));
    const out = await queryRows<{ account_id: string | null }>(m, `WITH ins AS (
       INSERT INTO opportunity_contact_roles (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, opportunity_id, contact_id, crm_opportunity_id, crm_contact_id, crm_role, role, is_primary, deleted_at, updated_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, v.modified_by,
         (SELECT o.id FROM opportunities o WHERE o.connection_id = $2 AND o.object_type = $7 AND o.crm_id = v.opp_ref), ${contactOf('v.contact_ref')},
         v.opp_ref, v.contact_ref, v.crm_role, v.role, v.is_primary, NULL, now()
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, modified_at timestamptz, modified_by text, opp_ref text, contact_ref text, crm_role text, role text, is_primary boolean)
       WHERE $5::text IS NOT NULL
       ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
         crm_modified_at = EXCLUDED.crm_modified_at, opportunity_id = EXCLUDED.opportunity_id, contact_id = EXCLUDED.contact_id, crm_opportunity_id = EXCLUDED.crm_opportunity_id,
         crm_contact_id = EXCLUDED.crm_contact_id, crm_role = EXCLUDED.crm_role, role = EXCLUDED.role, is_primary = EXCLUDED.is_primary, deleted_at = NULL, updated_at = now()
       WHERE opportunity_contact_roles.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at IS NULL OR EXCLUDED.crm_modified_at >= opportunity_contact_roles.crm_modified_at
       RETURNING opportunity_id)
       SELECT o.account_id FROM ins JOIN opportunities o ON o.id = ins.opportunity_id`,
      this.params(ctx, payload),
    );
    return ids(out.map((o) => o.account_id));
  }
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, values[k] ?? null]));
}

export function ids(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
