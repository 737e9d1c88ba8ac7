import type { Command } from 'commander';
import { TaskWriteBackService, type TaskSyncSummary } from '../../write-back/engine/task-write-back.service';
import { WriteBackService, type WriteBackSummary } from '../../write-back/engine/write-back.service';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

function humanTasks(t: TaskSyncSummary | undefined): string {
  if (!t) return '';
  return `\n  tasks: created ${t.created}, updated ${t.updated}, closed ${t.closed}, unchanged ${t.unchanged}, held by the daily cap ${t.deferredByCap}, failed ${t.failed}, API calls ${t.apiCalls}`;
}

function human(s: WriteBackSummary & { tasks?: TaskSyncSummary }): string {
  const lines = [
    `${s.connection} (${s.provider} ${s.object})${s.dryRun ? ' — dry run, nothing sent' : ''}`,
    `  changed ${s.changed}, unchanged ${s.unchanged}, left alone (edited by a person) ${s.skippedHumanEdits}`,
    s.dryRun
      ? `  would cost ${s.apiCalls} API call(s)`
      : `  written ${s.written}, failed ${s.failed}, API calls ${s.apiCalls} (minimum ${s.minimumCalls}) — ${s.status}`,
  ];
  for (const p of s.planned ?? []) lines.push(`  ${p.crmId}: ${Object.entries(p.fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
  for (const e of s.errors.slice(0, 10)) lines.push(`  ! ${e.crmId}: ${e.error}`);
  return lines.join('\n') + humanTasks(s.tasks);
}

/** `abm writeback [--connection NAME] [--dry-run] [--json]`: push changed scores into the CRM(s). */
export const writebackCommand: CliCommand = {
  register(program: Command) {
    program
      .command('writeback')
      .description('write changed scores into the CRM; --dry-run prints what would be written and the API calls it would cost')
      .option('--connection <name>', 'one connection (default: every active one)')
      .option('--dry-run', 'plan only, no CRM calls')
      .option('--no-tasks', 'account fields only, no recommendation tasks')
      .option('--pull-task-status', 'also read task completions back from the CRM (costs read calls)')
      .option('--json', 'print one JSON line')
      .action(async (opts: { connection?: string; dryRun?: boolean; json?: boolean; tasks?: boolean; pullTaskStatus?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const service = runtime.app.get(WriteBackService);
          const taskService = runtime.app.get(TaskWriteBackService);
          const connections = opts.connection ? [await service.findConnection(opts.connection)] : await service.listConnections();
          const summaries: Array<WriteBackSummary & { tasks?: TaskSyncSummary; pulled?: unknown }> = [];
          for (const c of connections) {
            const summary: WriteBackSummary & { tasks?: TaskSyncSummary; pulled?: unknown } = await service.run(c.id, { dryRun: !!opts.dryRun });
            if (opts.pullTaskStatus && !opts.dryRun) summary.pulled = await taskService.pullTaskStatus(c.id);
            if (opts.tasks !== false && !opts.dryRun) summary.tasks = await taskService.syncTasks(c.id);
            summaries.push(summary);
          }
          output(!!opts.json, summaries, () => summaries.map(human).join('\n') || 'No active connections.');
          if (summaries.some((s) => s.status === 'failed')) process.exitCode = 1;
        });
      });
  },
};
