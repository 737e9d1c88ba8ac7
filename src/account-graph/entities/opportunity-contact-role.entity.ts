import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TimestampColumn } from '../../platform/database/columns';
import { CrmIdentity } from './crm-source.columns';

/** Who played which role on a deal (Salesforce OpportunityContactRole, HubSpot deal–contact labels). */
@Entity('opportunity_contact_roles')
@Index(['crm.connectionId', 'crm.objectType', 'crm.crmId'], { unique: true })
export class OpportunityContactRole {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column(() => CrmIdentity, { prefix: false }) crm!: CrmIdentity;
  @Index() @Column({ type: 'uuid', nullable: true }) opportunityId!: string | null;
  @Index() @Column({ type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmOpportunityId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmContactId!: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) crmRole!: string | null;
  /** Canonical buying role mapped from crmRole. */
  @Column({ type: 'varchar', length: 40, nullable: true }) role!: string | null;
  @Column({ type: 'boolean', default: false }) isPrimary!: boolean;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
