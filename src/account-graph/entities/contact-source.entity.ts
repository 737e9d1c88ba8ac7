import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';
import { Contact } from './contact.entity';
import { CrmIdentity } from './crm-source.columns';

/** A CRM contact record and the person it was matched to (by e-mail across CRMs). */
@Entity('contact_sources')
@Index(['crm.connectionId', 'crm.objectType', 'crm.crmId'], { unique: true })
export class ContactSource {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column(() => CrmIdentity, { prefix: false }) crm!: CrmIdentity;
  @Index() @Column({ type: 'uuid' }) contactId!: string;
  @ManyToOne(() => Contact, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'contact_id' }) contact?: Contact;
  /** The CRM id of the account/company this record hangs under in its CRM. */
  @Column({ type: 'varchar', length: 64, nullable: true }) crmAccountId!: string | null;
  @Column({ type: 'varchar', length: 40 }) matchReason!: string;
  @JsonColumn() fields!: Record<string, unknown>;
  @TimestampColumn({ nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
