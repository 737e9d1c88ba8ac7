import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';
import { CrmIdentity } from './crm-source.columns';

/** An engagement signal (task, call, meeting, e-mail, note, web visit, form) with its time, for decay. */
@Entity('activities')
@Index(['crm.connectionId', 'crm.objectType', 'crm.crmId'], { unique: true })
@Index(['accountId', 'occurredAt'])
export class Activity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column(() => CrmIdentity, { prefix: false }) crm!: CrmIdentity;
  @Column({ type: 'uuid', nullable: true }) accountId!: string | null;
  @Index() @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  /** 'email' | 'meeting' | 'call' | 'task' | 'note' | 'web_visit' | 'form' | 'event' */
  @Column({ type: 'varchar', length: 30 }) type!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) direction!: 'inbound' | 'outbound' | null;
  @TimestampColumn() occurredAt!: Date;
  /** Set when this activity is one of our own recommendation tasks (never counted as engagement). */
  @Column({ type: 'boolean', default: false }) isOurs!: boolean;
  @JsonColumn({ default: {} }) details!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
}
