import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which of an account's scores is the live one: a narrow row per account pointing at account_scores. A full
 * rescore moves 100k of these pointers (an upsert of ~60-byte rows) instead of flipping a flag on 100k wide
 * score rows, and history rows stay insert-only. Backtests never touch it; deleted accounts lose their row.
 */
@Entity('account_current_scores')
export class AccountCurrentScore {
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  /** account_scores.id of the newest non-backtest score (no foreign key: checking it would lock every new score row). */
  @Column({ type: 'uuid' }) scoreId!: string;
}
