import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** The next best action for an account (and maybe one contact), with its reason, owner and outcome. */
@Entity('recommendations')
@Index(['accountId', 'status'])
@Index(['dedupeKey'], { unique: true, where: "status IN ('open','accepted')" })
export class Recommendation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'uuid', nullable: true }) trackId!: string | null;
  @Column({ type: 'uuid', nullable: true }) enrolmentId!: string | null;
  /** e.g. 'engage_missing_role', 'renewal_outreach', 'multi_thread', 'support_follow_up' */
  @Column({ type: 'varchar', length: 60 }) action!: string;
  @Column({ type: 'text' }) reason!: string;
  @JsonColumn({ default: [] }) reasonFactors!: string[];
  @Column({ type: 'varchar', length: 20 }) ownerType!: 'rep' | 'marketing';
  @Column({ type: 'varchar', length: 64, nullable: true }) ownerCrmUserId!: string | null;
  @Column({ type: 'date' }) dueDate!: string;
  @Column({ type: 'real' }) expectedImpact!: number;
  @Column({ type: 'integer' }) rank!: number;
  @Column({ type: 'varchar', length: 20, default: 'open' }) status!: 'open' | 'accepted' | 'done' | 'dismissed' | 'expired';
  /** Same action for the same account/contact is never open twice. */
  @Column({ type: 'varchar', length: 200 }) dedupeKey!: string;
  /** Our id in the CRM task's external-id field: retries upsert, never duplicate. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) externalId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @TimestampColumn({ nullable: true }) statusChangedAt!: Date | null;
}
