import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GraphDeletionRepository } from '../../account-graph/sync/graph-deletion.repository';
import type { GraphBatchContext } from '../../account-graph/sync/graph-sync.types';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { ConnectionService } from '../connections/connection.service';
import { bucketPolicies, CrmAdapterFactory } from '../connections/crm-adapter.factory';
import type { CrmConnection } from '../entities/crm-connection.entity';
import { BudgetGuard, DEFAULT_BUDGET, type BudgetPolicy } from '../limits/budget-guard.util';
import { CallTracker } from '../limits/call-tracker';
import { RateLimiterService } from '../limits/rate-limiter.service';
import { resolveMappings } from '../mapping/default-mappings';
import type { ObjectMapping } from '../mapping/object-mapping.types';
import { BudgetExhaustedError, CrmError } from '../ports/crm-errors';
import type { CrmReader } from '../ports/crm-reader.port';
import { OBJECT_KINDS } from '../ports/crm-types';
import { sweepAssociationLabels } from '../associations/label-sweep.util';
import { resolveFields } from './field-resolver.util';
import { PageCommitter, type PageContext } from './page-committer.service';
import { RunMode, SyncStateRepository } from './sync-state.repository';
import { SyncProgress, SyncRunSummary } from './sync-run.types';
import { commitParts, joinPages, readAhead, readWindowPages } from './window-reader.util';

export interface RunOptions {
  trigger?: string;
  onProgress?: (p: SyncProgress) => void;
  /** Internal: set when the run restarts once after INVALID_FIELD. */
  retriedSchema?: boolean;
}

/**
 * Runs one object of one connection: lease → resume or start a run → read pages outside any
 * transaction → commit each page (PageCommitter) → deletes → advance the cursor. The bookmark is never
 * past the start of the query that produced it; an incremental window starts `lookback` before it.
 */
@Injectable()
export class SyncEngine {
  private readonly logger = new Logger('Sync');
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    private readonly adapters: CrmAdapterFactory,
    private readonly limiter: RateLimiterService,
    private readonly state: SyncStateRepository,
    private readonly committer: PageCommitter,
    private readonly deletion: GraphDeletionRepository,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  mappings(conn: CrmConnection): ObjectMapping[] {
    const all = resolveMappings(conn.provider, conn.settings).filter((m) => m.enabled);
    return all.sort((a, b) => OBJECT_KINDS.indexOf(a.kind) - OBJECT_KINDS.indexOf(b.kind));
  }

  /** Every enabled object of the connection, in dependency order (accounts before contacts before roles). */
  async runConnection(idOrName: string, mode: RunMode | 'auto', options: RunOptions = {}): Promise<SyncRunSummary[]> {
    const conn = await this.connections.get(idOrName);
    const out: SyncRunSummary[] = [];
    for (const mapping of this.mappings(conn)) {
      const summary = await this.runObject(conn.id, mapping.crmObject, mode, options);
      out.push(summary);
      if (summary.status === 'paused' || summary.authFailed) break;
    }
    return out;
  }

  graphContextFor(conn: CrmConnection, mapping: ObjectMapping, all: ObjectMapping[]): GraphBatchContext {
    const object = (kind: string, fallback: string) => all.find((m) => m.kind === kind)?.crmObject ?? fallback;
    const sf = conn.provider === 'salesforce';
    return {
      connectionId: conn.id, provider: conn.provider, objectType: mapping.crmObject, licenseKind: mapping.licenseKind,
      accountObject: object('account', sf ? 'Account' : 'companies'), contactObject: object('contact', sf ? 'Contact' : 'contacts'), opportunityObject: object('opportunity', sf ? 'Opportunity' : 'deals'),
    };
  }

  async runObject(connectionId: string, crmObject: string, requested: RunMode | 'auto', options: RunOptions = {}): Promise<SyncRunSummary> {
    const conn = await this.connections.get(connectionId);
    const all = resolveMappings(conn.provider, conn.settings);
    const mapping = all.find((m) => m.crmObject === crmObject);
    if (!mapping) throw new Error(`connection ${conn.name} has no mapping for ${crmObject}`);
    const settings = conn.settings as { leaseSeconds?: number; lookbackSeconds?: number; budget?: Partial<BudgetPolicy> };
    const ttl = settings.leaseSeconds ?? 120;
    const base: SyncRunSummary = { connection: conn.name, provider: conn.provider, objectType: crmObject, mode: 'incremental', status: 'skipped', read: 0, upserted: 0, deleted: 0, quarantined: 0, echo: 0, apiCalls: {}, droppedFields: [] };
    if (!(await this.state.acquireLease(conn.id, crmObject, this.owner, ttl))) return { ...base, error: 'another run holds the lease' };
    const cursor = await this.state.cursor(conn.id, crmObject);
    // An incremental run on an object never fully read starts with the full read (list/Bulk, not search).
    const mode: RunMode = requested === 'auto' || (requested === 'incremental' && !cursor.lastFullSyncAt) ? (cursor.lastFullSyncAt ? 'incremental' : 'full') : requested;
    const tracker = new CallTracker(this.limiter, bucketPolicies(conn), new BudgetGuard({ ...DEFAULT_BUDGET, ...(settings.budget ?? {}) }), this.metrics);
    const summary: SyncRunSummary = { ...base, mode, status: 'running' };
    let runId: string | null = null;
    let checkpoint: Record<string, unknown> = {};
    try {
      const resumable = await this.state.resumableRun(conn.id, crmObject, mode);
      const queryStart = new Date();
      if (resumable?.checkpoint && (resumable.checkpoint as { window?: unknown }).window) {
        runId = resumable.id;
        checkpoint = resumable.checkpoint;
        summary.resumed = true;
        await this.state.markRunning(runId);
      } else {
        const lookbackMs = Math.max(1, settings.lookbackSeconds ?? (conn.provider === 'salesforce' ? 600 : 300)) * 1000;
        const from = mode === 'incremental' && cursor.modstamp ? new Date(cursor.modstamp.getTime() - lookbackMs) : new Date(0);
        checkpoint = { window: { from: from.toISOString(), until: queryStart.toISOString() }, reader: null };
        runId = (await this.state.startRun(conn.id, crmObject, mode, checkpoint)).id;
      }
      summary.runId = runId;
      const reader = this.adapters.reader(conn, tracker);
      const fields = await resolveFields(reader, mapping, cursor.state, tracker);
      summary.droppedFields = fields.dropped;
      if (fields.stateChanged) await this.state.mergeCursorState(conn.id, crmObject, fields.state);
      const ctx: PageContext = { runId, graph: this.graphContextFor(conn, fields.mapping, all), mapping: fields.mapping, integrationUserId: conn.integrationUserId, lease: { owner: this.owner, ttlSeconds: ttl }, tracker };
      const window = checkpoint.window as { from: string; until: string };
      const windowObj = { from: new Date(window.from), fromId: null, until: new Date(window.until) };
      const spec = { crmObject, kind: mapping.kind, fields: fields.readFields, associations: mapping.associations, labelledAssociations: mapping.labelledAssociations };
      const pages = readWindowPages(reader, spec, mode, windowObj, (checkpoint.reader as Record<string, unknown> | null) ?? null);
      const timing = (summary.timing = { commits: 0, commitMs: 0, readWaitMs: 0 });
      let waitFrom = Date.now();
      for await (const batch of readAhead(pages)) {
        timing.readWaitMs += Date.now() - waitFrom;
        for (const part of commitParts(joinPages(batch))) {
          checkpoint = { ...checkpoint, reader: part.checkpoint ?? { done: true } };
          const committing = Date.now();
          const c = await this.committer.commit(ctx, part.records, checkpoint);
          timing.commits++;
          timing.commitMs += Date.now() - committing;
          this.add(summary, c);
          options.onProgress?.({ objectType: crmObject, read: summary.read, upserted: summary.upserted, done: false });
        }
        waitFrom = Date.now();
      }
      if (mode !== 'full') await this.applyDeletes(reader, spec, ctx, windowObj, mode, summary);
      if (mode !== 'full') await sweepAssociationLabels(this.dataSource, reader, spec, ctx.graph, fields.mapping, (m, ids, reason) => this.committer.enqueueScoring(m, ids, reason));
      await this.dataSource.transaction(async (m) => {
        const dangling = await this.deletion.resolveDanglingRefs(m, ctx.graph);
        await this.committer.enqueueScoring(m, dangling, `sync:${crmObject}:refs`);
        await tracker.flush(m, conn.id);
        await this.state.advanceCursor(m, conn.id, crmObject, windowObj.until, mode === 'full', {});
        await this.state.finishRun(m, runId as string, 'succeeded', tracker.calls, null, null);
      });
      summary.status = 'succeeded';
    } catch (err) {
      await this.fail(conn, runId, summary, err, tracker, checkpoint);
      if (err instanceof CrmError && err.info.invalidField && !options.retriedSchema) {
        // A field vanished mid-run: forget the cached schema and resume from the checkpoint without it.
        await this.state.mergeCursorState(conn.id, crmObject, { schema: null });
        await this.state.releaseLease(conn.id, crmObject, this.owner).catch(() => undefined);
        return this.runObject(connectionId, crmObject, requested, { ...options, retriedSchema: true });
      }
    } finally {
      summary.apiCalls = { ...tracker.calls };
      summary.throttled = tracker.throttled;
      await this.state.releaseLease(conn.id, crmObject, this.owner).catch(() => undefined);
      options.onProgress?.({ objectType: crmObject, read: summary.read, upserted: summary.upserted, done: true });
    }
    return summary;
  }

  private add(summary: SyncRunSummary, c: { read: number; upserted: number; deleted: number; quarantined: number; echo: number }): void {
    summary.read += c.read;
    summary.upserted += c.upserted;
    summary.deleted += c.deleted;
    summary.quarantined += c.quarantined;
    summary.echo += c.echo;
  }

  /** Incremental deletes inside the window (getDeleted / archived listing); reconcile compares every id. */
  private async applyDeletes(reader: CrmReader, spec: { crmObject: string; kind: ObjectMapping['kind']; fields: string[] }, ctx: PageContext, window: { from: Date; until: Date }, mode: RunMode, summary: SyncRunSummary): Promise<void> {
    let refs: Array<{ id: string }> = [];
    if (mode === 'reconcile') {
      const live = new Set<string>();
      for await (const ids of reader.listIds(spec)) ids.forEach((id) => live.add(id));
      const ours = await this.deletion.liveIds(this.dataSource.manager, spec.kind, ctx.graph.connectionId, spec.crmObject);
      refs = ours.filter((id) => !live.has(id)).map((id) => ({ id }));
    } else {
      refs = await reader.readDeleted(spec, window.from, window.until);
    }
    if (!refs.length) return;
    for (let i = 0; i < refs.length; i += 2000) {
      await this.dataSource.transaction(async (m) => {
        const del = await this.deletion.markDeleted(m, ctx.graph, spec.kind, refs.slice(i, i + 2000));
        summary.deleted += del.count;
        await this.committer.enqueueScoring(m, del.accountIds, `sync:${spec.crmObject}:deletes`);
      });
    }
  }

  private async fail(conn: CrmConnection, runId: string | null, summary: SyncRunSummary, err: unknown, tracker: CallTracker, checkpoint: Record<string, unknown>): Promise<void> {
    const paused = err instanceof BudgetExhaustedError || (err instanceof CrmError && err.info.daily === true);
    const auth = err instanceof CrmError && (err.kind === 'auth_expired' || err.info.code === 'invalid_grant' || err.info.code === 'OAUTH_REFRESH_FAILED');
    const message = err instanceof Error ? err.message : String(err);
    summary.status = paused ? 'paused' : 'failed';
    summary.error = message;
    summary.authFailed = auth;
    this.logger.warn(`sync ${conn.name}/${summary.objectType} ${summary.status}: ${message}`);
    if (auth) await this.connections.setStatus(conn.id, 'auth_failed').catch(() => undefined);
    if (!runId) return;
    // Paused and failed runs keep their checkpoint: the next run resumes where this one stopped.
    await this.dataSource.transaction(async (m) => {
      await tracker.flush(m, conn.id);
      await this.state.finishRun(m, runId, paused ? 'paused' : 'interrupted', tracker.calls, message, checkpoint);
    }).catch(() => undefined);
  }
}
