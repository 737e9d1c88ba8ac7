import type { INestApplicationContext } from '@nestjs/common';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { ScoreQueryService } from '../../intelligence/scoring/score-query.service';
import { RecommendationsService } from '../../recommendations/engine/recommendations.service';
import { graphExporters } from '../../sync/export/graph-exporters';
import type { CliCommand } from '../cli-command';
import { withCliRuntime } from '../cli-runtime.util';

export type ExportFormat = 'jsonl' | 'csv';

/** One exportable data set. Add new ones to `exporters` (accounts, contacts, licenses, …). */
export interface Exporter {
  description: string;
  /** Yields flat-or-nested records; jsonl writes them as-is, csv flattens with `csvColumns`. */
  records(app: INestApplicationContext): AsyncIterable<Record<string, unknown>>;
  csvColumns?: Array<{ header: string; value: (r: Record<string, unknown>) => unknown }>;
}

const scoresExporter: Exporter = {
  description: 'current account scores with every component, factor and change reason',
  records: (app) => app.get(ScoreQueryService).streamCurrent(),
  csvColumns: [
    { header: 'account_id', value: (r) => r.accountId },
    { header: 'name', value: (r) => r.name },
    { header: 'score', value: (r) => r.score },
    { header: 'tier', value: (r) => r.tier },
    ...(['fit', 'engagement', 'committee', 'loyalty'] as const).map((c) => ({ header: c, value: (r: Record<string, unknown>) => (r.components as Record<string, number>)[c] })),
    { header: 'delta', value: (r) => r.delta },
    { header: 'reasons', value: (r) => (r.reasons as string[]).join('; ') },
    { header: 'factors', value: (r) => JSON.stringify(r.factors) },
  ],
};

/** Exporters by name: the sync's graph exporters and the scoring and recommendation exporters share this map. */
export const exporters: Record<string, Exporter> = {
  ...graphExporters,
  scores: scoresExporter,
  recommendations: {
    description: 'recommendations with reason, owner, due date, expected impact and outcome status',
    records: (app) => app.get(RecommendationsService).streamAll(),
  },
};

/** `abm export <what> --format jsonl|csv [--out file]`: streams to stdout (or a file), never whole tables in memory. */
export const exportCommand: CliCommand = {
  register(program: Command) {
    program
      .command('export <what>')
      .description(`export data: ${Object.keys(exporters).join(', ')}`)
      .option('--format <format>', 'jsonl or csv', 'jsonl')
      .action(async (what: string, opts: { format: string }) => {
        const exporter = exporters[what];
        if (!exporter) throw new Error(`unknown export "${what}"; one of ${Object.keys(exporters).join(', ')}`);
        if (opts.format !== 'jsonl' && opts.format !== 'csv') throw new Error('--format must be jsonl or csv');
        if (opts.format === 'csv' && !exporter.csvColumns) throw new Error(`${what} has no csv layout; use --format jsonl`);
        await withCliRuntime(async (runtime) => {
          let count = 0;
          if (opts.format === 'csv') process.stdout.write(stringify([exporter.csvColumns!.map((c) => c.header)]));
          for await (const record of exporter.records(runtime.app)) {
            const line = opts.format === 'jsonl' ? `${JSON.stringify(record)}\n` : stringify([exporter.csvColumns!.map((c) => c.value(record))]);
            if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
            count++;
          }
          process.stderr.write(`exported ${count} ${what}\n`);
        });
      });
  },
};
