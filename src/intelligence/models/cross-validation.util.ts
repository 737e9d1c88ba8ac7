import { seededRandom, shuffled } from './random.util';
import { accuracy, auc, brier } from './metrics.util';
import type { BinaryModel, FeatureMatrix, Labels } from './model.types';

/**
 * Assigns each row a fold 0..k−1 so every fold has (nearly) the same share of positives:
 * positives and negatives are shuffled separately with the seed and dealt round-robin.
 */
export function stratifiedFolds(y: Labels, k: number, seed: number): number[] {
  if (k < 2) throw new Error('k-fold needs k ≥ 2');
  const random = seededRandom(seed);
  const fold = new Array<number>(y.length).fill(0);
  let next = 0;
  for (const cls of [1, 0]) {
    const members = shuffled(
      y.map((v, i) => (v === cls ? i : -1)).filter((i) => i >= 0),
      random,
    );
    for (const i of members) fold[i] = next++ % k;
  }
  return fold;
}

/** Row indices before and on/after a cut-off time: train on the past, test on the future. */
export function timeSplit(times: readonly number[], cutoff: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  times.forEach((t, i) => (t < cutoff ? train : test).push(i));
  return { train, test };
}

export interface FoldResult {
  fold: number;
  size: number;
  auc: number;
  accuracy: number;
  brier: number;
}

export interface CrossValidationResult {
  folds: FoldResult[];
  meanAuc: number;
  meanAccuracy: number;
  meanBrier: number;
  /** Out-of-fold probability for every row. */
  predictions: number[];
}

/** Something that learns from rows and returns a model (or any scorer with `predict`). */
export type Trainer = (X: FeatureMatrix, y: Labels, rows: readonly number[]) => Pick<BinaryModel, 'predict'>;

/**
 * k-fold cross-validation with a caller-supplied trainer. `threshold` turns probabilities into
 * classes for accuracy; trainers of score-only baselines may return already-thresholded 0/1 scores.
 */
export function crossValidate(X: FeatureMatrix, y: Labels, folds: readonly number[], train: Trainer): CrossValidationResult {
  const k = Math.max(...folds) + 1;
  const predictions = new Array<number>(y.length).fill(0);
  const results: FoldResult[] = [];
  for (let f = 0; f < k; f++) {
    const trainRows = folds.map((g, i) => (g === f ? -1 : i)).filter((i) => i >= 0);
    const testRows = folds.map((g, i) => (g === f ? i : -1)).filter((i) => i >= 0);
    const model = train(
      trainRows.map((i) => X[i]),
      trainRows.map((i) => y[i]),
      trainRows,
    );
    const p = testRows.map((i) => model.predict(X[i]));
    const labels = testRows.map((i) => y[i]);
    testRows.forEach((i, r) => (predictions[i] = p[r]));
    results.push({ fold: f + 1, size: testRows.length, auc: auc(labels, p), accuracy: accuracy(labels, p), brier: brier(labels, p) });
  }
  const mean = (pick: (r: FoldResult) => number) => results.reduce((s, r) => s + pick(r), 0) / results.length;
  return {
    folds: results,
    meanAuc: mean((r) => r.auc),
    meanAccuracy: mean((r) => r.accuracy),
    meanBrier: mean((r) => r.brier),
    predictions,
  };
}
