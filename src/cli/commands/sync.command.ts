import type { Command } from 'commander';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { ConnectionService } from '../../sync/connections/connection.service';
import { SyncEngine } from '../../sync/engine/sync-engine.service';
import type { SyncRunSummary } from '../../sync/engine/sync-run.types';
import type { CliCommand } from '../cli-command';
import { withCliRuntime } from '../cli-runtime.util';

interface SyncOptions {
  connection?: string;
  object?: string;
  full?: boolean;
  reconcile?: boolean;
  json?: boolean;
}

function totals(runs: SyncRunSummary[]) {
  const apiCalls: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.apiCalls)) apiCalls[k] = (apiCalls[k] ?? 0) + v;
  const sum = (k: 'read' | 'upserted' | 'deleted' | 'quarantined' | 'echo') => runs.reduce((a, r) => a + r[k], 0);
  return { read: sum('read'), upserted: sum('upserted'), deleted: sum('deleted'), quarantined: sum('quarantined'), skippedEcho: sum('echo'), apiCalls, apiCallsTotal: Object.values(apiCalls).reduce((a, b) => a + b, 0) };
}

/** `abm sync [--connection NAME] [--full] [--json]`: runs the sync in this process with a progress bar per object. */
export const syncCommand: CliCommand = {
  register(program: Command) {
    program
      .command('sync')
      .description('sync CRM data into the account graph (incremental unless --full)')
      .option('--connection <name>', 'one connection (default: all active)')
      .option('--object <crmObject>', 'one CRM object, e.g. Account or contacts')
      .option('--full', 'full re-read instead of incremental')
      .option('--reconcile', 'incremental plus a full id reconciliation (catches hard deletes)')
      .option('--json', 'print a JSON summary with counts and API calls per endpoint')
      .action(async (o: SyncOptions) => {
        const mode = o.full ? 'full' : o.reconcile ? 'reconcile' : 'auto';
        await withCliRuntime(async (runtime) => {
          const connections = runtime.app.get(ConnectionService);
          const engine = runtime.app.get(SyncEngine);
          const targets = o.connection ? [await connections.get(o.connection)] : await Promise.all((await connections.list()).filter((c) => c.status === 'active').map((c) => connections.get(c.id)));
          if (!targets.length) throw new Error('no connections; add one with `abm connect`');
          const bars = new MultiBar({ stream: process.stderr, clearOnComplete: false, hideCursor: true, format: '{name} |{bar}| {value} records {state}' }, Presets.shades_classic);
          const runs: SyncRunSummary[] = [];
          try {
            for (const conn of targets) {
              const objects = engine.mappings(conn).filter((m) => !o.object || m.crmObject === o.object);
              for (const m of objects) {
                // The name rides along on every update: without a TTY cli-progress never starts the bar, so the
                // payload given to create() is lost and the final line would print a literal "{name}".
                const name = `${conn.name}/${m.crmObject}`.padEnd(32);
                const bar: SingleBar = bars.create(1, 0, { name, state: '' });
                const summary = await engine.runObject(conn.id, m.crmObject, mode, {
                  trigger: 'cli',
                  onProgress: (p) => {
                    bar.setTotal(Math.max(p.read, 1));
                    bar.update(p.read, { name, state: p.done ? '' : '…' });
                  },
                });
                bar.update(summary.read, { name, state: summary.status === 'succeeded' ? 'done' : summary.status });
                bar.stop();
                runs.push(summary);
                if (summary.status === 'paused' || summary.authFailed) break;
              }
            }
          } finally {
            bars.stop();
          }
          const t = totals(runs);
          if (o.json) {
            process.stdout.write(`${JSON.stringify({ ...t, runs })}\n`);
          } else {
            for (const r of runs) process.stdout.write(`${r.connection}/${r.objectType}: ${r.status} (${r.mode}) read ${r.read}, upserted ${r.upserted}, deleted ${r.deleted}, quarantined ${r.quarantined}, echoes skipped ${r.echo}${r.droppedFields.length ? `, dropped fields ${r.droppedFields.join(', ')}` : ''}${r.error ? ` — ${r.error}` : ''}\n`);
            process.stdout.write(`total: read ${t.read}, upserted ${t.upserted}, deleted ${t.deleted}, quarantined ${t.quarantined}; API calls ${t.apiCallsTotal} (${Object.entries(t.apiCalls).map(([k, v]) => `${k} ${v}`).join(', ')})\n`);
          }
          if (runs.some((r) => r.status === 'failed')) process.exitCode = 1;
        });
      });
  },
};
