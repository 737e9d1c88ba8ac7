import { queryRows } from '../../account-graph/sync/sql-rows.util';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SyncCursor } from '../entities/sync-cursor.entity';
import { SyncRun } from '../entities/sync-run.entity';

export type RunMode = SyncRun['mode'];

/**
 * Cursors, leases and run rows. The lease on the sync_cursors row is what makes "one run at a time per
 * connection and object" hold across any number of worker processes on PostgreSQL and PGlite alike
 * (session advisory locks would not: PGlite has a single shared session). A crashed holder's lease
 * simply expires; the next run resumes from the run's last committed checkpoint.
 */
@Injectable()
export class SyncStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async cursor(connectionId: string, objectType: string): Promise<SyncCursor> {
    await this.dataSource.query(
      `INSERT INTO sync_cursors (id, connection_id, object_type, state, updated_at) VALUES (gen_random_uuid(), $1, $2, '{}'::jsonb, now()) ON CONFLICT (connection_id, object_type) DO NOTHING`,
      [connectionId, objectType],
    );
    return this.dataSource.getRepository(SyncCursor).findOneByOrFail({ connectionId, objectType });
  }

  /** Takes the lease when free, expired or already ours. */
  async acquireLease(connectionId: string, objectType: string, owner: string, ttlSeconds: number): Promise<boolean> {
    await this.cursor(connectionId, objectType);
    const rows = await queryRows<unknown>(this.dataSource, `UPDATE sync_cursors SET lease_owner = $3, lease_until = clock_timestamp() + make_interval(secs => $4)
       WHERE connection_id = $1 AND object_type = $2 AND (lease_until IS NULL OR lease_until < clock_timestamp() OR lease_owner = $3) RETURNING id`,
      [connectionId, objectType, owner, ttlSeconds],
    );
    return rows.length > 0;
  }

  /** Inside each page's transaction: a run that lost its lease must not commit. */
  async renewLease(m: EntityManager, connectionId: string, objectType: string, owner: string, ttlSeconds: number): Promise<void> {
    const rows = await queryRows<unknown>(m, `UPDATE sync_cursors SET lease_until = clock_timestamp() + make_interval(secs => $4) WHERE connection_id = $1 AND object_type = $2 AND lease_owner = $3 RETURNING id`,
      [connectionId, objectType, owner, ttlSeconds],
    );
    if (rows.length === 0) throw new Error(`lease on ${objectType} lost to another worker`);
  }

  async releaseLease(connectionId: string, objectType: string, owner: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_cursors SET lease_owner = NULL, lease_until = NULL WHERE connection_id = $1 AND object_type = $2 AND lease_owner = $3`, [connectionId, objectType, owner]);
  }

  /** The unfinished run to resume (crashed, interrupted or paused on budget), if its mode fits. */
  async resumableRun(connectionId: string, objectType: string, mode: RunMode): Promise<SyncRun | null> {
    return this.dataSource.getRepository(SyncRun).createQueryBuilder('r')
      .where('r.connection_id = :connectionId AND r.object_type = :objectType AND r.mode = :mode', { connectionId, objectType, mode })
      .andWhere(`r.status IN ('running', 'interrupted', 'paused')`)
      .orderBy('r.started_at', 'DESC')
      .getOne();
  }

  async startRun(connectionId: string, objectType: string, mode: RunMode, checkpoint: Record<string, unknown>): Promise<SyncRun> {
    const repo = this.dataSource.getRepository(SyncRun);
    return repo.save(repo.create({ connectionId, objectType, mode, status: 'running', startedAt: new Date(), checkpoint, apiCalls: {}, errorRecordIds: [] }));
  }

  async markRunning(runId: string): Promise<void> {
    await this.dataSource.query(`UPDATE sync_runs SET status = 'running' WHERE id = $1`, [runId]);
  }

  async recordPage(m: EntityManager, runId: string, delta: { read: number; upserted: number; deleted: number; quarantined: number; echo: number }, apiCalls: Record<string, number>, checkpoint: Record<string, unknown>, errorIds: string[]): Promise<void> {
    await m.query(
      `UPDATE sync_runs SET records_read = records_read + $2, records_upserted = records_upserted + $3, records_deleted = records_deleted + $4,
         records_quarantined = records_quarantined + $5, records_skipped_echo = records_skipped_echo + $6, api_calls = $7::jsonb, checkpoint = $8::jsonb,
         error_record_ids = CASE WHEN jsonb_array_length($9::jsonb) = 0 THEN error_record_ids
           ELSE (SELECT COALESCE(jsonb_agg(x), '[]'::jsonb) FROM (SELECT x FROM jsonb_array_elements(error_record_ids || $9::jsonb) AS x LIMIT 200) y) END
       WHERE id = $1`,
      [runId, delta.read, delta.upserted, delta.deleted, delta.quarantined, delta.echo, JSON.stringify(apiCalls), JSON.stringify(checkpoint), JSON.stringify(errorIds)],
    );
  }

  async finishRun(m: EntityManager, runId: string, status: SyncRun['status'], apiCalls: Record<string, number>, error: string | null, checkpoint: Record<string, unknown> | null): Promise<void> {
    await m.query(`UPDATE sync_runs SET status = $2, finished_at = now(), api_calls = $3::jsonb, error = $4, checkpoint = $5::jsonb WHERE id = $1`, [runId, status, JSON.stringify(apiCalls), error, checkpoint === null ? null : JSON.stringify(checkpoint)]);
  }

  async advanceCursor(m: EntityManager, connectionId: string, objectType: string, modstamp: Date, full: boolean, state: Record<string, unknown>): Promise<void> {
    await m.query(
      `UPDATE sync_cursors SET modstamp = $3, last_id = NULL, last_success_at = now(), last_full_sync_at = CASE WHEN $4 THEN now() ELSE last_full_sync_at END,
         state = state || $5::jsonb, updated_at = now() WHERE connection_id = $1 AND object_type = $2`,
      [connectionId, objectType, modstamp, full, JSON.stringify(state)],
    );
  }

  async mergeCursorState(connectionId: string, objectType: string, state: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE sync_cursors SET state = state || $3::jsonb WHERE connection_id = $1 AND object_type = $2`, [connectionId, objectType, JSON.stringify(state)]);
  }
}
