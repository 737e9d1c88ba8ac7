import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CrmProvider, JsonColumn } from '../../platform/database/columns';

/** One CRM account we sync with. An installation may have several (marketing in HubSpot, sales in Salesforce). */
@Entity('crm_connections')
export class CrmConnection {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) provider!: CrmProvider;
  /** 'oauth_refresh' | 'jwt_bearer' | 'client_credentials' | 'private_app' | 'oauth' */
  @Column({ type: 'varchar', length: 30 }) authType!: string;
  @Column({ type: 'varchar', length: 500 }) baseUrl!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) loginUrl!: string | null;
  /** AES-256-GCM ciphertext of the auth material (tokens, keys, secrets); never logged, never returned. */
  @Column({ type: 'text' }) secretsEncrypted!: string;
  /** The CRM user our integration writes as: incremental reads skip its own echoes by this id. */
  @Column({ type: 'varchar', length: 64, nullable: true }) integrationUserId!: string | null;
  /** Salesforce package namespace prefix ('abmx') or null for unmanaged fields. */
  @Column({ type: 'varchar', length: 15, nullable: true }) namespacePrefix!: string | null;
  /** Object mapping, sync intervals, budgets and write-back policy (validated by the sync module). */
  @JsonColumn({ default: {} }) settings!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 20, default: 'active' }) status!: 'active' | 'paused' | 'auth_failed' | 'disabled';
  @Column({ type: 'boolean', default: false }) isSandbox!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
