import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** Scoring configuration as versioned config-as-code: draft → backtest → publish → roll back. */
@Entity('score_configs')
@Index(['version'], { unique: true })
export class ScoreConfig {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 20 }) status!: 'draft' | 'published' | 'retired';
  @Column({ type: 'varchar', length: 200, nullable: true }) description!: string | null;
  /** The whole configuration (weights, ICP rules, half-lives, templates, tiers) as imported. */
  @JsonColumn() definition!: Record<string, unknown>;
  /** Last backtest result: AUC/lift against outcomes as of a date. */
  @JsonColumn({ nullable: true }) backtest!: Record<string, unknown> | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @TimestampColumn({ nullable: true }) publishedAt!: Date | null;
}
