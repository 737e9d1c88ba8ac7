import type { FeatureMatrix } from './model.types';

/** Per-feature cut points and each row's bin code (bin b holds values ≤ thresholds[b] and > thresholds[b−1]). */
export interface FeatureBins {
  thresholds: number[][];
  /** Column-major codes: codes[j][i] is row i's bin for feature j. */
  codes: Uint16Array[];
  /** Row-major copy: rowCodes[i * width + j]. */
  rowCodes: Uint16Array;
  /** Start of feature j's bins in a flat histogram of `totalBins` cells. */
  offsets: Int32Array;
  totalBins: number;
}

/**
 * Quantile binning as in histogram GBDTs (LightGBM): features with few distinct values get a cut
 * between every pair of neighbours; others get cuts at (up to) maxBins−1 quantiles. Cuts are raw
 * feature values, so a fitted tree predicts on raw rows without the bins.
 */
export function buildBins(X: FeatureMatrix, maxBins: number): FeatureBins {
  const n = X.length;
  const width = X[0].length;
  const thresholds: number[][] = [];
  const codes: Uint16Array[] = [];
  for (let j = 0; j < width; j++) {
    const values = Float64Array.from(X, (row) => row[j]).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i]);
    let cuts: number[];
    if (distinct.length <= maxBins) {
      cuts = distinct.slice(0, -1).map((v, i) => (v + distinct[i + 1]) / 2);
    } else {
      const set = new Set<number>();
      for (let q = 1; q < maxBins; q++) {
        const v = values[Math.floor((q * n) / maxBins)];
        // Cut just below the quantile value's successor so equal values stay in one bin.
        if (v < distinct[distinct.length - 1]) set.add(v);
      }
      cuts = [...set].sort((a, b) => a - b);
    }
    thresholds.push(cuts);
    const column = new Uint16Array(n);
    for (let i = 0; i < n; i++) column[i] = binOf(cuts, X[i][j]);
    codes.push(column);
  }
  const rowCodes = new Uint16Array(n * width);
  for (let j = 0; j < width; j++) for (let i = 0; i < n; i++) rowCodes[i * width + j] = codes[j][i];
  const offsets = new Int32Array(width);
  let totalBins = 0;
  for (let j = 0; j < width; j++) {
    offsets[j] = totalBins;
    totalBins += thresholds[j].length + 1;
  }
  return { thresholds, codes, rowCodes, offsets, totalBins };
}

/** Index of the first cut ≥ value (binary search), or cuts.length when value exceeds every cut. */
export function binOf(cuts: readonly number[], value: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
