import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

export type Role = 'admin' | 'marketer' | 'rep';
export const ROLES: Role[] = ['admin', 'marketer', 'rep'];

/** An API token. Only its SHA-256 is stored; the token itself is shown once, at creation. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) role!: Role;
  @Index({ unique: true }) @Column({ type: 'char', length: 64 }) tokenHash!: string;
  /** First characters, to recognise a token in lists without revealing it. */
  @Column({ type: 'varchar', length: 16 }) prefix!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @TimestampColumn({ nullable: true }) lastUsedAt!: Date | null;
  @TimestampColumn({ nullable: true }) revokedAt!: Date | null;
}
