import type { Command } from 'commander';
import { SyncStatusService } from '../../sync/status/sync-status.service';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

const ago = (d: Date | null) => (d ? `${Math.round((Date.now() - new Date(d).getTime()) / 60_000)} min ago` : 'never');

/** `abm status [--json]`: sync health per connection and object, API calls used against the budget. */
export const statusCommand: CliCommand = {
  register(program: Command) {
    program
      .command('status')
      .description('sync status per connection and object: last success, lag, counts, API budget, errors')
      .option('--json', 'print JSON')
      .action(async (o: { json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const status = await runtime.app.get(SyncStatusService).status();
          output(o.json === true, status, () => status.map((c) => [
            `${c.name} (${c.provider}, ${c.status}) — API calls today ${c.apiCallsTodayTotal}${c.crmUsage ? `, CRM usage ${c.crmUsage.used}/${c.crmUsage.max}` : ''}${c.budget.callsAllowedToday ? `, budget ${c.budget.callsAllowedToday}` : ''}`,
            ...c.objects.map((x) => `  ${x.objectType.padEnd(26)} ${String(x.records).padStart(8)} records · last success ${ago(x.lastSuccessAt)} · lag ${x.lagSeconds ?? '-'} s · backfill ≈${x.backfillCallsForecast} calls`
              + `${x.lastRun ? ` · last run ${x.lastRun.status}: read ${x.lastRun.read}, upserted ${x.lastRun.upserted}, deleted ${x.lastRun.deleted}, quarantined ${x.lastRun.quarantined}` : ''}`
              + `${x.openQuarantine ? ` · ${x.openQuarantine} quarantined` : ''}${x.droppedFields.length ? ` · missing fields ${x.droppedFields.join(', ')}` : ''}`
              + `${x.lastRun?.error ? `\n    error: ${x.lastRun.error}${x.lastRun.errorRecordIds.length ? ` (records ${x.lastRun.errorRecordIds.slice(0, 10).join(', ')})` : ''}` : ''}`),
          ].join('\n')).join('\n') || 'no connections');
        });
      });
  },
};
