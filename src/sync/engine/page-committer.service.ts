import { queryRows } from '../../account-graph/sync/sql-rows.util';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GraphDeletionRepository } from '../../account-graph/sync/graph-deletion.repository';
import type { GraphBatchContext } from '../../account-graph/sync/graph-sync.types';
import { AssociationRoleRepository } from '../../account-graph/sync/association-role.repository';
import { ConsentEventRepository, type ConsentBefore } from '../../account-graph/sync/consent-event.repository';
import { IdentityUpsertRepository } from '../../account-graph/sync/identity-upsert.repository';
import { RelatedUpsertRepository } from '../../account-graph/sync/related-upsert.repository';
import { QueueService } from '../../platform/queue/queue.service';
import type { CallTracker } from '../limits/call-tracker';
import type { ObjectMapping } from '../mapping/object-mapping.types';
import { normalizeRecord, type NormalizedRow } from '../mapping/record-normalizer.util';
import type { CrmRecord } from '../ports/crm-types';
import { SyncStateRepository } from './sync-state.repository';

export interface PageContext {
  runId: string;
  graph: GraphBatchContext;
  mapping: ObjectMapping;
  integrationUserId: string | null;
  /** Absent for webhook-triggered targeted reads (the stamp guard makes them safe beside a running sync). */
  lease?: { owner: string; ttlSeconds: number };
  tracker: CallTracker;
}

export interface PageCounts {
  read: number;
  upserted: number;
  deleted: number;
  quarantined: number;
  echo: number;
}

const SCORE_CHUNK = 1000;

/** Replaces NUL and lone surrogates so a quarantined payload can be stored as jsonb. */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return Buffer.from(value.replace(/\u0000/g, '\uFFFD'), 'utf8').toString('utf8');
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)]));
  return value;
}

/**
 * Commits one page read from a CRM in ONE transaction: quarantine, echo filter, deletes and merges,
 * upserts and identity matching, run counters, checkpoint, lease renewal, API usage, and the
 * score.accounts job for the touched accounts. A crash before COMMIT loses nothing (the checkpoint
 * still points before this page); after COMMIT the page is never applied twice.
 */
@Injectable()
export class PageCommitter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly state: SyncStateRepository,
    private readonly identity: IdentityUpsertRepository,
    private readonly related: RelatedUpsertRepository,
    private readonly deletion: GraphDeletionRepository,
    private readonly queue: QueueService,
  ) {}

  // Stateless SQL helpers, created here so the constructor (and hand-wired test harnesses) stay as they are.
  private readonly consent = new ConsentEventRepository();
  private readonly labelRoles = new AssociationRoleRepository();

  async commit(ctx: PageContext, records: CrmRecord[], checkpoint: Record<string, unknown>): Promise<PageCounts> {
    const counts: PageCounts = { read: records.length, upserted: 0, deleted: 0, quarantined: 0, echo: 0 };
    const quarantined: Array<{ crm_id: string | null; reason: string; payload: unknown }> = [];
    const latest = new Map<string, NormalizedRow>();
    for (const record of records) {
      const result = normalizeRecord(ctx.mapping, record);
      if (!result.ok) {
        quarantined.push({ crm_id: record.id ? String(record.id).slice(0, 64) : null, reason: result.reason, payload: storable(record.fields) });
        continue;
      }
      const prev = latest.get(result.row.crmId);
      if (!prev || (result.row.modifiedAt ?? '') >= (prev.modifiedAt ?? '')) latest.set(result.row.crmId, result.row);
    }
    const rows = [...latest.values()];
    const deletedRows = rows.filter((r) => r.deleted || (r.mergedIntoId && r.mergedIntoId !== r.crmId));
    let liveRows = rows.filter((r) => !deletedRows.includes(r));
    const merged = liveRows.flatMap((r) => r.mergedIds.filter((id) => id !== r.crmId).map((id) => ({ id, mergedInto: r.crmId })));
    await this.dataSource.transaction(async (m) => {
      if (ctx.lease) await this.state.renewLease(m, ctx.graph.connectionId, ctx.graph.objectType, ctx.lease.owner, ctx.lease.ttlSeconds);
      const echoes = await this.echoes(m, ctx, liveRows);
      counts.echo = echoes.size;
      liveRows = liveRows.filter((r) => !echoes.has(r.crmId));
      const touched = new Set<string>();
      const del = await this.deletion.markDeleted(m, ctx.graph, ctx.mapping.kind, [...deletedRows.map((r) => ({ id: r.crmId, mergedInto: r.mergedIntoId })), ...merged]);
      del.accountIds.forEach((a) => touched.add(a));
      counts.deleted = del.count;
      for (const a of await this.upsert(m, ctx, liveRows)) touched.add(a);
      counts.upserted = liveRows.length;
      counts.quarantined = quarantined.length;
      await this.quarantine(m, ctx, quarantined, liveRows.map((r) => r.crmId));
      await ctx.tracker.flush(m, ctx.graph.connectionId);
      await this.state.recordPage(m, ctx.runId, counts, ctx.tracker.calls, checkpoint, quarantined.map((q) => q.crm_id).filter((x): x is string => !!x));
      await this.enqueueScoring(m, [...touched], `sync:${ctx.graph.objectType}`);
    });
    return counts;
  }

  async upsert(m: EntityManager, ctx: PageContext, rows: NormalizedRow[]): Promise<string[]> {
    switch (ctx.mapping.kind) {
      case 'account':
        return this.identity.upsertAccounts(m, ctx.graph, rows);
      case 'contact': {
        const consentBefore = new Map<string, ConsentBefore>();
        const accounts = await this.identity.upsertContacts(m, ctx.graph, rows, consentBefore);
        await this.consent.record(m, ctx.graph, ctx.mapping, consentBefore, rows);
        if (ctx.mapping.fields.buyingRole) accounts.push(...(await this.related.upsertAccountContactRoles(m, ctx.graph, rows, 'hs_buying_role')));
        if (ctx.mapping.labelledAssociations?.includes('companies')) accounts.push(...(await this.labelRoles.replaceCompanyContactRoles(m, ctx.graph, this.labelRoles.linkSets(rows, 'account'), ctx.mapping.labelRoles)));
        return accounts;
      }
      case 'opportunity': {
        const accounts = await this.related.upsertOpportunities(m, ctx.graph, rows);
        if (ctx.mapping.labelledAssociations?.includes('contacts')) accounts.push(...(await this.labelRoles.replaceDealContactRoles(m, ctx.graph, this.labelRoles.linkSets(rows, 'contact'), ctx.mapping.labelRoles)));
        return accounts;
      }
      case 'license':
        return this.related.upsertLicenses(m, ctx.graph, rows);
      case 'account_contact_role':
        return this.related.upsertAccountContactRoles(m, ctx.graph, rows, 'sf_account_contact_relation');
      case 'opportunity_contact_role':
        return this.related.upsertOpportunityContactRoles(m, ctx.graph, rows);
      case 'activity':
        return this.related.upsertActivities(m, ctx.graph, rows, ctx.integrationUserId);
    }
  }

  /**
   * Our own write-backs bump the CRM's stamps. A record last modified by the integration user, or whose
   * stamp equals the one write_back_ledger recorded after our write, is skipped when its mapped values
   * equal what we already hold: the echo costs no API call and triggers no rescoring. Anything a
   * human changed alongside still differs and goes through.
   */
  private async echoes(m: EntityManager, ctx: PageContext, rows: NormalizedRow[]): Promise<Set<string>> {
    if (!rows.length || (ctx.mapping.kind !== 'account' && ctx.mapping.kind !== 'contact')) return new Set();
    const ledger = await queryRows<{ crm_id: string }>(m, `SELECT DISTINCT l.crm_id FROM write_back_ledger l JOIN jsonb_to_recordset($3::jsonb) AS v(crm_id text, modified_at timestamptz) ON v.crm_id = l.crm_id
       WHERE l.connection_id = $1 AND l.object_type = $2 AND l.status = 'written' AND l.crm_modified_at = v.modified_at`,
      [ctx.graph.connectionId, ctx.graph.objectType, JSON.stringify(rows.map((r) => ({ crm_id: r.crmId, modified_at: r.modifiedAt })))],
    );
    const candidates = rows.filter((r) => (ctx.integrationUserId && r.modifiedBy === ctx.integrationUserId) || ledger.some((l) => l.crm_id === r.crmId));
    if (!candidates.length) return new Set();
    const table = ctx.mapping.kind === 'account' ? 'account_sources' : 'contact_sources';
    const same = await queryRows<{ crm_id: string }>(m, `SELECT s.crm_id FROM ${table} s JOIN jsonb_to_recordset($3::jsonb) AS v(crm_id text, fields jsonb) ON v.crm_id = s.crm_id
       WHERE s.connection_id = $1 AND s.object_type = $2 AND s.deleted_at IS NULL AND s.fields = v.fields`,
      [ctx.graph.connectionId, ctx.graph.objectType, JSON.stringify(candidates.map((r) => ({ crm_id: r.crmId, fields: { ...r.values, custom: r.custom } })))],
    );
    return new Set(same.map((s) => s.crm_id));
  }

  private async quarantine(m: EntityManager, ctx: PageContext, rows: Array<{ crm_id: string | null; reason: string; payload: unknown }>, okIds: string[]): Promise<void> {
    const { connectionId, objectType } = ctx.graph;
    if (okIds.length) {
      await m.query(`UPDATE quarantined_records SET resolved_at = now() WHERE connection_id = $1 AND object_type = $2 AND crm_id = ANY($3::text[]) AND resolved_at IS NULL`, [connectionId, objectType, okIds]);
    }
    if (!rows.length) return;
    await m.query(`DELETE FROM quarantined_records WHERE connection_id = $1 AND object_type = $2 AND crm_id = ANY($3::text[]) AND resolved_at IS NULL`, [connectionId, objectType, rows.map((r) => r.crm_id).filter(Boolean)]);
    await m.query(
      `INSERT INTO quarantined_records (id, connection_id, sync_run_id, object_type, crm_id, reason, payload, created_at)
       SELECT gen_random_uuid(), $2, $3, $4, v.crm_id, v.reason, v.payload, now() FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, reason text, payload jsonb)`,
      [JSON.stringify(rows), connectionId, ctx.runId, objectType],
    );
  }

  /** score.accounts for the touched accounts, enqueued in the caller's transaction. */
  async enqueueScoring(m: EntityManager, accountIds: string[], reason: string): Promise<void> {
    if (!accountIds.length || !this.queue.isStarted()) return;
    for (let i = 0; i < accountIds.length; i += SCORE_CHUNK) {
      await this.queue.sendInTransaction(m, 'score.accounts', { accountIds: accountIds.slice(i, i + SCORE_CHUNK), reason });
    }
  }
}
