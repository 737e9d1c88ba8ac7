import type { Command } from 'commander';
import { SetupService } from '../../write-back/setup/setup.service';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

/** `abm setup <connection> [--remove] [--dry-run] [--json]`: create (or archive) what write-back needs in the CRM. */
export const setupCommand: CliCommand = {
  register(program: Command) {
    program
      .command('setup <connection>')
      .description('create the CRM properties write-back needs (HubSpot) or verify the package fields (Salesforce); idempotent')
      .option('--remove', 'archive what setup created')
      .option('--dry-run', 'only report what is present or missing')
      .option('--json', 'print one JSON line')
      .action(async (connection: string, opts: { remove?: boolean; dryRun?: boolean; json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const report = await runtime.app.get(SetupService).setup(connection, { remove: !!opts.remove, dryRun: !!opts.dryRun });
          output(!!opts.json, report, () =>
            [
              `${report.connection} (${report.provider}): ${report.ok ? 'ready' : 'NOT ready'}`,
              ...report.items.map((i) => `  ${i.status.padEnd(12)} ${i.kind} ${i.object}.${i.name}`),
              ...report.instructions.map((t) => `  → ${t}`),
            ].join('\n'),
          );
          if (!report.ok) process.exitCode = 1;
        });
      });
  },
};
