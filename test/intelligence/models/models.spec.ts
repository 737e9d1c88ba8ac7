import { LogisticRegressionModel } from '../../../src/intelligence/models/logistic-regression.model';
import { GradientBoostingModel } from '../../../src/intelligence/models/gradient-boosting.model';
import { EnsembleModel } from '../../../src/intelligence/models/ensemble.model';
import { NaiveBayesModel } from '../../../src/intelligence/models/naive-bayes.model';
import { modelFromJSON } from '../../../src/intelligence/models/model-registry.util';
import { auc } from '../../../src/intelligence/models/metrics.util';
import { crossValidate, stratifiedFolds, timeSplit } from '../../../src/intelligence/models/cross-validation.util';
import { seededRandom } from '../../../src/intelligence/models/random.util';
import { sigmoid, type BinaryModel } from '../../../src/intelligence/models/model.types';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

function linearData(n: number, seed: number) {
  const random = seededRandom(seed);
  const X = Array.from({ length: n }, () => [gaussian(random), 3 + 2 * gaussian(random), gaussian(random)]);
  const y = X.map((x) => (random() < sigmoid(-0.5 + 1.5 * x[0] - 0.8 * x[1] + 0 * x[2]) ? 1 : 0));
  return { X, y };
}

/** Positive inside a ring: no linear boundary exists. */
function ringData(n: number, seed: number) {
  const random = seededRandom(seed);
  const X = Array.from({ length: n }, () => [4 * random() - 2, 4 * random() - 2, random()]);
  const y = X.map((x) => {
    const r = Math.hypot(x[0], x[1]);
    return random() < (r > 0.8 && r < 1.5 ? 0.9 : 0.1) ? 1 : 0;
  });
  return { X, y };
}

const score = (m: BinaryModel, X: number[][]) => X.map((x) => m.predict(x));

describe('logistic regression', () => {
  it('recovers known weights on synthetic data (raw scale)', () => {
    const { X, y } = linearData(20000, 11);
    const model = LogisticRegressionModel.fit(X, y, { l2: 0.01 });
    const { intercept, weights } = model.rawCoefficients();
    expect(intercept).toBeCloseTo(-0.5, 0);
    expect(Math.abs(intercept + 0.5)).toBeLessThan(0.15);
    expect(Math.abs(weights[0] - 1.5)).toBeLessThan(0.1);
    expect(Math.abs(weights[1] + 0.8)).toBeLessThan(0.06);
    expect(Math.abs(weights[2])).toBeLessThan(0.06);
  });

  it('explains a prediction additively and survives a JSON round trip', () => {
    const { X, y } = linearData(2000, 3);
    const model = LogisticRegressionModel.fit(X, y, { featureNames: ['a', 'b', 'c'] });
    const row = X[5];
    const e = model.explain(row);
    const total = e.contributions.reduce((s, c) => s + c.contribution, e.baseline);
    expect(sigmoid(total)).toBeCloseTo(model.predict(row), 12);
    expect(e.contributions[0].feature).not.toBe('c');
    const copy = modelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict(row)).toBe(model.predict(row));
  });
});

describe('gradient boosting and the ensemble', () => {
  const train = ringData(3000, 5);
  const test = ringData(2000, 6);

  it('boosted trees beat logistic regression on a non-linear problem', () => {
    const lr = LogisticRegressionModel.fit(train.X, train.y);
    const gb = GradientBoostingModel.fit(train.X, train.y, { nEstimators: 150, learningRate: 0.1 });
    const lrAuc = auc(test.y, score(lr, test.X));
    const gbAuc = auc(test.y, score(gb, test.X));
    expect(lrAuc).toBeLessThan(0.6);
    expect(gbAuc).toBeGreaterThan(0.8);
  });

  it('path attributions add up to the raw score, and JSON round trips are exact', () => {
    const gb = GradientBoostingModel.fit(train.X, train.y, { nEstimators: 40, featureNames: ['u', 'v', 'noise'] });
    const row = test.X[0];
    const e = gb.explain(row);
    expect(e.contributions.reduce((s, c) => s + c.contribution, e.baseline)).toBeCloseTo(gb.rawScore(row), 10);
    const copy = modelFromJSON(JSON.parse(JSON.stringify(gb.toJSON())));
    expect(copy.predict(row)).toBe(gb.predict(row));
  });

  it('the ensemble is at least as good as its better half on both kinds of problem', () => {
    const ens = EnsembleModel.fit(train.X, train.y, { boosting: { nEstimators: 150, learningRate: 0.1 } });
    expect(auc(test.y, score(ens, test.X))).toBeGreaterThan(0.8);
    const lin = linearData(3000, 8);
    const linTest = linearData(2000, 9);
    const ens2 = EnsembleModel.fit(lin.X, lin.y);
    const lr2 = LogisticRegressionModel.fit(lin.X, lin.y);
    expect(auc(linTest.y, score(ens2, linTest.X))).toBeGreaterThan(auc(linTest.y, score(lr2, linTest.X)) - 0.005);
    const row = linTest.X[1];
    const e = ens2.explain(row);
    expect(sigmoid(e.contributions.reduce((s, c) => s + c.contribution, e.baseline))).toBeCloseTo(ens2.predict(row), 10);
    expect(modelFromJSON(JSON.parse(JSON.stringify(ens2.toJSON()))).predict(row)).toBe(ens2.predict(row));
  });

  it('naive Bayes learns a single informative feature', () => {
    const { X, y } = linearData(3000, 12);
    const nb = NaiveBayesModel.fit(X, y);
    expect(auc(y, score(nb, X))).toBeGreaterThan(0.75);
  });
});

describe('splits', () => {
  it('stratified folds keep the positive rate per fold and are reproducible', () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const folds = stratifiedFolds(y, 5, 42);
    expect(stratifiedFolds(y, 5, 42)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      const members = y.filter((_, i) => folds[i] === f);
      expect(members).toHaveLength(200);
      expect(members.filter((v) => v === 1)).toHaveLength(50);
    }
  });

  it('time split puts the past in training', () => {
    expect(timeSplit([5, 1, 9, 3], 4)).toEqual({ train: [1, 3], test: [0, 2] });
  });

  it('cross-validation returns one result per fold and out-of-fold predictions', () => {
    const { X, y } = linearData(1000, 4);
    const cv = crossValidate(X, y, stratifiedFolds(y, 4, 1), (Xt, yt) => LogisticRegressionModel.fit(Xt, yt));
    expect(cv.folds).toHaveLength(4);
    expect(cv.meanAuc).toBeGreaterThan(0.75);
    expect(auc(y, cv.predictions)).toBeGreaterThan(0.75);
  });
});
