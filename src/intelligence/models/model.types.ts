/** Shared shapes for the binary classifiers used to learn scoring weights and to evaluate them. */

/** Rows of numeric features; every row has the same length as `featureNames`. */
export type FeatureMatrix = readonly (readonly number[])[];
/** Binary outcomes, 0 or 1, one per row. */
export type Labels = readonly number[];

/** How much one feature moved a prediction, in log-odds, relative to the model's baseline. */
export interface FeatureContribution {
  feature: string;
  value: number;
  contribution: number;
}

/** A prediction broken down: `baseline + sum(contributions) = logit(probability)`. */
export interface Explanation {
  probability: number;
  baseline: number;
  contributions: FeatureContribution[];
}

export interface BinaryModel {
  readonly kind: string;
  readonly featureNames: readonly string[];
  /** Probability of the positive class. */
  predict(x: readonly number[]): number;
  explain(x: readonly number[]): Explanation;
  toJSON(): SerializedModel;
}

export interface SerializedModel {
  kind: string;
  version: 1;
  featureNames: string[];
  [key: string]: unknown;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
}

export function defaultFeatureNames(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `x${i}`);
}

export function assertShape(X: FeatureMatrix, y: Labels): number {
  if (X.length === 0) throw new Error('cannot fit on an empty data set');
  if (X.length !== y.length) throw new Error(`X has ${X.length} rows but y has ${y.length}`);
  const width = X[0].length;
  for (const row of X) if (row.length !== width) throw new Error('rows of X differ in length');
  for (const v of y) if (v !== 0 && v !== 1) throw new Error('labels must be 0 or 1');
  return width;
}

/** Sorts contributions by absolute size, largest first, which is how reasons are shown to people. */
export function byMagnitude(contributions: FeatureContribution[]): FeatureContribution[] {
  return [...contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}
