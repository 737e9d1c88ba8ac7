import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';
import { CrmIdentity } from './crm-source.columns';

export type LicenseKind = 'asset' | 'contract' | 'entitlement' | 'subscription' | 'support_case' | 'line_item' | 'license';

/**
 * A license or service record: what the account owns, renews, is entitled to, and asks support about.
 * Loyalty (tenure, renewals, upgrades, support load, renewal window) is computed from these rows.
 */
@Entity('license_records')
@Index(['crm.connectionId', 'crm.objectType', 'crm.crmId'], { unique: true })
@Index(['accountId', 'kind'])
export class LicenseRecord {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column(() => CrmIdentity, { prefix: false }) crm!: CrmIdentity;
  @Column({ type: 'uuid', nullable: true }) accountId!: string | null;
  /** The contact on the record (installer, requester, signer): shows who installs and who buys. */
  @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmAccountId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmContactId!: string | null;
  @Column({ type: 'varchar', length: 20 }) kind!: LicenseKind;
  @Column({ type: 'varchar', length: 255, nullable: true }) product!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) status!: string | null;
  /** For assets/subscriptions: 'purchase' | 'renewal' | 'upgrade' | 'downgrade' | 'cancellation'. */
  @Column({ type: 'varchar', length: 30, nullable: true }) event!: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) quantity!: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) amount!: string | null;
  @Column({ type: 'date', nullable: true }) startDate!: string | null;
  @Column({ type: 'date', nullable: true }) endDate!: string | null;
  /** Support cases: 'low' | 'medium' | 'high' | 'critical'. */
  @Column({ type: 'varchar', length: 20, nullable: true }) severity!: string | null;
  @TimestampColumn({ nullable: true }) openedAt!: Date | null;
  @TimestampColumn({ nullable: true }) closedAt!: Date | null;
  /** Usage or seat measurements where the CRM has them: [{at, seats, usage}]. */
  @JsonColumn({ default: {} }) usage!: Record<string, unknown>;
  @JsonColumn({ default: {} }) customFields!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
