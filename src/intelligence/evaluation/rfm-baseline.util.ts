import type { FeatureMatrix, Labels } from '../models/model.types';

/**
 * The classic RFM quintile score as a baseline: each of three columns is cut into quintiles on the
 * training rows, oriented so a higher quintile means a higher outcome rate there, and the three
 * quintiles (1..5) are summed to a 3..15 score. The probability for a score is its smoothed outcome
 * rate on the training rows, which keeps the baseline's ranking and gives it a fair accuracy.
 */
export class RfmQuintileModel {
  private constructor(
    private readonly columns: readonly number[],
    private readonly cuts: number[][],
    private readonly directions: number[],
    private readonly rateByScore: Map<number, number>,
    private readonly overallRate: number,
  ) {}

  static fit(X: FeatureMatrix, y: Labels, columns: readonly number[]): RfmQuintileModel {
    const cuts = columns.map((c) => {
      const values = X.map((row) => row[c]).sort((a, b) => a - b);
      return [1, 2, 3, 4].map((q) => values[Math.floor((q * values.length) / 5)]);
    });
    const overallRate = y.reduce((s: number, v) => s + v, 0) / y.length;
    const directions = columns.map((c, k) => {
      let top = 0;
      let topN = 0;
      let bottom = 0;
      let bottomN = 0;
      X.forEach((row, i) => {
        const q = quintile(cuts[k], row[c]);
        if (q >= 4) {
          top += y[i];
          topN++;
        } else if (q <= 2) {
          bottom += y[i];
          bottomN++;
        }
      });
      return top / Math.max(topN, 1) >= bottom / Math.max(bottomN, 1) ? 1 : -1;
    });
    const model = new RfmQuintileModel(columns, cuts, directions, new Map(), overallRate);
    const sums = new Map<number, [number, number]>();
    X.forEach((row, i) => {
      const s = model.score(row);
      const cell = sums.get(s) ?? [0, 0];
      cell[0] += y[i];
      cell[1]++;
      sums.set(s, cell);
    });
    // Smoothed towards the overall rate with a prior worth 5 rows.
    for (const [s, [pos, n]] of sums) model.rateByScore.set(s, (pos + 5 * overallRate) / (n + 5));
    return model;
  }

  /** The 3..15 RFM score. */
  score(row: readonly number[]): number {
    return this.columns.reduce((s, c, k) => {
      const q = quintile(this.cuts[k], row[c]);
      return s + (this.directions[k] > 0 ? q : 6 - q);
    }, 0);
  }

  predict(row: readonly number[]): number {
    return this.rateByScore.get(this.score(row)) ?? this.overallRate;
  }
}

function quintile(cuts: readonly number[], value: number): number {
  let q = 1;
  for (const c of cuts) if (value > c) q++;
  return q;
}
