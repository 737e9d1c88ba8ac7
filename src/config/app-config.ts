import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * The environment variables the service understands. This file and `load-config.ts` are the only
 * places that read `process.env`; everything else receives the typed `AppConfig`.
 */
export class EnvVars {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  /** PostgreSQL 15+ URL. Absent = embedded PGlite under ABM_DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/[^\s/]+(\/[^\s?]+)?(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user@host:5432/database',
  })
  DATABASE_URL?: string;

  @IsOptional() @IsString()
  DATABASE_SCHEMA?: string;

  @IsOptional() @IsString()
  ABM_DATA_DIR?: string;

  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  /** 32 bytes, base64 or hex: encrypts CRM secrets at rest. Required in production. */
  @IsOptional() @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'ABM_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or 44 base64 characters',
  })
  ABM_ENCRYPTION_KEY?: string;

  /** Sets the first admin token instead of generating one (handy for scripted installs). */
  @IsOptional() @Matches(/^abm_[A-Za-z0-9_-]{20,}$/, { message: 'ABM_ADMIN_TOKEN must start with abm_ and have at least 20 more characters' })
  ABM_ADMIN_TOKEN?: string;

  @IsOptional() @IsIn(['embedded', 'api', 'off'])
  ABM_WORKERS?: string;

  @IsOptional() @IsIn(['auto', 'on', 'off'])
  ABM_SANDBOX?: string;

  @IsOptional() @IsIn(['debug', 'log', 'warn', 'error'])
  LOG_LEVEL?: string;

  @IsOptional() @IsBoolean() @Transform(({ value }) => value === 'true' || value === '1' || value === true)
  ABM_LOG_JSON?: boolean;

  // Simple single-connection setup through environment variables (see README, "Connecting a CRM").
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'SALESFORCE_INSTANCE_URL must be an http(s) URL' })
  SALESFORCE_INSTANCE_URL?: string;
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'SALESFORCE_LOGIN_URL must be an http(s) URL' })
  SALESFORCE_LOGIN_URL?: string;
  @IsOptional() @IsString() SALESFORCE_CLIENT_ID?: string;
  @IsOptional() @IsString() SALESFORCE_CLIENT_SECRET?: string;
  @IsOptional() @IsString() SALESFORCE_REFRESH_TOKEN?: string;
  @IsOptional() @IsString() SALESFORCE_NAMESPACE?: string;
  @IsOptional() @IsString() HUBSPOT_ACCESS_TOKEN?: string;
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'HUBSPOT_BASE_URL must be an http(s) URL' })
  HUBSPOT_BASE_URL?: string;
  @IsOptional() @IsString() HUBSPOT_CLIENT_SECRET?: string;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; schema?: string };
  http: { host: string; port: number };
  encryptionKey: Buffer;
  /** True when the key was derived for development because none was configured. */
  encryptionKeyIsDevelopment: boolean;
  adminToken?: string;
  workers: 'embedded' | 'api' | 'off';
  sandbox: 'auto' | 'on' | 'off';
  log: { level: 'debug' | 'log' | 'warn' | 'error'; json: boolean };
  crm: {
    salesforce?: { instanceUrl: string; loginUrl: string; clientId?: string; clientSecret?: string; refreshToken?: string; namespace?: string };
    hubspot?: { accessToken: string; baseUrl: string; clientSecret?: string };
  };
}

export class ConfigError extends Error {}

export function validateEnv(raw: Record<string, string | undefined>): EnvVars {
  const env = plainToInstance(EnvVars, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${first.property}: ${message}`);
  }
  return env;
}
