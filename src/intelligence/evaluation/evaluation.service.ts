import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadRetailTask } from './retail-dataset.util';
import { loadTelcoTask } from './telco-dataset.util';
import { evaluateTabularTask } from './tabular-evaluation.util';
import { evaluateTitles } from './title-evaluation.util';
import type { EvaluationReport, TabularReport } from './evaluation.types';

export interface EvaluationOptions {
  dataDir: string;
  folds?: number;
  seed?: number;
  /** Subsample for quick runs: keep 1 in n retail customers / telco rows / title groups. */
  sampleEvery?: number;
  /** Called once per fitted fold and per finished stage, for progress bars. */
  onStep?: (label: string) => void;
}

/** Models fitted per tabular task: 3 baselines + ours, once per fold. */
export function evaluationSteps(folds = 5): number {
  return 2 * 4 * folds + 1;
}

/**
 * The full offline evaluation: repeat buying (Online Retail II), churn (IBM Telco) and title
 * classification, each on held-out data with a fixed seed. Missing data files are skipped and listed.
 */
@Injectable()
export class EvaluationService {
  run(options: EvaluationOptions): Promise<EvaluationReport> {
    return runEvaluation(options);
  }
}

export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationReport> {
  const started = Date.now();
  const { dataDir } = options;
  const every = options.sampleEvery ?? 1;
  const tasks: TabularReport[] = [];
  const skipped: string[] = [];
  const tabular = { folds: options.folds ?? 5, seed: options.seed ?? 42, onFold: () => options.onStep?.('fold') };

  const retailFile = join(dataDir, 'retail', 'online_retail_ii_2009_2010.csv.gz');
  if (existsSync(retailFile)) {
    tasks.push(evaluateTabularTask(await loadRetailTask(retailFile, { sampleEvery: every }), tabular));
  } else {
    skipped.push(`retail: ${retailFile} not found`);
  }
  const telcoFile = join(dataDir, 'telco-churn', 'Telco-Customer-Churn.csv');
  if (existsSync(telcoFile)) {
    tasks.push(evaluateTabularTask(await loadTelcoTask(telcoFile, { sampleEvery: every }), tabular));
  } else {
    skipped.push(`telco: ${telcoFile} not found`);
  }
  const titlesDir = join(dataDir, 'titles');
  let titles;
  if (existsSync(join(titlesDir, 'onet_alternate_titles.csv'))) {
    titles = await evaluateTitles(titlesDir, { sampleEvery: every, split: 'held_out' });
    options.onStep?.('titles');
  } else {
    skipped.push(`titles: ${titlesDir} not found`);
  }
  return { dataDir, tasks, ...(titles ? { titles } : {}), skipped, seconds: (Date.now() - started) / 1000 };
}
