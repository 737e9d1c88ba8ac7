import { EnsembleModel } from '../../../src/intelligence/models/ensemble.model';
import { seededRandom } from '../../../src/intelligence/models/random.util';
import { sigmoid } from '../../../src/intelligence/models/model.types';
import { splitRetailLine } from '../../../src/intelligence/evaluation/retail-history.util';

/** One signal x; `season` shifts the base rate of the auxiliary rows far below the main rows'. */
function rows(n: number, seed: number, shift: number) {
  const random = seededRandom(seed);
  const X = Array.from({ length: n }, () => [random() * 4 - 2]);
  const y: number[] = X.map(([x]) => (random() < sigmoid(1 + x + shift) ? 1 : 0));
  return { X, y };
}

describe('ensemble calibrated on the rows it will predict', () => {
  const main = rows(400, 1, 0);
  const auxiliary = rows(800, 2, -2.5);
  const fast = { boosting: { nEstimators: 30 } };
  const X = [...main.X, ...auxiliary.X];
  const y = [...main.y, ...auxiliary.y];
  const mainRate = main.y.reduce((s: number, v) => s + v, 0) / main.y.length;
  const meanPrediction = (m: EnsembleModel) => main.X.reduce((s, x) => s + m.predict(x), 0) / main.X.length;

  it('matches the main rows’ outcome rate when only they calibrate the combiner', () => {
    const calibrated = EnsembleModel.fit(X, y, { ...fast, calibrationRows: (i) => i < main.X.length, seed: 3 });
    expect(Math.abs(meanPrediction(calibrated) - mainRate)).toBeLessThan(0.05);
  });

  it('is pulled towards the auxiliary rows’ lower rate when every row calibrates it', () => {
    const mixed = EnsembleModel.fit(X, y, { ...fast, seed: 3 });
    expect(mainRate - meanPrediction(mixed)).toBeGreaterThan(0.1);
  });

  it('keeps the rows of one group in one inner fold (fits and predicts with groups)', () => {
    const groups = y.map((_, i) => (i < main.X.length ? i : i % main.X.length));
    const grouped = EnsembleModel.fit(X, y, { ...fast, groups, calibrationRows: (i) => i < main.X.length, seed: 3 });
    expect(grouped.predict([2])).toBeGreaterThan(grouped.predict([-2]));
  });
});

describe('retail CSV line splitter', () => {
  it('cuts plain lines at the commas', () => {
    expect(splitRetailLine('489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085,United Kingdom')).toEqual([
      '489434', '85048', '15CM CHRISTMAS GLASS BALL 20 LIGHTS', '12', '2009-12-01 07:45:00', '6.95', '13085', 'United Kingdom',
    ]);
  });

  it('keeps commas and doubled quotes inside a quoted description', () => {
    expect(splitRetailLine('489434,22041,"RECORD FRAME 7"" SINGLE, SIZE ",48,2009-12-01 07:45:00,2.1,13085,United Kingdom')).toEqual([
      '489434', '22041', 'RECORD FRAME 7" SINGLE, SIZE ', '48', '2009-12-01 07:45:00', '2.1', '13085', 'United Kingdom',
    ]);
  });

  it('reads a line with an empty customer id', () => {
    expect(splitRetailLine('489464,21733,85123a mixed,-96,2009-12-01 10:52:00,0.0,,United Kingdom')?.[6]).toBe('');
  });
});
