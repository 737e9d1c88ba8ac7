import {
  assertShape,
  BinaryModel,
  byMagnitude,
  defaultFeatureNames,
  Explanation,
  FeatureMatrix,
  Labels,
  SerializedModel,
  sigmoid,
} from './model.types';
import { binOf, buildBins } from './feature-binning.util';

export interface NaiveBayesOptions {
  featureNames?: readonly string[];
  /** Numeric features are cut into at most this many quantile bins; categorical codes keep their values. */
  maxBins?: number;
  /** Laplace smoothing count per bin. */
  alpha?: number;
}

interface NaiveBayesState {
  featureNames: string[];
  priorLogOdds: number;
  cuts: number[][];
  /** Per feature and bin: log P(bin | 1) − log P(bin | 0). */
  logRatios: number[][];
}

/**
 * Frequency-table naive Bayes over binned features: a deliberately simple baseline. Each feature
 * adds its bin's log-likelihood ratio, assuming features are independent given the class.
 */
export class NaiveBayesModel implements BinaryModel {
  readonly kind = 'naive_bayes';

  private constructor(private readonly state: NaiveBayesState) {}

  get featureNames(): readonly string[] {
    return this.state.featureNames;
  }

  static fit(X: FeatureMatrix, y: Labels, options: NaiveBayesOptions = {}): NaiveBayesModel {
    const d = assertShape(X, y);
    const alpha = options.alpha ?? 1;
    const bins = buildBins(X, options.maxBins ?? 10);
    const positives = y.reduce((s: number, v) => s + v, 0);
    const negatives = y.length - positives;
    const logRatios: number[][] = [];
    for (let j = 0; j < d; j++) {
      const binCount = bins.thresholds[j].length + 1;
      const pos = new Array<number>(binCount).fill(alpha);
      const neg = new Array<number>(binCount).fill(alpha);
      bins.codes[j].forEach((b, i) => (y[i] === 1 ? pos[b]++ : neg[b]++));
      logRatios.push(
        pos.map((p, b) => Math.log(p / (positives + alpha * binCount)) - Math.log(neg[b] / (negatives + alpha * binCount))),
      );
    }
    return new NaiveBayesModel({
      featureNames: [...(options.featureNames ?? defaultFeatureNames(d))],
      priorLogOdds: Math.log(Math.max(positives, 1) / Math.max(negatives, 1)),
      cuts: bins.thresholds,
      logRatios,
    });
  }

  static fromJSON(json: SerializedModel): NaiveBayesModel {
    if (json.kind !== 'naive_bayes') throw new Error(`not a naive Bayes model: ${json.kind}`);
    const s = json as unknown as NaiveBayesState;
    return new NaiveBayesModel({ ...s, featureNames: [...s.featureNames] });
  }

  private terms(x: readonly number[]): number[] {
    return this.state.logRatios.map((ratios, j) => ratios[binOf(this.state.cuts[j], x[j])]);
  }

  logit(x: readonly number[]): number {
    return this.terms(x).reduce((s, t) => s + t, this.state.priorLogOdds);
  }

  predict(x: readonly number[]): number {
    return sigmoid(this.logit(x));
  }

  explain(x: readonly number[]): Explanation {
    const contributions = this.terms(x).map((contribution, j) => ({
      feature: this.state.featureNames[j],
      value: x[j],
      contribution,
    }));
    return { probability: this.predict(x), baseline: this.state.priorLogOdds, contributions: byMagnitude(contributions) };
  }

  toJSON(): SerializedModel {
    return { kind: this.kind, version: 1, ...this.state, featureNames: [...this.state.featureNames] };
  }
}
