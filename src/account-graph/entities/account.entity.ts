import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** One real company, however many CRM records (in one or both CRMs) describe it. */
@Entity('accounts')
@Index(['domain'])
@Index(['normalizedName', 'country'])
export class Account {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 255 }) normalizedName!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) domain!: string | null;
  @Column({ type: 'varchar', length: 80, nullable: true }) country!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) industry!: string | null;
  @Column({ type: 'integer', nullable: true }) employees!: number | null;
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) annualRevenue!: string | null;
  @JsonColumn({ default: [] }) technologies!: string[];
  @Column({ type: 'varchar', length: 40, nullable: true }) lifecycleStage!: string | null;
  /** The CRM user id of the account owner (the rep who gets recommendations). */
  @Column({ type: 'varchar', length: 64, nullable: true }) ownerCrmUserId!: string | null;
  @Column({ type: 'boolean', default: false }) isTargetAccount!: boolean;
  /** Mapped custom fields, keyed by our field names. */
  @JsonColumn({ default: {} }) customFields!: Record<string, unknown>;
  /** Set when every CRM record behind the account is deleted: it drops out of scores and recommendations. */
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
