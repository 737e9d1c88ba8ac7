import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ScoringEngineService, type ScoringRunSummary } from '../../intelligence/scoring/scoring-engine.service';
import { BacktestService } from '../../intelligence/scoring/backtest.service';
import { WeightTrainingService } from '../../intelligence/scoring/weight-training.service';
import { ScoreConfigService } from '../../intelligence/config/score-config.service';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

function parseDay(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error('--as-of must be YYYY-MM-DD');
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error('--as-of must be a real date');
  return d;
}

function humanSummary(s: ScoringRunSummary): string {
  return [
    `${s.kind} scoring as of ${s.asOf.slice(0, 10)} (config v${s.configVersion}, ${s.modelVersion}): ${s.accountsScored} accounts in ${s.durationMs} ms`,
    `  tiers  A ${s.tiers.A}  B ${s.tiers.B}  C ${s.tiers.C}  D ${s.tiers.D}   mean score ${s.meanScore ?? '–'}`,
    s.accountsRetired ? `  ${s.accountsRetired} deleted account(s) dropped out` : '',
  ].filter(Boolean).join('\n');
}

/**
 * `abm score [--as-of DATE] [--accounts ids] [--json]`: rescore now (all or some accounts), or backtest the past
 * with only data from before DATE. `abm score config …` manages the versioned configuration;
 * `abm score train` learns weights from won/lost outcomes (or says why the rules stay).
 */
export const scoreCommand: CliCommand = {
  register(program: Command) {
    const score = program
      .command('score')
      .description('score accounts (fit, engagement, committee, loyalty) and explain every score')
      .option('--as-of <date>', 'backtest: score as of YYYY-MM-DD using only earlier data (not made current)')
      .option('--accounts <ids>', 'comma-separated account ids to rescore (default: all)')
      .option('--json', 'print a one-line JSON summary')
      .action(async (opts: { asOf?: string; accounts?: string; json?: boolean }) => {
        const asOf = opts.asOf ? parseDay(opts.asOf) : undefined;
        const ids = opts.accounts?.split(',').map((s) => s.trim()).filter(Boolean);
        await withCliRuntime(async (runtime) => {
          const bar = new SingleBar({ format: 'scoring [{bar}] {value}/{total} {step}', stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
          let started = false;
          const summary = await runtime.app.get(ScoringEngineService).run({
            kind: asOf ? 'backtest' : ids ? 'incremental' : 'full',
            asOf,
            accountIds: ids,
            onProgress: (done, total, step) => {
              if (!started) bar.start(total, 0, { step });
              started = true;
              bar.update(done, { step });
            },
          });
          if (started) bar.stop();
          output(!!opts.json, summary, () => humanSummary(summary));
        });
      });

    const config = score.command('config').description('versioned scoring configuration: import, backtest, publish, rollback, export');
    config
      .command('list')
      .option('--json', 'print JSON')
      .action(async (opts: { json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const rows = await runtime.app.get(ScoreConfigService).list();
          output(!!opts.json, rows, () => rows.map((r) => `v${r.version}  ${r.status.padEnd(9)} ${r.description ?? ''}`).join('\n'));
        });
      });
    config
      .command('import <file>')
      .description('import a YAML or JSON file as a new draft')
      .option('--json', 'print JSON')
      .action(async (file: string, opts: { json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const draft = await runtime.app.get(ScoreConfigService).importDraft(readFileSync(file, 'utf8'), 'cli');
          output(!!opts.json, draft, () => `Imported draft v${draft.version}`);
        });
      });
    config
      .command('backtest <version>')
      .requiredOption('--as-of <date>', 'YYYY-MM-DD')
      .option('--horizon <days>', 'outcome window after the date', '365')
      .option('--json', 'print JSON')
      .action(async (version: string, opts: { asOf: string; horizon: string; json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const r = await runtime.app.get(BacktestService).backtest(Number(version), parseDay(opts.asOf), Number(opts.horizon));
          output(!!opts.json, r, () =>
            [`v${version} as of ${opts.asOf}: ${r.accountsWithOutcomes} accounts with outcomes (${r.positives} won)`,
              `  AUC ${r.auc?.toFixed(3) ?? '–'}  Brier ${r.brier?.toFixed(3) ?? '–'}`,
              ...Object.entries(r.winRateByTier).map(([t, v]) => `  tier ${t}: ${v.accounts} accounts, win rate ${v.rate ?? '–'}`),
              r.note ? `  ${r.note}` : ''].filter(Boolean).join('\n'));
        });
      });
    for (const action of ['publish', 'rollback'] as const) {
      config.command(`${action} <version>`).action(async (version: string) => {
        await withCliRuntime(async (runtime) => {
          const svc = runtime.app.get(ScoreConfigService);
          if (action === 'publish') await svc.publish(Number(version), 'cli');
          const active = action === 'rollback' ? await svc.rollback(Number(version), 'cli') : await svc.active();
          process.stdout.write(`Active scoring config: v${active.version}\n`);
        });
      });
    }
    config.command('export <version>').description('print a version as YAML (0 = shipped default)').action(async (version: string) => {
      await withCliRuntime(async (runtime) => {
        process.stdout.write(await runtime.app.get(ScoreConfigService).exportYaml(Number(version)));
      });
    });

    score
      .command('train')
      .description('learn component weights from won/lost outcomes after --as-of (draft config when they beat the rules)')
      .requiredOption('--as-of <date>', 'YYYY-MM-DD: features from before, outcomes after')
      .option('--horizon <days>', 'outcome window', '365')
      .option('--min-outcomes <n>', 'minimum closed outcomes to learn from', '200')
      .option('--json', 'print JSON')
      .action(async (opts: { asOf: string; horizon: string; minOutcomes: string; json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const r = await runtime.app.get(WeightTrainingService).train({ asOf: parseDay(opts.asOf), horizonDays: Number(opts.horizon), minimumOutcomes: Number(opts.minOutcomes), actor: 'cli' });
          output(!!opts.json, r, () => `${r.status === 'learned' ? `Learned weights → draft v${r.draft?.version}` : 'Staying on the rules'}: ${r.reason}`);
        });
      });
  },
};
