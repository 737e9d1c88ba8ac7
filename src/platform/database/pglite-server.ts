import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WASM) with its files under a data directory,
 * served on a loopback port through pglite-socket so that TypeORM's ordinary `pg` driver, pg-boss and
 * psql talk to it exactly as to a real PostgreSQL. PGlite is single-session, so callers keep a pool of 1.
 *
 * A second process (the `abm` CLI while the service runs) must not open the same directory: PGlite
 * would corrupt it. The server therefore records its port in `<dataDir>/../pglite.port`, and
 * `attachOrStartPglite` connects to a running server when one answers there.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** True when this process owns the PGlite instance (and must stop it). */
  owned: boolean;
  /** The PGlite instance itself when owned (benchmarks use its native COPY; the socket has no COPY FROM STDIN). */
  native?: { query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown> };
  /**
   * A tarball of the data directory (owned instances only), loadable with `StartPgliteOptions.loadDataDir`.
   * Run CHECKPOINT first so the copy needs no WAL replay (sequences then resume exactly where they were).
   */
  dumpDataDir?(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface StartPgliteOptions {
  /**
   * Start from a copy of another instance's data directory (a `dumpDataDir()` tarball) instead of running
   * initdb: tests restore one migrated template per spec file, which skips initdb and the migrations.
   * PGlite refuses it when `dataDir` already holds a database.
   */
  loadDataDir?: Blob;
}

function portFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), 'pglite.port');
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** `dataDir` may be 'memory://' for a throw-away database (tests, migration generation). */
export async function startPglite(dataDir: string, options: StartPgliteOptions = {}): Promise<EmbeddedDatabase> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  // Both packages ship CommonJS builds; required lazily so a PostgreSQL deployment never loads the WASM.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pgcrypto } = require("@electric-sql/pglite/contrib/pgcrypto") as { pgcrypto: import("@electric-sql/pglite").Extension };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PGLiteSocketServer } = require('@electric-sql/pglite-socket') as typeof import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir, extensions: { pgcrypto }, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  // A few extra connections let the CLI and psql attach while the service runs; queries are queued.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  if (!inMemory) fs.writeFileSync(portFile(dataDir), String(port));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    owned: true,
    native: db,
    dumpDataDir: () => db.dumpDataDir('none'),
    async stop() {
      if (!inMemory) fs.rmSync(portFile(dataDir), { force: true });
      await server.stop();
      await db.close();
    },
  };
}

/** Connects to the PGlite server another local process runs on this data directory, or starts one. */
export async function attachOrStartPglite(dataDir: string): Promise<EmbeddedDatabase> {
  const file = portFile(dataDir);
  if (fs.existsSync(file)) {
    const port = Number(fs.readFileSync(file, 'utf8').trim());
    if (Number.isInteger(port) && port > 0 && (await canConnect(port))) {
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, owned: false, stop: async () => undefined };
    }
  }
  return startPglite(dataDir);
}
