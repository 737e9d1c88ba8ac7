import { Injectable } from '@nestjs/common';
import { auc, brier, GradientBoostingModel, liftByDecile, LogisticRegressionModel, stratifiedFolds } from '../models';
import { ScoreConfigService, type ConfigSummary } from '../config/score-config.service';
import { effectiveWeights } from '../config/scoring-definition.util';
import { BacktestService, type OutcomeRow } from './backtest.service';

export interface TrainingReport {
  status: 'learned' | 'rules';
  reason: string;
  closedOutcomes: number;
  minimumOutcomes: number;
  asOf: string;
  heldOut?: {
    rows: number;
    rules: { auc: number; brier: number };
    logisticRegression: { auc: number; brier: number };
    gradientBoosting?: { auc: number; brier: number };
    liftByDecile: ReturnType<typeof liftByDecile>;
  };
  weights?: { fit: number; engagement: number; committee: number; loyalty: number };
  draft?: ConfigSummary;
}

const COMPONENTS = ['fit', 'engagement', 'committee', 'loyalty'] as const;

/**
 * Learns component weights from the CRM's own outcomes: components scored as of `asOf` (backtest, data
 * before it only) against deals closed in the following horizon. Logistic regression is the floor; its
 * coefficients (per point of each component) become the weights, so the score stays the same explainable
 * weighted sum. It must beat the rule weights on held-out accounts, and below `minimumOutcomes` closed
 * outcomes nothing is learned: the rules stay, and the report says why. The result is a draft config to
 * backtest and publish like any other.
 */
@Injectable()
export class WeightTrainingService {
  constructor(
    private readonly backtests: BacktestService,
    private readonly configs: ScoreConfigService,
  ) {}

  async train(options: { asOf: Date; horizonDays?: number; minimumOutcomes?: number; actor: string; seed?: number }): Promise<TrainingReport> {
    const minimumOutcomes = options.minimumOutcomes ?? 200;
    const active = await this.configs.active();
    const bt = await this.backtests.backtest(active.version, options.asOf, options.horizonDays ?? 365, active.definition);
    const rows = await this.backtests.outcomes(bt.run.runId, options.asOf, options.horizonDays ?? 365);
    const base = { closedOutcomes: rows.length, minimumOutcomes, asOf: options.asOf.toISOString() };
    const positives = rows.filter((r) => r.outcome === 1).length;
    if (rows.length < minimumOutcomes || positives < 10 || rows.length - positives < 10) {
      return { ...base, status: 'rules', reason: `only ${rows.length} closed outcomes (${positives} won) after ${base.asOf.slice(0, 10)}; at least ${minimumOutcomes} with both wins and losses are needed, so the rule weights stay` };
    }
    const folds = stratifiedFolds(rows.map((r) => r.outcome), 4, options.seed ?? 7);
    const train = rows.filter((_, i) => folds[i] !== 0);
    const test = rows.filter((_, i) => folds[i] === 0);
    const X = (rs: OutcomeRow[]) => rs.map((r) => COMPONENTS.map((c) => r[c]));
    const y = (rs: OutcomeRow[]) => rs.map((r) => r.outcome);
    const lr = LogisticRegressionModel.fit(X(train), y(train), { featureNames: [...COMPONENTS], l2: 1 });
    const lrP = X(test).map((x) => lr.predict(x));
    const w = effectiveWeights(active.definition);
    const rulesScore = test.map((r) => COMPONENTS.reduce((s, c) => s + w[c] * r[c], 0));
    const gb = GradientBoostingModel.fit(X(train), y(train), { featureNames: [...COMPONENTS], nEstimators: 100 });
    const gbP = X(test).map((x) => gb.predict(x));
    const yt = y(test);
    const heldOut = {
      rows: test.length,
      rules: { auc: auc(yt, rulesScore), brier: brier(yt, rulesScore.map((s) => s / 100)) },
      logisticRegression: { auc: auc(yt, lrP), brier: brier(yt, lrP) },
      gradientBoosting: { auc: auc(yt, gbP), brier: brier(yt, gbP) },
      liftByDecile: liftByDecile(yt, lrP),
    };
    const raw = lr.rawCoefficients().weights.map((v) => Math.max(0, v));
    const total = raw.reduce((s, v) => s + v, 0);
    if (total <= 0 || heldOut.logisticRegression.auc < heldOut.rules.auc) {
      return { ...base, status: 'rules', reason: `learned weights did not beat the rules on held-out accounts (AUC ${heldOut.logisticRegression.auc.toFixed(3)} vs ${heldOut.rules.auc.toFixed(3)})`, heldOut };
    }
    const weights = { fit: raw[0] / total, engagement: raw[1] / total, committee: raw[2] / total, loyalty: raw[3] / total };
    const modelVersion = `lr-${options.asOf.toISOString().slice(0, 10)}`;
    const report = { heldOut, closedOutcomes: rows.length, model: lr.toJSON() };
    const draft = await this.configs.saveDraft({ ...active.definition, learned: { modelVersion, weights, report } }, options.actor, `learned weights (${modelVersion})`, report);
    const gbNote = heldOut.gradientBoosting.auc > heldOut.logisticRegression.auc + 0.01
      ? `; gradient boosting scored AUC ${heldOut.gradientBoosting.auc.toFixed(3)} but is not used: its weights cannot be shown as a sum of factors`
      : '';
    return { ...base, status: 'learned', reason: `logistic regression beat the rules on ${test.length} held-out accounts (AUC ${heldOut.logisticRegression.auc.toFixed(3)} vs ${heldOut.rules.auc.toFixed(3)})${gbNote}`, heldOut, weights, draft };
  }
}
