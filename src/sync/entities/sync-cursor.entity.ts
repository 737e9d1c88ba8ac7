import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** The incremental bookmark per connection and object: never past the start of the query that produced it. */
@Entity('sync_cursors')
@Index(['connectionId', 'objectType'], { unique: true })
export class SyncCursor {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) connectionId!: string;
  @Column({ type: 'varchar', length: 80 }) objectType!: string;
  /** Last (modstamp, id) fully read; the next read starts at modstamp − lookback. */
  @TimestampColumn({ nullable: true }) modstamp!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) lastId!: string | null;
  @JsonColumn({ default: {} }) state!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) lastSuccessAt!: Date | null;
  @TimestampColumn({ nullable: true }) lastFullSyncAt!: Date | null;
  /** One run at a time per connection and object, across workers: a lease renewed on every committed page. */
  @Column({ type: 'varchar', length: 80, nullable: true }) leaseOwner!: string | null;
  @TimestampColumn({ nullable: true }) leaseUntil!: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
