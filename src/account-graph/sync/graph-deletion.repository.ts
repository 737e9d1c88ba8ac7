import { queryRows } from './sql-rows.util';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ObjectKind } from '../../sync/ports/crm-types';
import type { GraphBatchContext } from './graph-sync.types';
import { IdentityUpsertRepository } from './identity-upsert.repository';
import { ids, RelatedUpsertRepository } from './related-upsert.repository';

/** The table holding each kind's CRM rows (the "source" rows for accounts and contacts). */
export const KIND_TABLE: Record<ObjectKind, string> = {
  account: 'account_sources',
  contact: 'contact_sources',
  opportunity: 'opportunities',
  license: 'license_records',
  account_contact_role: 'account_contact_roles',
  opportunity_contact_role: 'opportunity_contact_roles',
  activity: 'activities',
};

/**
 * Deletes and merges: CRM rows get deleted_at (and the surviving id for merges); accounts and contacts
 * whose every source is gone get deleted_at too, which drops them from scores and recommendations.
 * An undelete is just a later upsert (deleted_at back to NULL).
 */
@Injectable()
export class GraphDeletionRepository {
  constructor(private readonly identity: IdentityUpsertRepository, private readonly related: RelatedUpsertRepository) {}

  async markDeleted(m: EntityManager, ctx: GraphBatchContext, kind: ObjectKind, refs: Array<{ id: string; mergedInto?: string | null }>): Promise<{ accountIds: string[]; count: number }> {
    if (!refs.length) return { accountIds: [], count: 0 };
    const crmIds = refs.map((r) => r.id);
    const payload = JSON.stringify(refs.map((r) => ({ crm_id: r.id, merged: r.mergedInto ?? null })));
    if (kind === 'account_contact_role') {
      const accountIds = await this.related.retireRoles(m, ctx.connectionId, 'sf_account_contact_relation', crmIds);
      return { accountIds, count: accountIds.length };
    }
    if (kind === 'account') {
      const rows = await queryRows<{ account_id: string }>(m, `UPDATE account_sources s SET deleted_at = COALESCE(s.deleted_at, now()), merged_into_crm_id = COALESCE(v.merged, s.merged_into_crm_id), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, merged text)
         WHERE s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id AND s.deleted_at IS NULL RETURNING s.account_id`,
        [payload, ctx.connectionId, ctx.objectType],
      );
      const accountIds = ids(rows.map((r) => r.account_id));
      await this.identity.refreshAccounts(m, accountIds);
      return { accountIds, count: rows.length };
    }
    if (kind === 'contact') {
      const rows = await queryRows<{ contact_id: string }>(m, `UPDATE contact_sources s SET deleted_at = COALESCE(s.deleted_at, now()), updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, merged text)
         WHERE s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id AND s.deleted_at IS NULL RETURNING s.contact_id`,
        [payload, ctx.connectionId, ctx.objectType],
      );
      await this.related.retireRoles(m, ctx.connectionId, 'hs_buying_role', crmIds);
      const accountIds = await this.identity.refreshContacts(m, ids(rows.map((r) => r.contact_id)));
      return { accountIds, count: rows.length };
    }
    const table = KIND_TABLE[kind];
    const accountExpr = kind === 'opportunity_contact_role' ? '(SELECT o.account_id FROM opportunities o WHERE o.id = t.opportunity_id)' : 't.account_id';
    // activities has no updated_at column.
    const touch = kind === 'activity' ? '' : ', updated_at = now()';
    const rows = await queryRows<{ account_id: string | null }>(m, `UPDATE ${table} t SET deleted_at = COALESCE(t.deleted_at, now())${touch}
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, merged text)
       WHERE t.connection_id = $2 AND t.object_type = $3 AND t.crm_id = v.crm_id AND t.deleted_at IS NULL RETURNING ${accountExpr} AS account_id`,
      [payload, ctx.connectionId, ctx.objectType],
    );
    return { accountIds: ids(rows.map((r) => r.account_id)), count: rows.length };
  }

  /** Live CRM ids we hold for one object (reconciliation compares them with the CRM's id listing). */
  async liveIds(m: EntityManager, kind: ObjectKind, connectionId: string, objectType: string): Promise<string[]> {
    if (kind === 'account_contact_role') {
      const rows = await queryRows<{ crm_id: string }>(m, `SELECT DISTINCT crm_id FROM account_contact_roles WHERE connection_id = $1 AND source = 'sf_account_contact_relation' AND deleted_at IS NULL`, [connectionId]);
      return rows.map((r) => r.crm_id);
    }
    const rows = await queryRows<{ crm_id: string }>(m, `SELECT crm_id FROM ${KIND_TABLE[kind]} WHERE connection_id = $1 AND object_type = $2 AND deleted_at IS NULL`, [connectionId, objectType]);
    return rows.map((r) => r.crm_id);
  }

  /**
   * References that arrived before their target (a contact before its account, a webhook out of order)
   * are resolved at the end of each run, set-based. Returns the accounts that gained rows. Every lookup names
   * the object type of its target, so it is a probe of the (connection, object type, CRM id) keys rather than a
   * scan of the connection's whole slice per dangling row.
   */
  async resolveDanglingRefs(m: EntityManager, graph: Pick<GraphBatchContext, 'connectionId' | 'accountObject' | 'contactObject' | 'opportunityObject'>): Promise<string[]> {
    const { connectionId, accountObject, contactObject, opportunityObject } = graph;
    const a = await queryRows<{ account_id: string }>(m, `UPDATE contacts c SET account_id = s.account_id, updated_at = now()
       FROM contact_sources cs JOIN account_sources s ON s.connection_id = cs.connection_id AND s.object_type = $2 AND s.crm_id = cs.crm_account_id
       WHERE cs.contact_id = c.id AND c.account_id IS NULL AND cs.connection_id = $1 AND cs.object_type = $3 AND cs.deleted_at IS NULL AND cs.crm_account_id IS NOT NULL
       RETURNING c.account_id`,
      [connectionId, accountObject, contactObject],
    );
    const out = a.map((r) => r.account_id);
    for (const table of ['opportunities', 'license_records']) {
      const r = await queryRows<{ account_id: string }>(m, `UPDATE ${table} t SET account_id = s.account_id, updated_at = now() FROM account_sources s
         WHERE t.connection_id = $1 AND t.account_id IS NULL AND t.crm_account_id IS NOT NULL AND s.connection_id = t.connection_id AND s.object_type = $2 AND s.crm_id = t.crm_account_id
         RETURNING t.account_id`,
        [connectionId, accountObject],
      );
      out.push(...r.map((x) => x.account_id));
    }
    await m.query(
      `UPDATE license_records t SET contact_id = cs.contact_id FROM contact_sources cs
       WHERE t.connection_id = $1 AND t.contact_id IS NULL AND t.crm_contact_id IS NOT NULL AND cs.connection_id = t.connection_id AND cs.object_type = $2 AND cs.crm_id = t.crm_contact_id`,
      [connectionId, contactObject],
    );
    const acts = await queryRows<{ account_id: string }>(m, `UPDATE activities t SET account_id = s.account_id FROM account_sources s
       WHERE t.connection_id = $1 AND t.account_id IS NULL AND t.details->>'crmAccountId' IS NOT NULL AND s.connection_id = t.connection_id AND s.object_type = $2 AND s.crm_id = t.details->>'crmAccountId'
       RETURNING t.account_id`,
      [connectionId, accountObject],
    );
    out.push(...acts.map((x) => x.account_id));
    await m.query(
      `UPDATE activities t SET contact_id = cs.contact_id FROM contact_sources cs
       WHERE t.connection_id = $1 AND t.contact_id IS NULL AND t.details->>'crmContactId' IS NOT NULL AND cs.connection_id = t.connection_id AND cs.object_type = $2 AND cs.crm_id = t.details->>'crmContactId'`,
      [connectionId, contactObject],
    );
    await m.query(
      `UPDATE opportunity_contact_roles t SET
         opportunity_id = COALESCE(t.opportunity_id, (SELECT o.id FROM opportunities o WHERE o.connection_id = t.connection_id AND o.object_type = $2 AND o.crm_id = t.crm_opportunity_id)),
         contact_id = COALESCE(t.contact_id, (SELECT cs.contact_id FROM contact_sources cs WHERE cs.connection_id = t.connection_id AND cs.object_type = $3 AND cs.crm_id = t.crm_contact_id))
       WHERE t.connection_id = $1 AND (t.opportunity_id IS NULL OR t.contact_id IS NULL)`,
      [connectionId, opportunityObject, contactObject],
    );
    return ids(out);
  }
}
