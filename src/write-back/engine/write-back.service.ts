import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrmConnection } from '../../sync/entities/crm-connection.entity';
import { BudgetExhaustedError, CrmError } from '../../sync/ports/crm-errors';
import { WriteBackRun } from '../entities/write-back-run.entity';
import { CountingCallHooks } from './counting-call-hooks.util';
import { WriteBackLedgerService } from './write-back-ledger.service';
import { WriteBackPlanner, type PlannedUpdate } from './write-back-planner.service';
import { writeBackSettings } from './write-back-settings.util';
import { WriterFactory } from './writer-factory.service';
import type { WriteBackWriter } from '../ports/write-back-writer.port';

export interface WriteBackSummary {
  runId: string | null;
  connection: string;
  provider: string;
  dryRun: boolean;
  object: string;
  changed: number;
  unchanged: number;
  skippedHumanEdits: number;
  written: number;
  failed: number;
  /** Calls made (or, in a dry run, the calls the plan would cost). */
  apiCalls: number;
  apiCallsByEndpoint: Record<string, number>;
  /** The least number of calls these changes can cost with the CRM's batch APIs. */
  minimumCalls: number;
  /** Dry run: exactly what would be written. */
  planned?: Array<{ crmId: string; fields: Record<string, string | number | null>; oldValues: Record<string, unknown> | null }>;
  errors: Array<{ crmId: string; error: string }>;
  status: WriteBackRun['status'];
}

export const ACCOUNT_FIELDS_TARGET = 'account_fields';

/**
 * Writes current scores into one CRM connection. The CRM is never called inside a database
 * transaction: ledger rows are committed as `pending` first, the CRM call follows, then the outcome is
 * committed. A run killed mid-write leaves its run row `running` (marked `interrupted` by the next run)
 * and `pending` ledger rows whose values the next run simply sends again.
 */
@Injectable()
export class WriteBackService {
  private readonly logger = new Logger(WriteBackService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly planner: WriteBackPlanner,
    private readonly ledger: WriteBackLedgerService,
    private readonly writers: WriterFactory,
  ) {}

  async findConnection(nameOrId: string): Promise<CrmConnection> {
    const repo = this.dataSource.getRepository(CrmConnection);
    const isUuid = /^[0-9a-f-]{36}$/i.test(nameOrId);
    const found = await repo.findOne({ where: isUuid ? [{ id: nameOrId }, { name: nameOrId }] : { name: nameOrId } });
    if (!found) throw new Error(`No CRM connection named ${nameOrId}`);
    return found;
  }

  async listConnections(): Promise<CrmConnection[]> {
    return this.dataSource.getRepository(CrmConnection).find({ where: { status: 'active' }, order: { name: 'ASC' } });
  }

  async run(connectionId: string, options: { dryRun?: boolean; writer?: WriteBackWriter; hooks?: CountingCallHooks } = {}): Promise<WriteBackSummary> {
    const connection = await this.findConnection(connectionId);
    const settings = writeBackSettings(connection);
    const hooks = options.hooks ?? new CountingCallHooks(this.writers.sharedHooksFor(connection));
    const writer = options.writer ?? this.writers.create(connection, hooks);
    const names = writer.accountFields();
    const dryRun = options.dryRun === true;
    const plan = await this.planner.plan(connection.id, names, { overwriteHumanEdits: settings.overwriteHumanEdits, integrationUserId: connection.integrationUserId });
    const summary: WriteBackSummary = {
      runId: null,
      connection: connection.name,
      provider: connection.provider,
      dryRun,
      object: names.object,
      changed: plan.updates.length,
      unchanged: plan.unchanged,
      skippedHumanEdits: plan.humanEdited.length,
      written: 0,
      failed: 0,
      apiCalls: 0,
      apiCallsByEndpoint: {},
      minimumCalls: writer.estimateUpdateCalls(plan.updates.length),
      errors: [],
      status: 'succeeded',
    };
    if (dryRun) {
      summary.apiCalls = summary.minimumCalls;
      summary.planned = plan.updates.map((u) => ({ crmId: u.crmId, fields: u.fields, oldValues: u.oldValues }));
      return summary;
    }
    const runs = this.dataSource.getRepository(WriteBackRun);
    await runs.update({ connectionId: connection.id, status: 'running' }, { status: 'interrupted', finishedAt: new Date() });
    const run = await runs.save(runs.create({ connectionId: connection.id, dryRun: false, status: 'running', startedAt: new Date(), finishedAt: null, error: null, apiCalls: {} }));
    summary.runId = run.id;
    try {
      if (plan.humanEdited.length > 0) {
        await this.ledger.insert(
          run.id,
          connection.id,
          names.object,
          ACCOUNT_FIELDS_TARGET,
          plan.humanEdited.map((h) => ({ crmId: h.crmId, fields: h.fields, oldValues: null, newValues: {}, valueHash: '0'.repeat(64), status: 'skipped_human_edit' })),
        );
      }
      const size = Math.max(1, writer.chunkSize(plan.updates.length));
      for (let i = 0; i < plan.updates.length; i += size) {
        await this.writeChunk(run.id, connection.id, names.object, writer, plan.updates.slice(i, i + size), summary);
      }
      summary.status = summary.failed > 0 && summary.written === 0 ? 'failed' : 'succeeded';
    } catch (err) {
      summary.status = err instanceof BudgetExhaustedError || (err instanceof CrmError && err.info.daily) ? 'interrupted' : 'failed';
      run.error = (err as Error).message.slice(0, 2000);
      this.logger.warn(`write-back ${connection.name} stopped: ${run.error}`);
    }
    summary.apiCalls = hooks.total;
    summary.apiCallsByEndpoint = { ...hooks.byEndpoint };
    await runs.update(run.id, {
      status: summary.status,
      finishedAt: new Date(),
      recordsWritten: summary.written,
      recordsFailed: summary.failed,
      recordsUnchanged: summary.unchanged,
      apiCalls: summary.apiCallsByEndpoint,
      error: run.error ?? null,
    });
    return summary;
  }

  private async writeChunk(runId: string, connectionId: string, object: string, writer: WriteBackWriter, chunk: PlannedUpdate[], summary: WriteBackSummary): Promise<void> {
    await this.ledger.insert(
      runId,
      connectionId,
      object,
      ACCOUNT_FIELDS_TARGET,
      chunk.map((u) => ({ crmId: u.crmId, fields: Object.keys(u.fields), oldValues: u.oldValues, newValues: u.fields, valueHash: u.hash, status: 'pending' })),
    );
    const results = await writer.updateAccounts(chunk.map((u) => ({ id: u.crmId, fields: u.fields })));
    await this.ledger.complete(
      runId,
      connectionId,
      object,
      ACCOUNT_FIELDS_TARGET,
      results.map((r) => ({ crmId: r.id, ok: r.ok, error: r.error ?? null, crmModifiedAt: r.modifiedAt ?? null })),
    );
    for (const r of results) {
      if (r.ok) summary.written++;
      else {
        summary.failed++;
        if (summary.errors.length < 50) summary.errors.push({ crmId: r.id, error: r.error ?? 'failed' });
      }
    }
  }
}
