import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { auc, brier, liftByDecile, type DecileRow } from '../models';
import { ScoreConfigService } from '../config/score-config.service';
import type { ScoringDefinition } from '../config/scoring-definition.types';
import { ScoringEngineService, type ScoringRunSummary } from './scoring-engine.service';

/** One account's components as of a past date and what happened afterwards. */
export interface OutcomeRow {
  accountId: string;
  score: number;
  fit: number;
  engagement: number;
  committee: number;
  loyalty: number;
  /** 1 when a deal closed won (or a renewal was kept) in the horizon, 0 when everything closed lost. */
  outcome: 0 | 1;
}

export interface BacktestReport {
  configVersion: number;
  asOf: string;
  horizonDays: number;
  run: ScoringRunSummary;
  accountsWithOutcomes: number;
  positives: number;
  auc: number | null;
  brier: number | null;
  liftByDecile: DecileRow[];
  winRateByTier: Record<string, { accounts: number; won: number; rate: number | null }>;
  note?: string;
}

/**
 * Backtesting: score the past as of a date using only data from before it (the engine filters every table by
 * `asOf`), then compare with the outcomes the CRM recorded afterwards: opportunities closed in
 * (asOf, asOf + horizon]. A better configuration ranks the accounts that went on to win higher (AUC, lift).
 */
@Injectable()
export class BacktestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: ScoringEngineService,
    private readonly configs: ScoreConfigService,
  ) {}

  async backtest(version: number, asOf: Date, horizonDays = 365, definition?: ScoringDefinition): Promise<BacktestReport> {
    const def = definition ?? (await this.configs.get(version)).definition;
    const run = await this.engine.run({ kind: 'backtest', asOf, config: { version, definition: def } });
    const rows = await this.outcomes(run.runId, asOf, horizonDays);
    const report = evaluate(rows, { configVersion: version, asOf: asOf.toISOString(), horizonDays, run }, def);
    await this.configs.recordBacktest(version, report as unknown as Record<string, unknown>);
    return report;
  }

  /** Components from a scoring run joined with the outcomes that followed its as-of date. */
  async outcomes(runId: string, asOf: Date, horizonDays: number): Promise<OutcomeRow[]> {
    const rows = (await this.dataSource.query(
      `WITH o AS (
         SELECT account_id, bool_or(is_won) AS won FROM opportunities
         WHERE is_closed AND deleted_at IS NULL AND account_id IS NOT NULL
           AND close_date > $2::date AND close_date <= $2::date + $3::int
         GROUP BY account_id)
       SELECT s.account_id, s.score, s.fit, s.engagement, s.committee, s.loyalty, o.won
       FROM account_scores s JOIN o ON o.account_id = s.account_id WHERE s.scoring_run_id = $1`,
      [runId, asOf.toISOString().slice(0, 10), horizonDays],
    )) as Array<{ account_id: string; score: number; fit: number; engagement: number; committee: number; loyalty: number; won: boolean }>;
    return rows.map((r) => ({ accountId: r.account_id, score: r.score, fit: r.fit, engagement: r.engagement, committee: r.committee, loyalty: r.loyalty, outcome: r.won ? 1 : 0 }));
  }
}

export function evaluate(rows: OutcomeRow[], base: Pick<BacktestReport, 'configVersion' | 'asOf' | 'horizonDays' | 'run'>, def: ScoringDefinition): BacktestReport {
  const labels = rows.map((r) => r.outcome);
  const scores = rows.map((r) => r.score);
  const positives = labels.filter((l) => l === 1).length;
  const bothClasses = positives > 0 && positives < rows.length;
  const tierOf = (s: number) => (s >= def.tiers.A ? 'A' : s >= def.tiers.B ? 'B' : s >= def.tiers.C ? 'C' : 'D');
  const winRateByTier: BacktestReport['winRateByTier'] = {};
  for (const t of ['A', 'B', 'C', 'D']) winRateByTier[t] = { accounts: 0, won: 0, rate: null };
  for (const r of rows) {
    const t = winRateByTier[tierOf(r.score)];
    t.accounts++;
    t.won += r.outcome;
  }
  for (const t of Object.values(winRateByTier)) t.rate = t.accounts ? Math.round((t.won / t.accounts) * 1000) / 1000 : null;
  return {
    ...base,
    accountsWithOutcomes: rows.length,
    positives,
    // The score is not a probability; Brier of score/100 still shows how far it is from calibrated.
    auc: bothClasses ? auc(labels, scores) : null,
    brier: rows.length ? brier(labels, scores.map((s) => s / 100)) : null,
    liftByDecile: bothClasses && rows.length >= 10 ? liftByDecile(labels, scores) : [],
    winRateByTier,
    ...(bothClasses ? {} : { note: 'no outcomes of both kinds after this date: AUC and lift need won and lost deals' }),
  };
}
