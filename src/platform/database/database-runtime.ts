import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { openDataSource } from './data-source.factory';
import { attachOrStartPglite, EmbeddedDatabase } from './pglite-server';

/** The database a process uses: a DataSource plus, in embedded mode, the PGlite server behind it. */
export interface DatabaseRuntime {
  dataSource: DataSource;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig, applicationName: string): Promise<DatabaseRuntime> {
  let embeddedDb: EmbeddedDatabase | undefined;
  let url: string;
  if (config.database.kind === 'pglite') {
    embeddedDb = await attachOrStartPglite(config.database.dataDir);
    url = embeddedDb.url;
  } else {
    url = config.database.url;
  }
  const dataSource = await openDataSource({ url, embedded: config.database.kind === 'pglite', applicationName });
  return {
    dataSource,
    url,
    embedded: config.database.kind === 'pglite',
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embeddedDb) await embeddedDb.stop();
    },
  };
}
