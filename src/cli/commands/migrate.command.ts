import type { Command } from 'commander';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

/** `abm migrate`: applies pending migrations (the service also does this at start). */
export const migrateCommand: CliCommand = {
  register(program: Command) {
    program
      .command('migrate')
      .description('apply pending database migrations')
      .option('--json', 'print one JSON line')
      .action(async (opts: { json?: boolean }) => {
        await withCliRuntime(async (runtime) => {
          const rows: Array<{ name: string }> = await runtime.db.dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
          output(!!opts.json, { applied: rows.map((r) => r.name), database: runtime.db.embedded ? 'pglite' : 'postgres' }, () =>
            `Database is up to date (${rows.length} migrations applied, ${runtime.db.embedded ? 'embedded PGlite' : 'PostgreSQL'}).`,
          );
        });
      });
  },
};
