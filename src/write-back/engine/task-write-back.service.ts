import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CrmTaskUpsert, WriteBackWriter } from '../ports/write-back-writer.port';
import { CountingCallHooks } from './counting-call-hooks.util';
import { WriteBackLedgerService } from './write-back-ledger.service';
import { WriteBackService } from './write-back.service';
import { writeBackSettings } from './write-back-settings.util';
import { WriterFactory } from './writer-factory.service';
import { WriteBackRun } from '../entities/write-back-run.entity';

export const TASK_TARGET = 'recommendation_task';

export interface TaskSyncSummary {
  connection: string;
  created: number;
  updated: number;
  closed: number;
  unchanged: number;
  /** New tasks held back by the per-rep daily cap (they go out on a later day, never dropped). */
  deferredByCap: number;
  failed: number;
  apiCalls: number;
}

interface TaskRow {
  external_id: string;
  status: string;
  action: string;
  reason: string;
  due_date: string | Date;
  expected_impact: number;
  rank: number;
  owner_crm_user_id: string | null;
  account_name: string;
  account_crm_id: string;
  contact_crm_id: string | null;
  last_hash: string | null;
  last_values: Record<string, unknown> | null;
}

const ACTION_WORDS: Record<string, string> = {
  engage_missing_role: 'Engage a missing buying role',
  multi_thread: 'Multi-thread the deal',
  renewal_outreach: 'Start the renewal conversation',
  re_engage: 'Re-engage the account',
  open_opportunity: 'Open an opportunity',
};

/** Owner ids only travel to the CRM they belong to: Salesforce users start with 005, HubSpot owners are numeric. */
function ownerFor(provider: string, owner: string | null): string | null {
  if (!owner) return null;
  if (provider === 'salesforce') return /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(owner) ? owner : null;
  return /^\d+$/.test(owner) ? owner : null;
}

/**
 * Recommendations into the CRM as tasks, upserted by our external id (retries and crashes never
 * duplicate), sent only when new or changed (hash in the ledger), closed when the recommendation is
 * done, dismissed or expired, and new ones capped per rep per day (the rest wait for the next day).
 */
@Injectable()
export class TaskWriteBackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: WriteBackLedgerService,
    private readonly writeBack: WriteBackService,
    private readonly writers: WriterFactory,
  ) {}

  async syncTasks(connectionName: string, options: { writer?: WriteBackWriter; hooks?: CountingCallHooks; today?: string } = {}): Promise<TaskSyncSummary> {
    const connection = await this.writeBack.findConnection(connectionName);
    const settings = writeBackSettings(connection);
    const hooks = options.hooks ?? new CountingCallHooks(this.writers.sharedHooksFor(connection));
    const writer = options.writer ?? this.writers.create(connection, hooks);
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const summary: TaskSyncSummary = { connection: connection.name, created: 0, updated: 0, closed: 0, unchanged: 0, deferredByCap: 0, failed: 0, apiCalls: 0 };
    if (!settings.tasks.enabled) return summary;
    // Salesforce can hold recommendations as the package's own records instead of Tasks (connection setting).
    const asRecords = connection.provider === 'salesforce' && settings.tasks.target === 'recommendation_object';
    const objectType = asRecords ? 'ABM_Recommendation__c' : 'task';
    const rows: TaskRow[] = await this.dataSource.query(
      `SELECT r.external_id, r.status, r.action, r.reason, r.due_date, r.expected_impact, r.rank, r.owner_crm_user_id,
              a.name AS account_name, s.crm_id AS account_crm_id, cs.crm_id AS contact_crm_id, l.value_hash AS last_hash, l.new_values AS last_values
         FROM recommendations r
         JOIN accounts a ON a.id = r.account_id
         JOIN LATERAL (SELECT crm_id FROM account_sources s WHERE s.account_id = r.account_id AND s.connection_id = $1
                        AND s.object_type = $2 AND s.deleted_at IS NULL AND s.merged_into_crm_id IS NULL ORDER BY s.crm_id LIMIT 1) s ON true
         LEFT JOIN LATERAL (SELECT crm_id FROM contact_sources c WHERE c.contact_id = r.contact_id AND c.connection_id = $1 AND c.deleted_at IS NULL
                        ORDER BY c.crm_id LIMIT 1) cs ON true
         LEFT JOIN LATERAL (SELECT value_hash, new_values FROM write_back_ledger l WHERE l.connection_id = $1 AND l.target = '${TASK_TARGET}'
                        AND l.crm_id = r.external_id AND l.status = 'written' ORDER BY l.written_at DESC LIMIT 1) l ON true
        WHERE r.owner_type = 'rep' AND (r.status IN ('open', 'accepted') OR l.value_hash IS NOT NULL)
        ORDER BY r.rank, r.expected_impact DESC, r.external_id`,
      [connection.id, writer.accountFields().object],
    );
    const createdToday = new Map<string, number>();
    const counted: Array<{ owner: string; n: string }> = await this.dataSource.query(
      `SELECT coalesce(new_values->>'owner', '') AS owner, count(*) AS n FROM write_back_ledger
        WHERE connection_id = $1 AND target = '${TASK_TARGET}' AND status = 'written' AND old_values IS NULL AND written_at::date = $2::date
        GROUP BY 1`,
      [connection.id, today],
    );
    for (const c of counted) createdToday.set(c.owner, Number(c.n));
    const send: Array<{ task: CrmTaskUpsert; hash: string; isNew: boolean; values: Record<string, unknown>; old: Record<string, unknown> | null }> = [];
    for (const r of rows) {
      const completed = !['open', 'accepted'].includes(r.status);
      const dueDate = r.due_date instanceof Date ? r.due_date.toISOString().slice(0, 10) : String(r.due_date).slice(0, 10);
      const owner = ownerFor(connection.provider, r.owner_crm_user_id);
      const task: CrmTaskUpsert = {
        externalId: r.external_id,
        accountCrmId: r.account_crm_id,
        contactCrmId: r.contact_crm_id,
        ownerCrmUserId: owner,
        subject: `[ABM] ${ACTION_WORDS[r.action] ?? r.action}: ${r.account_name}`,
        body: `${r.reason}\nExpected impact: +${Number(r.expected_impact).toFixed(1)} score points. Recommendation ${r.external_id}; accept or dismiss it in the ABM card.`,
        dueDate,
        priority: r.rank === 1 ? 'HIGH' : 'MEDIUM',
        completed,
      };
      const recommendation = asRecords
        ? { action: ACTION_WORDS[r.action] ?? r.action, reason: r.reason, status: r.status as NonNullable<CrmTaskUpsert['recommendation']>['status'], rank: Number(r.rank), expectedImpact: Number(r.expected_impact) }
        : undefined;
      // Tasks hash only what a Task shows, so open → accepted costs no call there; records show the status.
      const values = recommendation ? { ...task, owner: owner ?? '', recommendation } : { ...task, owner: owner ?? '' };
      const hash = createHash('sha256').update(JSON.stringify(values)).digest('hex');
      if (hash === r.last_hash) {
        summary.unchanged++;
        continue;
      }
      const isNew = r.last_hash === null;
      if (isNew) {
        if (completed) continue;
        const key = owner ?? '';
        const used = createdToday.get(key) ?? 0;
        if (used >= settings.tasks.perRepPerDay) {
          summary.deferredByCap++;
          continue;
        }
        createdToday.set(key, used + 1);
      }
      send.push({ task: { ...task, ensureAssociations: isNew, ...(recommendation ? { recommendation } : {}) }, hash, isNew, values, old: r.last_values });
    }
    if (send.length > 0) {
      const runs = this.dataSource.getRepository(WriteBackRun);
      const run = await runs.save(runs.create({ connectionId: connection.id, dryRun: false, status: 'running', startedAt: new Date(), finishedAt: null, error: null, apiCalls: {} }));
      await this.ledger.insert(run.id, connection.id, objectType, TASK_TARGET, send.map((s) => ({ crmId: s.task.externalId, fields: Object.keys(s.values), oldValues: s.old, newValues: s.values, valueHash: s.hash, status: 'pending' })));
      const results = await writer.upsertTasks(send.map((s) => s.task));
      await this.ledger.complete(run.id, connection.id, objectType, TASK_TARGET, results.map((r) => ({ crmId: r.externalId, ok: r.ok, error: r.error, crmModifiedAt: r.modifiedAt ?? null })));
      const byExt = new Map(send.map((s) => [s.task.externalId, s]));
      for (const r of results) {
        const s = byExt.get(r.externalId);
        if (!r.ok || !s) summary.failed++;
        else if (s.task.completed) summary.closed++;
        else if (s.isNew) summary.created++;
        else summary.updated++;
      }
      await runs.update(run.id, { status: 'succeeded', finishedAt: new Date(), recordsWritten: results.filter((r) => r.ok).length, recordsFailed: summary.failed, apiCalls: { ...hooks.byEndpoint } });
    }
    summary.apiCalls = hooks.total;
    return summary;
  }

  /**
   * The rep's changes in the CRM flow back: a task completed there marks our recommendation done.
   * Costs reads, so it runs on its own (`abm writeback --pull-task-status`), not in every write-back.
   */
  async pullTaskStatus(connectionName: string, options: { writer?: WriteBackWriter } = {}): Promise<{ checked: number; markedDone: number; markedDismissed: number; apiCalls: number }> {
    const connection = await this.writeBack.findConnection(connectionName);
    const hooks = new CountingCallHooks(this.writers.sharedHooksFor(connection));
    const writer = options.writer ?? this.writers.create(connection, hooks);
    const open: Array<{ external_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT r.external_id FROM recommendations r JOIN write_back_ledger l ON l.crm_id = r.external_id
        WHERE l.connection_id = $1 AND l.target = '${TASK_TARGET}' AND l.status = 'written' AND r.status IN ('open', 'accepted')`,
      [connection.id],
    );
    const states = await writer.readTasks(open.map((o) => o.external_id));
    let markedDone = 0;
    let markedDismissed = 0;
    for (const status of ['done', 'dismissed'] as const) {
      const ids = states.filter((s) => s.completed && (s.status ?? 'done') === status).map((s) => s.externalId);
      if (ids.length === 0) continue;
      const updated: unknown[] = await this.dataSource.query(
        `UPDATE recommendations SET status = $2, status_changed_at = now(), updated_at = now()
          WHERE status IN ('open', 'accepted') AND external_id IN (SELECT jsonb_array_elements_text($1::jsonb)) RETURNING id`,
        [JSON.stringify(ids), status],
      );
      // TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, affectedCount].
      const n = Array.isArray(updated[0]) ? (updated[0] as unknown[]).length : updated.length;
      if (status === 'done') markedDone = n;
      else markedDismissed = n;
    }
    return { checked: open.length, markedDone, markedDismissed, apiCalls: hooks.total };
  }
}
