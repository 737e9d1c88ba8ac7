/**
 * Evaluation metrics for binary scores. AUC uses the rank-sum (Mann–Whitney) form with average ranks
 * for ties, so a constant score gives exactly 0.5.
 */
export function auc(labels: readonly number[], scores: readonly number[]): number {
  const n = labels.length;
  if (n !== scores.length) throw new Error('labels and scores differ in length');
  const order = scores.map((s, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function accuracy(labels: readonly number[], probabilities: readonly number[], threshold = 0.5): number {
  let correct = 0;
  labels.forEach((y, i) => {
    if ((probabilities[i] >= threshold ? 1 : 0) === y) correct++;
  });
  return labels.length === 0 ? Number.NaN : correct / labels.length;
}

/** Mean squared error of probabilities (lower is better; 0.25 for a constant 0.5 on balanced data). */
export function brier(labels: readonly number[], probabilities: readonly number[]): number {
  let total = 0;
  labels.forEach((y, i) => (total += (probabilities[i] - y) ** 2));
  return total / labels.length;
}

export function logLoss(labels: readonly number[], probabilities: readonly number[]): number {
  let total = 0;
  labels.forEach((y, i) => {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
    total -= y === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return total / labels.length;
}

export interface DecileRow {
  decile: number;
  count: number;
  positives: number;
  rate: number;
  lift: number;
}

/** Rows sorted by score, highest first, cut into ten near-equal groups; lift = group rate / overall rate. */
export function liftByDecile(labels: readonly number[], scores: readonly number[]): DecileRow[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const overall = labels.reduce((s, y) => s + y, 0) / labels.length;
  const rows: DecileRow[] = [];
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * order.length) / 10);
    const to = Math.floor(((d + 1) * order.length) / 10);
    let positives = 0;
    for (let k = from; k < to; k++) positives += labels[order[k]];
    const count = to - from;
    const rate = count === 0 ? 0 : positives / count;
    rows.push({ decile: d + 1, count, positives, rate, lift: overall === 0 ? 0 : rate / overall });
  }
  return rows;
}

export interface CalibrationRow {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Fixed-width probability bins; a calibrated model has meanPredicted ≈ observedRate in each bin. */
export function calibrationTable(labels: readonly number[], probabilities: readonly number[], bins = 10): CalibrationRow[] {
  const rows: CalibrationRow[] = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: 0,
    meanPredicted: 0,
    observedRate: 0,
  }));
  probabilities.forEach((p, i) => {
    const row = rows[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))];
    row.count++;
    row.meanPredicted += p;
    row.observedRate += labels[i];
  });
  for (const row of rows) {
    if (row.count > 0) {
      row.meanPredicted /= row.count;
      row.observedRate /= row.count;
    }
  }
  return rows;
}

/** The threshold on a training score that maximises accuracy, for score-only baselines (e.g. RFM points). */
export function bestAccuracyThreshold(labels: readonly number[], scores: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  const totalPositives = labels.reduce((s, y) => s + y, 0);
  // Threshold below everything: all predicted positive.
  let best = totalPositives;
  let bestThreshold = -Infinity;
  let negativesBelow = 0;
  let positivesBelow = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]] === 1) positivesBelow++;
    else negativesBelow++;
    const next = k + 1 < order.length ? scores[order[k + 1]] : Infinity;
    if (next === scores[order[k]]) continue;
    const correct = negativesBelow + (totalPositives - positivesBelow);
    if (correct > best) {
      best = correct;
      bestThreshold = next === Infinity ? Infinity : (scores[order[k]] + next) / 2;
    }
  }
  return bestThreshold;
}
