import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** One sync of one object of one connection: what it read, wrote, skipped and spent. */
@Entity('sync_runs')
@Index(['connectionId', 'objectType', 'startedAt'])
export class SyncRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) connectionId!: string;
  @Column({ type: 'varchar', length: 80 }) objectType!: string;
  @Column({ type: 'varchar', length: 20 }) mode!: 'full' | 'incremental' | 'reconcile' | 'webhook';
  @Column({ type: 'varchar', length: 20, default: 'running' }) status!: 'running' | 'succeeded' | 'failed' | 'paused' | 'interrupted';
  @TimestampColumn() startedAt!: Date;
  @TimestampColumn({ nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) recordsRead!: number;
  @Column({ type: 'integer', default: 0 }) recordsUpserted!: number;
  @Column({ type: 'integer', default: 0 }) recordsDeleted!: number;
  @Column({ type: 'integer', default: 0 }) recordsQuarantined!: number;
  @Column({ type: 'integer', default: 0 }) recordsSkippedEcho!: number;
  /** API calls by endpoint kind, e.g. {"bulk2-query-create": 1, "bulk2-results": 12}. */
  @JsonColumn({ default: {} }) apiCalls!: Record<string, number>;
  /** Where a crashed run resumes: bulk job id and locator, or list cursor. */
  @JsonColumn({ nullable: true }) checkpoint!: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** CRM record ids behind errors, for admins to look up. */
  @JsonColumn({ default: [] }) errorRecordIds!: string[];
}
