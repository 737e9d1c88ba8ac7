import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

@Entity('write_back_runs')
export class WriteBackRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) connectionId!: string;
  @Column({ type: 'boolean', default: false }) dryRun!: boolean;
  @Column({ type: 'varchar', length: 20, default: 'running' }) status!: 'running' | 'succeeded' | 'failed' | 'interrupted';
  @TimestampColumn() startedAt!: Date;
  @TimestampColumn({ nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) recordsWritten!: number;
  @Column({ type: 'integer', default: 0 }) recordsFailed!: number;
  @Column({ type: 'integer', default: 0 }) recordsUnchanged!: number;
  @JsonColumn({ default: {} }) apiCalls!: Record<string, number>;
  @Column({ type: 'text', nullable: true }) error!: string | null;
}
