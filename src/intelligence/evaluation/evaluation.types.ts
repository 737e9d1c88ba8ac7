import type { FoldResult } from '../models/cross-validation.util';

/** A tabular binary task: the raw/one-hot view for baselines and the engineered view for our model. */
export interface TabularTask {
  name: string;
  description: string;
  y: number[];
  raw: { names: string[]; X: number[][] };
  engineered: { names: string[]; X: number[][] };
  /**
   * Extra engineered rows only our model trains on (earlier snapshots of the same entities);
   * `owner[k]` is the main row they belong to, so they are used only when that row is in training.
   */
  extraTraining?: { owner: number[]; X: number[][]; y: number[] };
  /** Indices (into raw.names) of the recency-like, frequency-like and monetary-like columns. */
  rfmColumns: [number, number, number];
}

export interface ModelScore {
  model: string;
  meanAuc: number;
  meanAccuracy: number;
  meanBrier: number;
  folds: FoldResult[];
}

export interface TabularReport {
  task: string;
  description: string;
  rows: number;
  positiveRate: number;
  folds: number;
  seed: number;
  ours: ModelScore;
  /** Our model without the extra earlier-snapshot rows, when the task has them (for transparency). */
  oursSingleSnapshot?: ModelScore;
  baselines: ModelScore[];
  /** True when our model's mean AUC and mean accuracy beat every baseline's. */
  beatsAllBaselines: boolean;
  topFeatures: { feature: string; meanAbsContribution: number }[];
  seconds: number;
}

export interface TitleLanguageReport {
  language: 'en' | 'ko';
  source: string;
  split: 'held_out' | 'train' | 'all';
  titles: number;
  functionAccuracy: number;
  /** Accuracy on titles whose label is one of our business functions (not `other`). */
  focusFunctionAccuracy: number;
  focusTitles: number;
  seniorityAccuracy: number;
  /** Share of titles for which the classifier gave a function other than unknown. */
  functionCoverage: number;
}

export interface TitleReport {
  perLanguage: TitleLanguageReport[];
  rootstrapAreaAccuracy: number;
  rootstrapTitles: number;
  ipodTokenAccuracy: number;
  ipodTokens: number;
  seconds: number;
}

export interface EvaluationReport {
  dataDir: string;
  tasks: TabularReport[];
  titles?: TitleReport;
  skipped: string[];
  seconds: number;
}
