import {
  accuracy,
  auc,
  bestAccuracyThreshold,
  brier,
  calibrationTable,
  liftByDecile,
} from '../../../src/intelligence/models/metrics.util';

describe('metrics', () => {
  it('AUC is 1 for a perfect ranking, 0 for a reversed one and 0.5 for a constant score', () => {
    const y = [0, 0, 1, 1];
    expect(auc(y, [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(auc(y, [0.9, 0.8, 0.2, 0.1])).toBe(0);
    expect(auc(y, [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('AUC counts ties as half (hand-checked: 3 of 4 pairs right, one tie → 3.5/4)', () => {
    // pairs (pos, neg): (0.8,0.1)✓ (0.8,0.4)✓ (0.4,0.1)✓ (0.4,0.4)½
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])).toBeCloseTo(0.875, 12);
  });

  it('Brier and accuracy on a hand-worked example', () => {
    // (0.9−1)² + (0.4−0)² + (0.6−1)² + (0.2−0)² = 0.01 + 0.16 + 0.16 + 0.04 = 0.37 → /4
    expect(brier([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2])).toBeCloseTo(0.0925, 12);
    expect(accuracy([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.7])).toBe(0.75);
  });

  it('lift by decile puts all positives in the first decile for a perfect score', () => {
    const y = Array.from({ length: 100 }, (_, i) => (i < 10 ? 1 : 0));
    const s = y.map((v, i) => (v === 1 ? 2 : 1) - i / 1000);
    const rows = liftByDecile(y, s);
    expect(rows).toHaveLength(10);
    expect(rows[0].positives).toBe(10);
    expect(rows[0].lift).toBeCloseTo(10, 12);
    expect(rows.slice(1).every((r) => r.positives === 0)).toBe(true);
  });

  it('calibration table averages predictions and outcomes per bin', () => {
    const rows = calibrationTable([0, 1, 1, 0], [0.05, 0.15, 0.95, 0.91], 10);
    expect(rows[0]).toMatchObject({ count: 1, observedRate: 0 });
    expect(rows[1]).toMatchObject({ count: 1, observedRate: 1 });
    expect(rows[9].count).toBe(2);
    expect(rows[9].meanPredicted).toBeCloseTo(0.93, 12);
    expect(rows[9].observedRate).toBe(0.5);
  });

  it('best accuracy threshold separates a separable score', () => {
    const t = bestAccuracyThreshold([0, 0, 1, 1], [1, 2, 3, 4]);
    expect(t).toBeGreaterThan(2);
    expect(t).toBeLessThan(3);
  });
});
