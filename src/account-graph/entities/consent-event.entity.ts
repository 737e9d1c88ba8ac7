import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * History of opt-in/opt-out changes per contact and channel, whichever CRM reported them. Sync writes one
 * row per observed change of a source record's flag; the unique key makes a re-read page a no-op.
 */
@Entity('consent_events')
@Index(['contactId', 'occurredAt'])
@Index(['contactId', 'connectionId', 'crmId', 'field', 'occurredAt'], { unique: true })
export class ConsentEvent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'varchar', length: 20 }) channel!: 'email' | 'phone' | 'all';
  @Column({ type: 'varchar', length: 20 }) status!: 'opted_out' | 'opted_in';
  /** 'salesforce:HasOptedOutOfEmail', 'hubspot:hs_email_optout', 'api', … */
  @Column({ type: 'varchar', length: 80 }) source!: string;
  /** The CRM connection and record that reported the change (null for changes made through our API). */
  @Column({ type: 'uuid', nullable: true }) connectionId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmId!: string | null;
  /** Our canonical flag: 'emailOptOut' | 'doNotCall'. */
  @Column({ type: 'varchar', length: 40, default: 'emailOptOut' }) field!: string;
  /** Null when the record was first seen (then only an opt-out is an event). */
  @Column({ type: 'boolean', nullable: true }) oldValue!: boolean | null;
  @Column({ type: 'boolean', default: true }) newValue!: boolean;
  /** The CRM's modification stamp of the record that carried the change. */
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
