import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createHttpRuntime, type Runtime } from '../../src/app/bootstrap';
import { validateEnv } from '../../src/config/app-config';
import { buildConfig } from '../../src/config/load-config';
import { TokenService } from '../../src/platform/auth/token.service';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface HttpTestRuntime {
  runtime: Runtime<INestApplication>;
  /** Bearer tokens of a fresh admin and a fresh rep. */
  admin: string;
  rep: string;
  server: () => ReturnType<INestApplication['getHttpServer']>;
  close: () => Promise<void>;
}

/**
 * The real HTTP service (API only, no job workers, no demo sandbox) on the test database: a fresh PostgreSQL
 * database when ABM_TEST_POSTGRES_URL is set, embedded PGlite in a temporary directory otherwise.
 */
export async function startHttpTestRuntime(prefix: string, extraEnv: Record<string, string> = {}): Promise<HttpTestRuntime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `abm-${prefix}-`));
  const env: Record<string, string> = { ABM_SANDBOX: 'off', ABM_LOG_JSON: 'true', LOG_LEVEL: 'error', ABM_WORKERS: 'api', ...extraEnv };
  let db: TestDatabase | undefined;
  if (process.env.ABM_TEST_POSTGRES_URL) {
    db = await createTestDatabase();
    await db.dataSource.destroy();
    env.DATABASE_URL = db.url;
  } else {
    env.ABM_DATA_DIR = dataDir;
  }
  const runtime = await createHttpRuntime(buildConfig(validateEnv(env), process.cwd()), false as never);
  await runtime.app.init();
  const tokens = runtime.app.get(TokenService);
  const admin = (await tokens.create('admin', 'admin')).token;
  const rep = (await tokens.create('rep', 'rep')).token;
  return {
    runtime, admin, rep,
    server: () => runtime.app.getHttpServer(),
    close: async () => {
      await runtime.close();
      if (db) await db.close().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
