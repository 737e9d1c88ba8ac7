import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/platform/database/data-source.factory';
import { EmbeddedDatabase, startPglite } from '../../src/platform/database/pglite-server';
import { pgliteTemplate } from './pglite-template';

/**
 * A fresh, migrated database for one test file. Which kind is chosen by the test runner
 * (scripts/test-all.js): ABM_TEST_POSTGRES_URL set → a new database on that PostgreSQL server,
 * created for this file and dropped afterwards; unset → an in-memory PGlite behind its socket server,
 * restored from a migrated template (see pglite-template.ts) rather than initialised and migrated anew.
 */
export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

// Test support is the one place outside src/config that may read the environment: it picks the database.
const serverUrl = process.env.ABM_TEST_POSTGRES_URL;

export async function createTestDatabase(): Promise<TestDatabase> {
  if (serverUrl) {
    const name = `abm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const dataSource = await openDataSource({ url: url.toString(), embedded: false, poolSize: 4 });
    return {
      kind: 'postgres',
      url: url.toString(),
      dataSource,
      async close() {
        await dataSource.destroy();
        const drop = new Client({ connectionString: serverUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await drop.end();
      },
    };
  }
  const template = await pgliteTemplate();
  const embedded: EmbeddedDatabase = await startPglite('memory://', { loadDataDir: new Blob([template]) });
  // Still runs the migrations: a no-op on the template, and a safety net should it ever lag behind.
  const dataSource = await openDataSource({ url: embedded.url, embedded: true });
  return {
    kind: 'pglite',
    url: embedded.url,
    dataSource,
    async close() {
      await dataSource.destroy();
      await embedded.stop();
    },
  };
}
