/**
 * The PGlite server of bench/sync.bench.ts, in its own process so that the WASM heap is not counted in
 * the sync's RSS (each is reported on its own). Started with an IPC channel: sends `{ url }` once
 * serving; answers `{ copy: { table } }` with `{ copied: ms }` — the table's rows read out with COPY TO
 * (untimed) and loaded into an empty look-alike with a timed COPY FROM, both through PGlite's own
 * `/dev/blob` COPY (its socket server cannot stream COPY); `{ stop: true }` ends it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPglite } from '../src/platform/database/pglite-server';

type NativePglite = { query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ blob?: Blob }> };

async function main(): Promise<void> {
  // On disk, not `memory://`: at the full size the database alone would not fit PGlite's WASM memory.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-bench-pglite-'));
  const db = await startPglite(path.join(dataDir, 'db'));
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const native = db.native as NativePglite;
  process.on('message', (msg: { copy?: { table: string }; stop?: boolean }) => {
    void (async () => {
      if (msg.stop) {
        await db.stop();
        process.exit(0);
      }
      if (!msg.copy) return;
      const { table } = msg.copy;
      const blob = (await native.query(`COPY ${table} TO '/dev/blob'`)).blob ?? new Blob([]);
      await native.query(`DROP TABLE IF EXISTS bench_copy_${table}`);
      await native.query(`CREATE TABLE bench_copy_${table} (LIKE ${table} INCLUDING ALL)`);
      const started = Date.now();
      await native.query(`COPY bench_copy_${table} FROM '/dev/blob'`, [], { blob });
      const ms = Date.now() - started;
      await native.query(`DROP TABLE bench_copy_${table}`);
      process.send?.({ copied: ms });
    })().catch((err: unknown) => process.send?.({ error: err instanceof Error ? err.message : String(err) }));
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ url: db.url });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
