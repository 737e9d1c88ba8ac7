import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { labelKey, roleForLabel } from '../../sync/mapping/association-label-roles.util';
import type { NormalizedRow } from '../../sync/mapping/record-normalizer.util';
import type { GraphBatchContext } from './graph-sync.types';
import { ids } from './related-upsert.repository';
import { queryRows } from './sql-rows.util';

/** Associations of one record as read (v4 batch read): target id and its labels (empty = unlabelled). */
export type LabelledLinks = Array<{ id: string; labels?: string[] }>;

/** A record id and its current associations of one kind (a deal's contacts, a contact's companies). */
export interface LinkSet {
  crmId: string;
  modifiedAt: string | null;
  links: LabelledLinks;
}

/** HubSpot-defined "Primary" marks the main company, not a buying role. */
const NOT_A_ROLE = new Set(['primary']);

/** One row per (record, target, label): a stable key within varchar(64), hashed when a label is long. */
function roleKey(fromId: string, toId: string, label: string | null): string {
  const base = `${fromId}:${toId}`;
  if (!label) return base;
  const key = `${base}:${labelKey(label)}`;
  return key.length <= 64 ? key : `${base}:${createHash('sha1').update(label).digest('hex').slice(0, 12)}`;
}

/**
 * HubSpot association labels as buying roles. Deal–contact labels become opportunity_contact_roles, stored
 * like Salesforce OpportunityContactRole (one row per deal, contact and label; an unlabelled association is
 * a row without a role, like an OCR with an empty Role). Company–contact labels become account_contact_roles
 * with source 'hs_association_label'. Each call replaces the whole set of the records it is given (the
 * associations were read just now, so they are current): labels that are gone are soft-deleted. Only rows
 * that actually changed are written, and only their accounts are returned for rescoring.
 */
@Injectable()
export class AssociationRoleRepository {
  linkSets(rows: NormalizedRow[], kind: 'contact' | 'account'): LinkSet[] {
    return rows.filter((r) => !r.deleted && r.associations?.[kind] !== undefined).map((r) => ({ crmId: r.crmId, modifiedAt: r.modifiedAt, links: r.associations?.[kind] ?? [] }));
  }

  async replaceDealContactRoles(m: EntityManager, ctx: GraphBatchContext, sets: LinkSet[], labelRoles: Record<string, string> = {}): Promise<string[]> {
    if (!sets.length) return [];
    const payload = sets.flatMap((s) => s.links.flatMap((link) => {
      const labels = (link.labels ?? []).filter((l) => l.trim() !== '');
      return (labels.length ? labels : [null]).map((label) => ({
        crm_id: roleKey(s.crmId, link.id, label), deal: s.crmId, contact_ref: link.id, modified_at: s.modifiedAt,
        crm_role: label ? label.slice(0, 120) : null, role: label ? roleForLabel(label, labelRoles) : null,
      }));
    }));
    const retired = await queryRows<{ account_id: string | null }>(m,
      `UPDATE opportunity_contact_roles t SET deleted_at = now(), updated_at = now()
       WHERE t.connection_id = $1 AND t.object_type = $2 AND t.crm_opportunity_id = ANY($3::text[]) AND t.deleted_at IS NULL AND NOT (t.crm_id = ANY($4::text[]))
       RETURNING (SELECT o.account_id FROM opportunities o WHERE o.id = t.opportunity_id) AS account_id`,
      [ctx.connectionId, ctx.objectType, sets.map((s) => s.crmId), payload.map((p) => p.crm_id)],
    );
    if (!payload.length) return ids(retired.map((r) => r.account_id));
    const written = await queryRows<{ account_id: string | null }>(m,
      `WITH v AS (
         SELECT v.*, (SELECT o.id FROM opportunities o WHERE o.connection_id = $2 AND o.object_type = $4 AND o.crm_id = v.deal) AS opportunity_id,
           (SELECT s.contact_id FROM contact_sources s WHERE s.connection_id = $2 AND s.object_type = $5 AND s.crm_id = v.contact_ref) AS contact_id
         FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, deal text, contact_ref text, modified_at timestamptz, crm_role text, role text)),
       ins AS (
         INSERT INTO opportunity_contact_roles AS t (id, connection_id, provider, object_type, crm_id, crm_modified_at, crm_modified_by, opportunity_id, contact_id, crm_opportunity_id, crm_contact_id, crm_role, role, is_primary, deleted_at, updated_at)
         SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.modified_at, NULL, v.opportunity_id, v.contact_id, v.deal, v.contact_ref, v.crm_role, v.role, false, NULL, now() FROM v
         ON CONFLICT (connection_id, object_type, crm_id) DO UPDATE SET
           crm_modified_at = COALESCE(EXCLUDED.crm_modified_at, t.crm_modified_at), opportunity_id = EXCLUDED.opportunity_id, contact_id = EXCLUDED.contact_id,
           crm_role = EXCLUDED.crm_role, role = EXCLUDED.role, deleted_at = NULL, updated_at = now()
         WHERE (t.opportunity_id, t.contact_id, t.crm_role, t.role, t.deleted_at) IS DISTINCT FROM (EXCLUDED.opportunity_id, EXCLUDED.contact_id, EXCLUDED.crm_role, EXCLUDED.role, NULL::timestamptz)
         RETURNING t.opportunity_id)
       SELECT o.account_id FROM ins JOIN opportunities o ON o.id = ins.opportunity_id`,
      [JSON.stringify(payload), ctx.connectionId, ctx.provider, ctx.objectType, ctx.contactObject],
    );
    return ids([...retired, ...written].map((r) => r.account_id));
  }

  /** Company–contact labels on contact rows (opt-in: the contacts mapping lists companies in labelledAssociations). */
  async replaceCompanyContactRoles(m: EntityManager, ctx: GraphBatchContext, sets: LinkSet[], labelRoles: Record<string, string> = {}): Promise<string[]> {
    if (!sets.length) return [];
    const payload = sets.flatMap((s) => s.links.flatMap((link) => (link.labels ?? []).filter((l) => l.trim() !== '' && !NOT_A_ROLE.has(labelKey(l))).map((label) => ({
      crm_id: s.crmId, account_ref: link.id, value: label.slice(0, 120), role: roleForLabel(label, labelRoles),
    }))));
    const retired = await queryRows<{ account_id: string }>(m,
      `UPDATE account_contact_roles SET deleted_at = now(), updated_at = now() WHERE connection_id = $1 AND source = 'hs_association_label' AND crm_id = ANY($2::text[]) AND deleted_at IS NULL RETURNING account_id`,
      [ctx.connectionId, sets.map((s) => s.crmId)],
    );
    if (!payload.length) return ids(retired.map((r) => r.account_id));
    const written = await queryRows<{ account_id: string }>(m,
      `INSERT INTO account_contact_roles (id, account_id, contact_id, role, source, crm_value, connection_id, crm_id, confidence, evidence, is_primary, deleted_at, updated_at)
       SELECT gen_random_uuid(), x.account_id, x.contact_id, x.role, 'hs_association_label', x.value, $2, x.crm_id, 1, '[]'::jsonb, false, NULL, now()
       FROM (SELECT DISTINCT ON (account_id, contact_id, role) * FROM (
               SELECT v.*, (SELECT s.account_id FROM account_sources s WHERE s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.account_ref) AS account_id,
                 (SELECT s.contact_id FROM contact_sources s WHERE s.connection_id = $2 AND s.object_type = $4 AND s.crm_id = v.crm_id) AS contact_id
               FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, account_ref text, value text, role text)) y
             WHERE y.account_id IS NOT NULL AND y.contact_id IS NOT NULL) x
       ON CONFLICT (account_id, contact_id, role, source) DO UPDATE SET crm_value = EXCLUDED.crm_value, crm_id = EXCLUDED.crm_id, connection_id = EXCLUDED.connection_id, deleted_at = NULL, updated_at = now()
       RETURNING account_id`,
      [JSON.stringify(payload), ctx.connectionId, ctx.accountObject, ctx.contactObject],
    );
    return ids([...retired, ...written].map((r) => r.account_id));
  }
}
