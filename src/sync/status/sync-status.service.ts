import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectionService } from '../connections/connection.service';
import { SyncEngine } from '../engine/sync-engine.service';
import { DEFAULT_BUDGET, type BudgetPolicy } from '../limits/budget-guard.util';
import { KIND_TABLE } from '../../account-graph/sync/graph-deletion.repository';
import { queryRows } from '../../account-graph/sync/sql-rows.util';
import { BULK_MAX_RECORDS_DEFAULT } from '../connections/connection-settings.util';

export interface ObjectStatus {
  objectType: string;
  kind: string;
  lastSuccessAt: Date | null;
  cursor: Date | null;
  lagSeconds: number | null;
  lastRun: { id: string; mode: string; status: string; startedAt: Date; finishedAt: Date | null; read: number; upserted: number; deleted: number; quarantined: number; skippedEcho: number; error: string | null; errorRecordIds: string[] } | null;
  records: number;
  openQuarantine: number;
  droppedFields: string[];
  /** API calls a full backfill of this object would take at today's volume (the minimum by page size). */
  backfillCallsForecast: number;
}

export interface ConnectionStatus {
  id: string;
  name: string;
  provider: string;
  status: string;
  apiCallsToday: Record<string, number>;
  apiCallsTodayTotal: number;
  crmUsage: { used: number; max: number } | null;
  budget: { totalPercent: number; perRunPercent: number; callsAllowedToday: number | null };
  objects: ObjectStatus[];
}

/** The admin's view of sync health per connection and object (GET /api/v1/sync/status, `abm status`). */
@Injectable()
export class SyncStatusService {
  constructor(private readonly dataSource: DataSource, private readonly connections: ConnectionService, private readonly engine: SyncEngine) {}

  async status(): Promise<ConnectionStatus[]> {
    const out: ConnectionStatus[] = [];
    for (const view of await this.connections.list()) {
      const conn = await this.connections.get(view.id);
      const usage = await queryRows<{ endpoint: string; calls: number; crm_used: number | null; crm_max: number | null }>(this.dataSource,
        `SELECT endpoint, calls, crm_used, crm_max FROM api_usage_daily WHERE connection_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date`, [conn.id]);
      const reading = usage.filter((u) => u.crm_max).sort((a, b) => (b.crm_used ?? 0) - (a.crm_used ?? 0))[0];
      const budget: BudgetPolicy = { ...DEFAULT_BUDGET, ...((conn.settings as { budget?: Partial<BudgetPolicy> }).budget ?? {}) };
      const objects: ObjectStatus[] = [];
      for (const m of this.engine.mappings(conn)) objects.push(await this.objectStatus(conn.id, conn.provider, m.crmObject, m.kind, conn.settings));
      out.push({
        id: conn.id, name: conn.name, provider: conn.provider, status: conn.status,
        apiCallsToday: Object.fromEntries(usage.map((u) => [u.endpoint, Number(u.calls)])),
        apiCallsTodayTotal: usage.reduce((a, u) => a + Number(u.calls), 0),
        crmUsage: reading ? { used: Number(reading.crm_used), max: Number(reading.crm_max) } : null,
        budget: { ...budget, callsAllowedToday: reading?.crm_max ? Math.floor((Number(reading.crm_max) * budget.totalPercent) / 100) : null },
        objects,
      });
    }
    return out;
  }

  private async objectStatus(connectionId: string, provider: string, objectType: string, kind: keyof typeof KIND_TABLE, settings: Record<string, unknown>): Promise<ObjectStatus> {
    const [cursor] = await queryRows<{ modstamp: Date | null; last_success_at: Date | null; state: Record<string, unknown> }>(this.dataSource,
      `SELECT modstamp, last_success_at, state FROM sync_cursors WHERE connection_id = $1 AND object_type = $2`, [connectionId, objectType]);
    const [run] = await queryRows<Record<string, unknown>>(this.dataSource,
      `SELECT id, mode, status, started_at, finished_at, records_read, records_upserted, records_deleted, records_quarantined, records_skipped_echo, error, error_record_ids
       FROM sync_runs WHERE connection_id = $1 AND object_type = $2 AND mode <> 'webhook' ORDER BY started_at DESC LIMIT 1`, [connectionId, objectType]);
    const countSql = kind === 'account_contact_role'
      ? `SELECT count(DISTINCT crm_id)::int AS n FROM account_contact_roles WHERE connection_id = $1 AND deleted_at IS NULL AND $2::text IS NOT NULL`
      : `SELECT count(*)::int AS n FROM ${KIND_TABLE[kind]} WHERE connection_id = $1 AND object_type = $2 AND deleted_at IS NULL`;
    const [{ n }] = await queryRows<{ n: number }>(this.dataSource, countSql, [connectionId, objectType]);
    const [{ q }] = await queryRows<{ q: number }>(this.dataSource, `SELECT count(*)::int AS q FROM quarantined_records WHERE connection_id = $1 AND object_type = $2 AND resolved_at IS NULL`, [connectionId, objectType]);
    const bulkPage = (settings.bulkMaxRecords as number | undefined) ?? BULK_MAX_RECORDS_DEFAULT;
    const forecast = provider === 'salesforce' ? 3 + Math.max(1, Math.ceil(n / bulkPage)) : Math.max(1, Math.ceil(n / 100));
    return {
      objectType, kind,
      lastSuccessAt: cursor?.last_success_at ?? null,
      cursor: cursor?.modstamp ?? null,
      lagSeconds: cursor?.modstamp ? Math.round((Date.now() - new Date(cursor.modstamp).getTime()) / 1000) : null,
      lastRun: run ? {
        id: String(run.id), mode: String(run.mode), status: String(run.status), startedAt: run.started_at as Date, finishedAt: (run.finished_at as Date | null) ?? null,
        read: Number(run.records_read), upserted: Number(run.records_upserted), deleted: Number(run.records_deleted), quarantined: Number(run.records_quarantined),
        skippedEcho: Number(run.records_skipped_echo), error: (run.error as string | null) ?? null, errorRecordIds: (run.error_record_ids as string[]) ?? [],
      } : null,
      records: n,
      openQuarantine: q,
      droppedFields: ((cursor?.state?.droppedFields as string[] | undefined) ?? []),
      backfillCallsForecast: forecast,
    };
  }
}
