import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface ScratchDatabase {
  /** Connection URL of the new database on the same server. */
  url: string;
  /** Drops it, closing any connection still open to it. */
  drop: () => Promise<void>;
}

/** A fresh, empty database on the PostgreSQL server at `serverUrl`, for one benchmark run. */
export async function createScratchDatabase(serverUrl: string, prefix = 'abm_bench'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
