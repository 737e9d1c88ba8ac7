import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn } from '../database/columns';

/** Who changed what: configuration, connections, tokens, overrides, publishes. Never PII. */
@Entity('audit_log')
@Index(['at'])
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 'token:<id>', 'cli', 'system' */
  @Column({ type: 'varchar', length: 100 }) actor!: string;
  @Column({ type: 'varchar', length: 80 }) action!: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) targetType!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) targetId!: string | null;
  @JsonColumn({ default: {} }) details!: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
}
