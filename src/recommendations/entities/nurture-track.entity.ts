import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { JsonColumn } from '../../platform/database/columns';

/** A marketer's nurture track: entry criteria, steps by role × stage, exits, caps, A/B variants, holdout. */
@Entity('nurture_tracks')
export class NurtureTrack {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'varchar', length: 20, default: 'draft' }) status!: 'draft' | 'active' | 'paused' | 'archived';
  @Column({ type: 'integer', default: 1 }) version!: number;
  @JsonColumn() definition!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 100, nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
