import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';
import { CrmIdentity } from './crm-source.columns';

/** An opportunity/deal and its outcome: the ground truth learned score weights are trained on. */
@Entity('opportunities')
@Index(['crm.connectionId', 'crm.objectType', 'crm.crmId'], { unique: true })
export class Opportunity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column(() => CrmIdentity, { prefix: false }) crm!: CrmIdentity;
  @Index() @Column({ type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmAccountId!: string | null;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) stage!: string | null;
  /** 'new_business' | 'renewal' | 'upsell' | 'other' */
  @Column({ type: 'varchar', length: 30, nullable: true }) type!: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) amount!: string | null;
  @Column({ type: 'date', nullable: true }) closeDate!: string | null;
  @Column({ type: 'boolean', default: false }) isClosed!: boolean;
  @Column({ type: 'boolean', default: false }) isWon!: boolean;
  @TimestampColumn({ nullable: true }) crmCreatedAt!: Date | null;
  @JsonColumn({ default: {} }) customFields!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
