import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/**
 * Every value we wrote into a CRM: where, when, by which run, old and new values, and the hash that
 * lets the next run skip unchanged records and the next sync recognise our own echoes.
 */
@Entity('write_back_ledger')
@Index(['connectionId', 'objectType', 'crmId', 'writtenAt'])
export class WriteBackLedgerEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) runId!: string;
  @Column({ type: 'uuid' }) connectionId!: string;
  @Column({ type: 'varchar', length: 80 }) objectType!: string;
  @Column({ type: 'varchar', length: 64 }) crmId!: string;
  /** 'account_fields' | 'recommendation_task' */
  @Column({ type: 'varchar', length: 30 }) target!: string;
  @JsonColumn() fields!: string[];
  @JsonColumn({ nullable: true }) oldValues!: Record<string, unknown> | null;
  @JsonColumn() newValues!: Record<string, unknown>;
  @Column({ type: 'char', length: 64 }) valueHash!: string;
  @Column({ type: 'varchar', length: 20 }) status!: 'pending' | 'written' | 'failed' | 'skipped_human_edit';
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** The CRM's modification stamp right after our write: equal stamp on read-back = our own echo. */
  @TimestampColumn({ nullable: true }) crmModifiedAt!: Date | null;
  @TimestampColumn() writtenAt!: Date;
}
