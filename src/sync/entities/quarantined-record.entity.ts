import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** A CRM record we could not accept, kept with the reason so nothing is silently lost. */
@Entity('quarantined_records')
@Index(['connectionId', 'objectType', 'crmId'])
export class QuarantinedRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) connectionId!: string;
  @Column({ type: 'uuid', nullable: true }) syncRunId!: string | null;
  @Column({ type: 'varchar', length: 80 }) objectType!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmId!: string | null;
  @Column({ type: 'text' }) reason!: string;
  @JsonColumn() payload!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @TimestampColumn({ nullable: true }) resolvedAt!: Date | null;
}
