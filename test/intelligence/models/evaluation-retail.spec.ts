import { join } from 'node:path';
import { loadRetailTask } from '../../../src/intelligence/evaluation/retail-dataset.util';
import { evaluateTabularTask } from '../../../src/intelligence/evaluation/tabular-evaluation.util';
import { cachedEvaluation } from './evaluation-cache';
import { COLD_RUN_MS, DATA, expectOursBeatsEveryBaseline, PROTOCOL, withData } from './evaluation-fixtures';

const RETAIL = join(DATA, 'retail', 'online_retail_ii_2009_2010.csv.gz');

withData('repeat buying on the real retail data (same protocol as abm evaluate: 5 folds, seed 42)', () => {
  it('our model beats RFM, naive Bayes and logistic regression on held-out folds', async () => {
    const report = await cachedEvaluation('retail', RETAIL, PROTOCOL, async () => evaluateTabularTask(await loadRetailTask(RETAIL), PROTOCOL));
    expect(report.rows).toBeGreaterThan(3000);
    expect(report.ours.folds).toHaveLength(5);
    expectOursBeatsEveryBaseline(report);
  }, COLD_RUN_MS);
});
