import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';
import { Account } from './account.entity';

/** One person at an account, merged across CRMs by e-mail. Consent flags live here and win everywhere. */
@Entity('contacts')
@Index(['emailNormalized'])
// The few people who may not be worked (opted out, do-not-contact, deleted): scoring excludes their activities
// for every account, and reads them from here instead of scanning every contact once per statement.
@Index('idx_contacts_unreachable', ['id', 'emailOptOut', 'doNotContact', 'deletedAt'], { where: 'email_opt_out OR do_not_contact OR deleted_at IS NOT NULL' })
export class Contact {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'uuid', nullable: true }) accountId!: string | null;
  @ManyToOne(() => Account, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'account_id' }) account?: Account;
  @Column({ type: 'varchar', length: 320, nullable: true }) emailNormalized!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) firstName!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) lastName!: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) title!: string | null;
  @Column({ type: 'varchar', length: 80, nullable: true }) country!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) lifecycleStage!: string | null;
  /** Consent: any source CRM saying "opted out" makes this true; never targeted while true. */
  @Column({ type: 'boolean', default: false }) emailOptOut!: boolean;
  @Column({ type: 'boolean', default: false }) doNotCall!: boolean;
  @Column({ type: 'boolean', default: false }) doNotContact!: boolean;
  @JsonColumn({ default: {} }) customFields!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
