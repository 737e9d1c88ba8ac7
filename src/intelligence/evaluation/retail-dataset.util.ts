import type { TabularTask } from './evaluation.types';
import { readRetailCustomers } from './retail-history.util';
import { RETAIL_ENGINEERED_FEATURES, RETAIL_FEATURES, retailSnapshot } from './retail-features.util';

const DAY = 86_400_000;

export interface RetailTaskOptions {
  /** History is everything before this date; the outcome window starts here. */
  cutoff?: string;
  /** End (exclusive) of the outcome window. */
  outcomeEnd?: string;
  /** Keep one customer in `sampleEvery` (by a hash of the id), for quick tests. */
  sampleEvery?: number;
  /** Earlier snapshots of the same customers our model may also learn from (default 2; 0 = none). */
  earlierSnapshots?: number;
  /** Days between earlier snapshot cut-offs (default: the outcome window's length). */
  snapshotStepDays?: number;
}

/**
 * Repeat buying on UCI Online Retail II (2009-12 … 2010-12). Each customer with a purchase before the
 * cut-off is one row: features from the history, label = bought again in the outcome window.
 *
 * Rolling origin: our model may also learn from the same customers seen at earlier cut-offs, each
 * with an outcome window of the same length that ENDS by the main cut-off, so no training label looks
 * past it. Those rows belong to their customer, and the evaluation only uses the rows of customers in
 * the training fold. A `main_snapshot` flag lets the model learn the seasonal shift in base rate.
 */
export async function loadRetailTask(file: string, options: RetailTaskOptions = {}): Promise<TabularTask> {
  const cutoffText = options.cutoff ?? '2010-09-01';
  const outcomeText = options.outcomeEnd ?? '2010-12-10';
  const cutoff = Date.parse(`${cutoffText}T00:00:00Z`);
  const outcomeEnd = Date.parse(`${outcomeText}T00:00:00Z`);
  const windowDays = Math.round((outcomeEnd - cutoff) / DAY);
  const customers = await readRetailCustomers(file, options.sampleEvery ?? 1);

  const raw: number[][] = [];
  const engineered: number[][] = [];
  const y: number[] = [];
  const extra = { owner: [] as number[], X: [] as number[][], y: [] as number[] };
  for (const customer of customers) {
    const main = retailSnapshot(customer, cutoff, outcomeEnd);
    if (!main) continue;
    const owner = y.length;
    raw.push(main.raw);
    engineered.push([...main.engineered, 1]);
    y.push(main.label);
    const step = options.snapshotStepDays ?? windowDays;
    for (let k = 1; k <= (options.earlierSnapshots ?? 2); k++) {
      // Each earlier outcome window has the main window's length and ends by the main cut-off.
      const end = cutoff - (k - 1) * step * DAY;
      const earlier = retailSnapshot(customer, end - windowDays * DAY, end);
      if (!earlier) continue;
      extra.owner.push(owner);
      extra.X.push([...earlier.engineered, 0]);
      extra.y.push(earlier.label);
    }
  }
  return {
    name: 'retail_repeat',
    description: `Online Retail II: history before ${cutoffText}, bought again before ${outcomeText}?`,
    y,
    raw: { names: [...RETAIL_FEATURES], X: raw },
    engineered: { names: [...RETAIL_ENGINEERED_FEATURES, 'main_snapshot'], X: engineered },
    ...(extra.y.length > 0 ? { extraTraining: extra } : {}),
    rfmColumns: [0, 1, 2],
  };
}
