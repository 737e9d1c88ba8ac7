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
  /** Lower-case name used in change reasons ("support cases doubled"). */
  label?: string;
}

/**
 * A factor as stored: `[signal, raw, contribution, decay, detail]`. Compact because a full rescore writes one
 * list per account; component, weight and text are derived from the signal and the config version when read
 * (see scoring/packed-factor.util.ts). Zero factors (unmatched rules, missing roles) are not stored.
 */
export type PackedFactor = [string, number | string | null, number, number | null, string | null];

/**
 * A score of an account from one run. History is kept: rows are only ever inserted, never updated (which one
 * is live is account_current_scores' business, so a rescore does not rewrite these wide rows).
 */
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
  /** `json`, not `jsonb`: stored as the scoring SQL built it (see scoring/combine-sql.util.ts). */
  @Column({ type: 'json' }) factors!: PackedFactor[];
  /** Each factor's contribution in hundredths of a point, in list order: what the next run's change reasons compare. */
  @Column({ type: 'integer', array: true, default: () => "'{}'" }) contributionsX100!: number[];
  /** Hash of the factors' signal names in order: equal lists can be compared position by position. */
  @Column({ type: 'bigint', default: 0 }) factorSignature!: string;
  @Column({ type: 'real', nullable: true }) delta!: number | null;
  /** "+12: CFO joined the committee; −8: support cases doubled" */
  @JsonColumn({ default: [] }) deltaReasons!: string[];
  @Column({ type: 'integer' }) configVersion!: number;
  @Column({ type: 'varchar', length: 80 }) modelVersion!: string;
  @TimestampColumn() asOf!: Date;
  @TimestampColumn() computedAt!: Date;
}
