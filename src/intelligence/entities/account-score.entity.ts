import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../platform/database/columns';

/** One signal's part in a score: enough to explain it to a rep and to audit it later. */
export interface ScoreFactor {
  /** 'fit' | 'engagement' | 'committee' | 'loyalty' */
  component: string;
  signal: string;
  rawValue: number | string | null;
  weight: number;
  decay: number | null;
  contribution: number;
  text: string;
}

/** A score of an account from one run. History is kept: rows are only ever inserted. */
@Entity('account_scores')
@Index(['accountId', 'computedAt'])
@Index(['scoringRunId'])
export class AccountScore {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid' }) scoringRunId!: string;
  @Column({ type: 'real' }) score!: number;
  @Column({ type: 'char', length: 1 }) tier!: 'A' | 'B' | 'C' | 'D';
  @Column({ type: 'real' }) fit!: number;
  @Column({ type: 'real' }) engagement!: number;
  @Column({ type: 'real' }) committee!: number;
  @Column({ type: 'real' }) loyalty!: number;
  @JsonColumn() factors!: ScoreFactor[];
  @Column({ type: 'real', nullable: true }) delta!: number | null;
  /** "+12: CFO joined the committee; −8: support cases doubled" */
  @JsonColumn({ default: [] }) deltaReasons!: string[];
  @Column({ type: 'integer' }) configVersion!: number;
  @Column({ type: 'varchar', length: 80 }) modelVersion!: string;
  @TimestampColumn() asOf!: Date;
  @TimestampColumn() computedAt!: Date;
  /** True for the newest non-backtest score of the account; kept by the scoring service. */
  @Column({ type: 'boolean', default: true }) isCurrent!: boolean;
}
