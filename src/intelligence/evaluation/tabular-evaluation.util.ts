import { crossValidate, stratifiedFolds, type CrossValidationResult, type Trainer } from '../models/cross-validation.util';
import { LogisticRegressionModel } from '../models/logistic-regression.model';
import { NaiveBayesModel } from '../models/naive-bayes.model';
import { EnsembleModel, type EnsembleOptions } from '../models/ensemble.model';
import { RfmQuintileModel } from './rfm-baseline.util';
import type { ModelScore, TabularReport, TabularTask } from './evaluation.types';

export interface TabularEvaluationOptions {
  folds?: number;
  seed?: number;
  ensemble?: EnsembleOptions;
  /** Also score our model without the earlier snapshots, for transparency (default true). */
  compareSingleSnapshot?: boolean;
  /** Fit once more on all rows to list the strongest features (default true; tests skip it). */
  listTopFeatures?: boolean;
  onFold?: () => void;
}

/**
 * Runs our model and the three baselines on the same stratified folds (fixed seed). Baselines see the
 * raw/one-hot columns; our model sees the engineered view of the same rows, plus (when the task has
 * them) earlier snapshots of the training fold's own entities. Test rows are always main rows.
 */
export function evaluateTabularTask(task: TabularTask, options: TabularEvaluationOptions = {}): TabularReport {
  const started = Date.now();
  const k = options.folds ?? 5;
  const seed = options.seed ?? 42;
  const folds = stratifiedFolds(task.y, k, seed);
  const tick = (trainer: Trainer): Trainer => (X, y, rows) => {
    const model = trainer(X, y, rows);
    options.onFold?.();
    return model;
  };
  const score = (model: string, cv: CrossValidationResult): ModelScore => ({
    model,
    meanAuc: cv.meanAuc,
    meanAccuracy: cv.meanAccuracy,
    meanBrier: cv.meanBrier,
    folds: cv.folds,
  });

  const rawX = task.raw.X;
  const baselines = [
    score('rfm_quintiles', crossValidate(rawX, task.y, folds, tick((X, y) => RfmQuintileModel.fit(X, y, task.rfmColumns)))),
    score('naive_bayes', crossValidate(rawX, task.y, folds, tick((X, y) => NaiveBayesModel.fit(X, y)))),
    score('logistic_regression', crossValidate(rawX, task.y, folds, tick((X, y) => LogisticRegressionModel.fit(X, y)))),
  ];
  const ensembleOptions: EnsembleOptions = { ...options.ensemble, featureNames: task.engineered.names, seed };
  const extra = task.extraTraining;
  // Training rows plus the earlier snapshots of the same (training-fold) entities; the snapshots share
  // their customer's inner fold, and only main rows calibrate the combiner.
  const withExtra: TrainingData = (X: readonly (readonly number[])[], y: readonly number[], rows: readonly number[]) => {
    if (!extra) return { X: [...X], y: [...y], options: ensembleOptions };
    const position = new Map(rows.map((r, p) => [r, p]));
    const keep = extra.owner.map((o, k) => (position.has(o) ? k : -1)).filter((k) => k >= 0);
    const groups = [...rows.map((_, p) => p), ...keep.map((k) => position.get(extra.owner[k]) as number)];
    const main = X.length;
    return {
      X: [...X, ...keep.map((k) => extra.X[k])],
      y: [...y, ...keep.map((k) => extra.y[k])],
      options: { ...ensembleOptions, groups, calibrationRows: (i: number) => i < main },
    };
  };
  const ours = score(
    'ours_stacked_lr_gbt_nb',
    crossValidate(task.engineered.X, task.y, folds, tick((X, y, rows) => {
      const data = withExtra(X, y, rows);
      return EnsembleModel.fit(data.X, data.y, data.options);
    })),
  );
  const oursSingleSnapshot = extra && (options.compareSingleSnapshot ?? true)
    ? score('ours_without_earlier_snapshots', crossValidate(task.engineered.X, task.y, folds, (X, y) => EnsembleModel.fit(X, y, ensembleOptions)))
    : undefined;

  const topFeatures = options.listTopFeatures === false ? [] : strongestFeatures(task, withExtra);

  return {
    task: task.name,
    description: task.description,
    rows: task.y.length,
    positiveRate: task.y.reduce((s, v) => s + v, 0) / task.y.length,
    folds: k,
    seed,
    ours,
    ...(oursSingleSnapshot ? { oursSingleSnapshot } : {}),
    baselines,
    beatsAllBaselines: baselines.every((b) => ours.meanAuc > b.meanAuc && ours.meanAccuracy > b.meanAccuracy),
    topFeatures,
    seconds: (Date.now() - started) / 1000,
  };
}

type TrainingData = (X: readonly (readonly number[])[], y: readonly number[], rows: readonly number[]) => {
  X: (readonly number[])[];
  y: number[];
  options: EnsembleOptions;
};

/** Which features matter, from a model fitted on all rows (mean |contribution| over a sample of rows). */
function strongestFeatures(task: TabularTask, withExtra: TrainingData): { feature: string; meanAbsContribution: number }[] {
  const all = withExtra(task.engineered.X, task.y, task.y.map((_, i) => i));
  const full = EnsembleModel.fit(all.X, all.y, all.options);
  const totals = new Map<string, number>();
  const sample = task.engineered.X.filter((_, i) => i % 10 === 0);
  for (const row of sample) {
    for (const c of full.explain(row).contributions) totals.set(c.feature, (totals.get(c.feature) ?? 0) + Math.abs(c.contribution));
  }
  return [...totals.entries()]
    .map(([feature, total]) => ({ feature, meanAbsContribution: total / sample.length }))
    .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution)
    .slice(0, 8);
}
