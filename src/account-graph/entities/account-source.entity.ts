import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';
import { Account } from './account.entity';
import { CrmIdentity } from './crm-source.columns';

/** A CRM company/account record and the account it was matched to, with why. */
@Entity('account_sources')
@Index(['crm.connectionId', 'crm.objectType', 'crm.crmId'], { unique: true })
// (crm_id, connection_id): cross-CRM references by CRM id, and a contact's account by (connection, CRM id)
// without the object type, which the unique index cannot serve without scanning the whole connection.
@Index(['crm.crmId', 'crm.connectionId'])
export class AccountSource {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column(() => CrmIdentity, { prefix: false }) crm!: CrmIdentity;
  @Index() @Column({ type: 'uuid' }) accountId!: string;
  @ManyToOne(() => Account, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'account_id' }) account?: Account;
  /** 'crm_id_reference' | 'domain' | 'name_country' | 'new' | 'admin_override' */
  @Column({ type: 'varchar', length: 40 }) matchReason!: string;
  @Column({ type: 'boolean', default: false }) matchOverridden!: boolean;
  /** The mapped fields as this CRM had them (the account row holds the merged view). */
  @JsonColumn() fields!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  /** Salesforce merges: the surviving record's id. */
  @Column({ type: 'varchar', length: 64, nullable: true }) mergedIntoCrmId!: string | null;
  /** The other CRM's id this record names (e.g. a HubSpot company's Salesforce Account Id): the strongest match. */
  @Index() @Column({ type: 'varchar', length: 64, nullable: true }) crmRefId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
