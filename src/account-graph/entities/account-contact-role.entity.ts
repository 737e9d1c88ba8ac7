import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/**
 * A contact's role at an account. Roles set in the CRM (AccountContactRelation.Roles,
 * OpportunityContactRole.Role, hs_buying_role, association labels) and inferred ones are both kept,
 * with their source; the committee resolver lets CRM-set roles win.
 */
@Entity('account_contact_roles')
@Index(['accountId', 'contactId', 'role', 'source'], { unique: true })
// Retiring a CRM row's roles looks them up by (CRM id, connection) on every synced batch.
@Index(['crmId', 'connectionId'])
export class AccountContactRole {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ type: 'uuid' }) accountId!: string;
  @Index() @Column({ type: 'uuid' }) contactId!: string;
  /** Canonical buying role: decision_maker, economic_buyer, champion, technical_evaluator, … */
  @Column({ type: 'varchar', length: 40 }) role!: string;
  /** 'sf_account_contact_relation' | 'sf_opportunity_contact_role' | 'hs_buying_role' | 'hs_association_label' | 'inferred_title' */
  @Column({ type: 'varchar', length: 40 }) source!: string;
  /** The CRM's own value (e.g. "Economic Buyer", "BUDGET_HOLDER") for round-tripping. */
  @Column({ type: 'varchar', length: 120, nullable: true }) crmValue!: string | null;
  @Column({ type: 'uuid', nullable: true }) connectionId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmId!: string | null;
  @Column({ type: 'real', default: 1 }) confidence!: number;
  @JsonColumn({ default: [] }) evidence!: string[];
  @Column({ type: 'boolean', default: false }) isPrimary!: boolean;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
