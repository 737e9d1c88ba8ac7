import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { ConnectionService } from '../connections/connection.service';
import { bucketPolicies, CrmAdapterFactory } from '../connections/crm-adapter.factory';
import { BudgetGuard, DEFAULT_BUDGET } from '../limits/budget-guard.util';
import { CallTracker } from '../limits/call-tracker';
import { RateLimiterService } from '../limits/rate-limiter.service';
import { resolveMappings } from '../mapping/default-mappings';
import { resolveFields } from './field-resolver.util';
import { PageCommitter } from './page-committer.service';
import { SyncEngine } from './sync-engine.service';
import { SyncStateRepository } from './sync-state.repository';

/**
 * Targeted reads for webhook events: the records named by the events are read back by id (the CRM's
 * current state wins, so duplicate and out-of-order events are harmless), ids the CRM no longer returns
 * are deleted, and the page is committed like any other (score.accounts enqueued in the same transaction).
 */
@Injectable()
export class TargetedSyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    private readonly adapters: CrmAdapterFactory,
    private readonly limiter: RateLimiterService,
    private readonly state: SyncStateRepository,
    private readonly committer: PageCommitter,
    private readonly engine: SyncEngine,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async apply(connectionId: string, crmObject: string, ids: string[]): Promise<{ upserted: number; deleted: number; echo: number }> {
    const conn = await this.connections.get(connectionId);
    const all = resolveMappings(conn.provider, conn.settings);
    const mapping = all.find((m) => m.crmObject === crmObject && m.enabled);
    if (!mapping || !ids.length) return { upserted: 0, deleted: 0, echo: 0 };
    const tracker = new CallTracker(this.limiter, bucketPolicies(conn), new BudgetGuard(DEFAULT_BUDGET), this.metrics);
    const reader = this.adapters.reader(conn, tracker);
    const cursor = await this.state.cursor(conn.id, crmObject);
    const fields = await resolveFields(reader, mapping, cursor.state);
    const unique = [...new Set(ids)];
    const records = await reader.readByIds({ crmObject, kind: mapping.kind, fields: fields.readFields, associations: mapping.associations, labelledAssociations: mapping.labelledAssociations }, unique);
    const found = new Set(records.map((r) => r.id));
    const gone = unique.filter((id) => !found.has(id)).map((id) => ({ id, modifiedAt: null, modifiedBy: null, deleted: true, fields: {} }));
    const run = await this.state.startRun(conn.id, crmObject, 'webhook', {});
    const graph = this.engine.graphContextFor(conn, fields.mapping, all);
    const counts = await this.committer.commit({ runId: run.id, graph, mapping: fields.mapping, integrationUserId: conn.integrationUserId, tracker }, [...records, ...gone], {});
    await this.dataSource.transaction((m) => this.state.finishRun(m, run.id, 'succeeded', tracker.calls, null, null));
    return { upserted: counts.upserted, deleted: counts.deleted, echo: counts.echo };
  }
}
