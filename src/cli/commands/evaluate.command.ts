import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CliCommand } from '../cli-command';
import { evaluationSteps, runEvaluation } from '../../intelligence/evaluation/evaluation.service';
import { formatEvaluationReport } from '../../intelligence/evaluation/evaluation-report.util';

/** The directory holding package.json, found by walking up from this file (works from src/ and dist/). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

interface EvaluateFlags {
  data?: string;
  json?: boolean;
  folds: string;
  seed: string;
  sample: string;
}

export const evaluateCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('evaluate')
      .description('Measure our models against baselines on public data (repeat buying, churn, job titles).')
      .option('--data <dir>', 'data directory (default: ../shared/data from the project root)')
      .option('--folds <k>', 'cross-validation folds', '5')
      .option('--seed <n>', 'random seed for folds and subsamples', '42')
      .option('--sample <n>', 'keep 1 in n customers/rows/title groups (quick runs)', '1')
      .option('--json', 'print the full report as JSON')
      .action(async (flags: EvaluateFlags) => {
        const dataDir = resolve(flags.data ?? join(projectRoot(), '..', 'shared', 'data'));
        const folds = Number(flags.folds);
        const bar = new SingleBar({ stream: process.stderr, format: 'evaluate [{bar}] {value}/{total} {stage}' }, Presets.shades_classic);
        const showBar = Boolean(process.stderr.isTTY);
        if (showBar) bar.start(evaluationSteps(folds), 0, { stage: '' });
        const report = await runEvaluation({
          dataDir,
          folds,
          seed: Number(flags.seed),
          sampleEvery: Number(flags.sample),
          onStep: (stage) => showBar && bar.increment({ stage }),
        });
        if (showBar) bar.stop();
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatEvaluationReport(report)}\n`);
        if (report.tasks.some((t) => !t.beatsAllBaselines)) process.exitCode = 1;
      });
  },
};
