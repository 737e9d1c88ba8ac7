import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn } from '../../platform/database/columns';

/**
 * The resolved buying committee: one row per account, contact and canonical role. The unique index also serves
 * every lookup by account (its first column), so there is no separate account index to maintain on each write.
 */
@Entity('committee_memberships')
@Index(['accountId', 'contactId', 'role'], { unique: true })
export class CommitteeMembership {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'varchar', length: 40 }) role!: string;
  /** 'crm' when the CRM set it, 'inferred' from title, 'records' from license/opportunity participation. */
  @Column({ type: 'varchar', length: 20 }) source!: 'crm' | 'inferred' | 'records';
  @Column({ type: 'real' }) confidence!: number;
  @JsonColumn({ default: [] }) evidence!: string[];
  @Column({ type: 'boolean', default: false }) engaged!: boolean;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
