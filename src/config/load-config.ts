import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { AppConfig, ConfigError, EnvVars, validateEnv } from './app-config';

function decodeKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

/** Builds the typed config from already validated variables; throws ConfigError naming the variable. */
export function buildConfig(env: EnvVars, cwd: string): AppConfig {
  const mode = (env.NODE_ENV ?? 'development') as AppConfig['env'];
  const dataDir = path.resolve(cwd, env.ABM_DATA_DIR ?? 'data');
  if (mode === 'production' && !env.ABM_ENCRYPTION_KEY) {
    throw new ConfigError('Invalid configuration: ABM_ENCRYPTION_KEY is required when NODE_ENV=production');
  }
  if (mode === 'production' && !env.DATABASE_URL) {
    throw new ConfigError('Invalid configuration: DATABASE_URL is required when NODE_ENV=production (PGlite is for development and demos)');
  }
  // Development without a key: derive a stable per-data-directory key so restarts can still decrypt.
  const encryptionKey = env.ABM_ENCRYPTION_KEY
    ? decodeKey(env.ABM_ENCRYPTION_KEY)
    : createHash('sha256').update(`abm-development-key:${dataDir}`).digest();
  const database: AppConfig['database'] = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') };
  const crm: AppConfig['crm'] = {};
  if (env.SALESFORCE_INSTANCE_URL) {
    crm.salesforce = {
      instanceUrl: env.SALESFORCE_INSTANCE_URL,
      loginUrl: env.SALESFORCE_LOGIN_URL ?? 'https://login.salesforce.com',
      clientId: env.SALESFORCE_CLIENT_ID,
      clientSecret: env.SALESFORCE_CLIENT_SECRET,
      refreshToken: env.SALESFORCE_REFRESH_TOKEN,
      namespace: env.SALESFORCE_NAMESPACE,
    };
  }
  if (env.HUBSPOT_ACCESS_TOKEN) {
    crm.hubspot = {
      accessToken: env.HUBSPOT_ACCESS_TOKEN,
      baseUrl: env.HUBSPOT_BASE_URL ?? 'https://api.hubapi.com',
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
    };
  }
  return {
    env: mode,
    database,
    http: { host: env.HOST ?? '127.0.0.1', port: env.PORT ?? 3000 },
    encryptionKey,
    encryptionKeyIsDevelopment: !env.ABM_ENCRYPTION_KEY,
    adminToken: env.ABM_ADMIN_TOKEN,
    workers: (env.ABM_WORKERS ?? (database.kind === 'pglite' ? 'embedded' : 'embedded')) as AppConfig['workers'],
    sandbox: (env.ABM_SANDBOX ?? 'auto') as AppConfig['sandbox'],
    log: { level: (env.LOG_LEVEL ?? 'log') as AppConfig['log']['level'], json: env.ABM_LOG_JSON ?? true },
    crm,
  };
}

/** The one place that reads process.env. Called once per process at boot. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  const raw = { ...process.env, ...overrides };
  const env = validateEnv(raw);
  return buildConfig(env, process.cwd());
}
