import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** History of opt-in/opt-out changes per contact and channel, whichever CRM reported them. */
@Entity('consent_events')
@Index(['contactId', 'occurredAt'])
export class ConsentEvent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) contactId!: string;
  @Column({ type: 'varchar', length: 20 }) channel!: 'email' | 'phone' | 'all';
  @Column({ type: 'varchar', length: 20 }) status!: 'opted_out' | 'opted_in';
  /** 'salesforce:HasOptedOutOfEmail', 'hubspot:hs_email_optout', 'api', … */
  @Column({ type: 'varchar', length: 80 }) source!: string;
  @Column({ type: 'timestamptz' }) occurredAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
