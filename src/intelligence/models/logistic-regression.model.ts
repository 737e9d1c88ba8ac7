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
import { solveSymmetricPositiveDefinite } from './linear-algebra.util';

export interface LogisticRegressionOptions {
  featureNames?: readonly string[];
  /** L2 penalty on the standardised weights (not the intercept): loss + l2/2·‖w‖². */
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
}

interface LogisticRegressionState {
  featureNames: string[];
  means: number[];
  scales: number[];
  intercept: number;
  /** Weights on standardised features, so their sizes are comparable. */
  weights: number[];
  iterations: number;
}

/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method (IRLS).
 * With a few dozen features the d×d Hessian is tiny, and Newton converges in a handful of steps
 * to the exact penalised optimum, which makes results reproducible without learning-rate tuning.
 */
export class LogisticRegressionModel implements BinaryModel {
  readonly kind = 'logistic_regression';

  private constructor(private readonly state: LogisticRegressionState) {}

  get featureNames(): readonly string[] {
    return this.state.featureNames;
  }

  /** Intercept and weights on the ORIGINAL feature scale: logit = intercept + Σ w_j x_j. */
  rawCoefficients(): { intercept: number; weights: number[] } {
    const { means, scales, weights, intercept } = this.state;
    const raw = weights.map((w, j) => w / scales[j]);
    return { intercept: intercept - raw.reduce((s, w, j) => s + w * means[j], 0), weights: raw };
  }

  get iterations(): number {
    return this.state.iterations;
  }

  static fit(X: FeatureMatrix, y: Labels, options: LogisticRegressionOptions = {}): LogisticRegressionModel {
    const d = assertShape(X, y);
    const n = X.length;
    const l2 = options.l2 ?? 1;
    const maxIterations = options.maxIterations ?? 50;
    const tolerance = options.tolerance ?? 1e-8;
    const means = new Array<number>(d).fill(0);
    const scales = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) means[j] += row[j] / n;
    for (const row of X) for (let j = 0; j < d; j++) scales[j] += (row[j] - means[j]) ** 2 / n;
    for (let j = 0; j < d; j++) scales[j] = Math.sqrt(scales[j]) || 1;
    const Z = X.map((row) => row.map((v, j) => (v - means[j]) / scales[j]));

    // beta[0] is the intercept, beta[1..d] the standardised weights.
    const beta = new Array<number>(d + 1).fill(0);
    const rate = y.reduce((s: number, v) => s + v, 0) / n;
    beta[0] = Math.log(Math.max(rate, 1e-6) / Math.max(1 - rate, 1e-6));
    let iterations = 0;
    for (; iterations < maxIterations; iterations++) {
      const gradient = new Array<number>(d + 1).fill(0);
      const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
      for (let i = 0; i < n; i++) {
        const z = Z[i];
        let eta = beta[0];
        for (let j = 0; j < d; j++) eta += beta[j + 1] * z[j];
        const p = sigmoid(eta);
        const r = y[i] - p;
        const w = Math.max(p * (1 - p), 1e-10);
        gradient[0] += r;
        hessian[0][0] += w;
        for (let j = 0; j < d; j++) {
          const wz = w * z[j];
          gradient[j + 1] += r * z[j];
          hessian[0][j + 1] += wz;
          const hj = hessian[j + 1];
          for (let k = j; k < d; k++) hj[k + 1] += wz * z[k];
        }
      }
      for (let j = 1; j <= d; j++) {
        gradient[j] -= l2 * beta[j];
        hessian[j][j] += l2;
      }
      for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[j][k] = hessian[k][j];
      const step = solveSymmetricPositiveDefinite(hessian, gradient);
      let change = 0;
      for (let j = 0; j <= d; j++) {
        beta[j] += step[j];
        change = Math.max(change, Math.abs(step[j]));
      }
      if (change < tolerance) {
        iterations++;
        break;
      }
    }
    return new LogisticRegressionModel({
      featureNames: [...(options.featureNames ?? defaultFeatureNames(d))],
      means,
      scales,
      intercept: beta[0],
      weights: beta.slice(1),
      iterations,
    });
  }

  static fromJSON(json: SerializedModel): LogisticRegressionModel {
    if (json.kind !== 'logistic_regression') throw new Error(`not a logistic regression: ${json.kind}`);
    const s = json as unknown as LogisticRegressionState;
    return new LogisticRegressionModel({
      featureNames: [...s.featureNames],
      means: [...s.means],
      scales: [...s.scales],
      intercept: s.intercept,
      weights: [...s.weights],
      iterations: s.iterations,
    });
  }

  logit(x: readonly number[]): number {
    const { means, scales, weights, intercept } = this.state;
    let eta = intercept;
    for (let j = 0; j < weights.length; j++) eta += (weights[j] * (x[j] - means[j])) / scales[j];
    return eta;
  }

  predict(x: readonly number[]): number {
    return sigmoid(this.logit(x));
  }

  /** Contribution of feature j = w_j·(x_j − mean_j)/scale_j: how far it moves this row from an average row. */
  explain(x: readonly number[]): Explanation {
    const { means, scales, weights, intercept, featureNames } = this.state;
    const contributions = weights.map((w, j) => ({
      feature: featureNames[j],
      value: x[j],
      contribution: (w * (x[j] - means[j])) / scales[j],
    }));
    return { probability: this.predict(x), baseline: intercept, contributions: byMagnitude(contributions) };
  }

  toJSON(): SerializedModel {
    return { kind: this.kind, version: 1, ...this.state, featureNames: [...this.state.featureNames] };
  }
}
