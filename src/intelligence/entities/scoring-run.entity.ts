import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** One scoring pass (full, incremental for some accounts, or a backtest as of a past date). */
@Entity('scoring_runs')
export class ScoringRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: 'full' | 'incremental' | 'backtest';
  @TimestampColumn() asOf!: Date;
  @Column({ type: 'integer' }) configVersion!: number;
  @Column({ type: 'varchar', length: 80 }) modelVersion!: string;
  @TimestampColumn() startedAt!: Date;
  @TimestampColumn({ nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) accountsScored!: number;
  @JsonColumn({ default: {} }) stats!: Record<string, unknown>;
}
