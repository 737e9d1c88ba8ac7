import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadRetailTask } from '../../../src/intelligence/evaluation/retail-dataset.util';
import { loadTelcoTask } from '../../../src/intelligence/evaluation/telco-dataset.util';
import { evaluateTabularTask } from '../../../src/intelligence/evaluation/tabular-evaluation.util';
import { evaluateTitles } from '../../../src/intelligence/evaluation/title-evaluation.util';
import { socFunction, socSeniority, kscoFunction } from '../../../src/intelligence/evaluation/title-labels.util';

const DATA = join(__dirname, '..', '..', '..', '..', 'shared', 'data');
const present = existsSync(join(DATA, 'telco-churn', 'Telco-Customer-Churn.csv'));
if (!present) {
  // eslint-disable-next-line no-console
  console.warn(`evaluation.spec: ${DATA} is absent, so the real-data evaluation tests are skipped`);
}
const withData = present ? describe : describe.skip;

describe('reference labels from occupation codes', () => {
  it('rolls SOC and KSCO codes up to our functions', () => {
    expect(socFunction('11-3031.01')).toBe('finance');
    expect(socFunction('15-1212.00')).toBe('security');
    expect(socFunction('15-1299.05')).toBe('security');
    expect(socFunction('13-1023.00')).toBe('procurement');
    expect(socFunction('29-1141.00')).toBe('other');
    expect(kscoFunction('2233')).toBe('security');
    expect(kscoFunction('3131')).toBe('finance');
    expect(kscoFunction('8221')).toBe('operations');
  });

  it('marks SOC 11 as management and first-line supervisors as managers', () => {
    expect(socSeniority('11-1011.00')).toContain('c_level');
    expect(socSeniority('41-1011.00')).toContain('manager');
    expect(socSeniority('15-1252.00')).toEqual(['individual_contributor']);
  });
});

// Samples of the real files (1 customer/row in 2); each block takes seconds, not minutes.
withData('evaluation on samples of the real data', () => {
  it('repeat buying: our model beats RFM, naive Bayes and logistic regression on held-out folds', async () => {
    const task = await loadRetailTask(join(DATA, 'retail', 'online_retail_ii_2009_2010.csv.gz'), { sampleEvery: 2 });
    expect(task.y.length).toBeGreaterThan(1000);
    const report = evaluateTabularTask(task, { folds: 5, seed: 42, compareSingleSnapshot: false });
    for (const baseline of report.baselines) {
      expect(report.ours.meanAuc).toBeGreaterThan(baseline.meanAuc);
      expect(report.ours.meanAccuracy).toBeGreaterThan(baseline.meanAccuracy);
    }
    expect(report.ours.folds).toHaveLength(5);
  });

  // Accuracy is asserted on the full run by `abm evaluate`; on a half sample the churn accuracy margin over
  // one-hot LR is within noise (±0.3 points), so only the ranking quality is asserted here.
  it('churn: our model beats every baseline on AUC, and the one-hot LR lands near the published 0.845', async () => {
    const task = await loadTelcoTask(join(DATA, 'telco-churn', 'Telco-Customer-Churn.csv'), { sampleEvery: 2 });
    const report = evaluateTabularTask(task, { folds: 5, seed: 42 });
    for (const baseline of report.baselines) expect(report.ours.meanAuc).toBeGreaterThan(baseline.meanAuc);
    const lr = report.baselines.find((b) => b.model === 'logistic_regression');
    expect(lr?.meanAuc).toBeGreaterThan(0.82);
    expect(lr?.meanAuc).toBeLessThan(0.87);
  });

  it('titles: function and seniority accuracy are reported per language on held-out groups', async () => {
    const report = await evaluateTitles(join(DATA, 'titles'), { sampleEvery: 3 });
    const byLanguage = Object.fromEntries(report.perLanguage.map((l) => [l.language, l]));
    expect(byLanguage.en.titles).toBeGreaterThan(1000);
    expect(byLanguage.ko.titles).toBeGreaterThan(300);
    expect(byLanguage.en.functionAccuracy).toBeGreaterThan(0.55);
    expect(byLanguage.ko.functionAccuracy).toBeGreaterThan(0.5);
    expect(byLanguage.en.seniorityAccuracy).toBeGreaterThan(0.85);
    expect(byLanguage.ko.seniorityAccuracy).toBeGreaterThan(0.75);
  });
});
