import { Column } from 'typeorm';
import { CrmProvider } from '../../platform/database/columns';
import { TimestampColumn } from '../../platform/database/columns';

/**
 * The CRM identity every synced record keeps: which connection, which provider and object type, which id,
 * and the CRM's own modification stamp (for echo suppression and "changed since" checks).
 * Embedded (not inherited) so each entity stays a plain class.
 */
export class CrmIdentity {
  @Column({ type: 'uuid' }) connectionId!: string;
  @Column({ type: 'varchar', length: 20 }) provider!: CrmProvider;
  @Column({ type: 'varchar', length: 80 }) objectType!: string;
  @Column({ type: 'varchar', length: 64 }) crmId!: string;
  @TimestampColumn({ nullable: true }) crmModifiedAt!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) crmModifiedBy!: string | null;
}
