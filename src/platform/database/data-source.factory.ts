import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ALL_ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceParams {
  url: string;
  /** PGlite is single-session: one connection. PostgreSQL gets a small pool per process. */
  embedded: boolean;
  poolSize?: number;
  applicationName?: string;
}

export function buildDataSourceOptions(params: DataSourceParams): DataSourceOptions {
  return {
    type: 'postgres',
    url: params.url,
    entities: ALL_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // PGlite has no uuid-ossp; gen_random_uuid() is core PostgreSQL since 13 and pgcrypto is loaded in PGlite.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: params.embedded ? 1 : (params.poolSize ?? 10),
    applicationName: params.applicationName ?? 'abm',
    extra: { max: params.embedded ? 1 : (params.poolSize ?? 10), idleTimeoutMillis: 30_000 },
  };
}

export async function openDataSource(params: DataSourceParams, runMigrations = true): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(params));
  await dataSource.initialize();
  if (runMigrations) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
