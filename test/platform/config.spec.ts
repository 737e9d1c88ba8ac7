import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, validateEnv } from '../../src/config/app-config';
import { buildConfig } from '../../src/config/load-config';

const root = path.join(__dirname, '..', '..');

describe('configuration is validated once, at boot', () => {
  it('defaults to the embedded database under ./data with no configuration at all', () => {
    const config = buildConfig(validateEnv({}), '/srv/abm');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/abm/data/pglite' });
    expect(config.http.port).toBe(3000);
    expect(config.encryptionKey).toHaveLength(32);
    expect(config.encryptionKeyIsDevelopment).toBe(true);
  });

  it('names the variable when DATABASE_URL is malformed', () => {
    expect(() => validateEnv({ DATABASE_URL: 'mysql://nope' })).toThrow(ConfigError);
    expect(() => validateEnv({ DATABASE_URL: 'mysql://nope' })).toThrow(/DATABASE_URL/);
  });

  it('refuses production without an encryption key, naming it', () => {
    const env = validateEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://abm@db:5432/abm' });
    expect(() => buildConfig(env, '/srv')).toThrow(/ABM_ENCRYPTION_KEY is required/);
  });

  it('accepts a 32-byte key in hex and rejects a short one', () => {
    const key = 'ab'.repeat(32);
    const config = buildConfig(validateEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://abm@db:5432/abm', ABM_ENCRYPTION_KEY: key }), '/srv');
    expect(config.encryptionKey.toString('hex')).toBe(key);
    expect(() => validateEnv({ ABM_ENCRYPTION_KEY: 'abcd' })).toThrow(/ABM_ENCRYPTION_KEY/);
  });

  it('rejects a non-numeric PORT naming it', () => {
    expect(() => validateEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  const built = fs.existsSync(path.join(root, 'dist', 'src', 'main.js'));
  (built ? it : it.skip)('stops the service at boot with one clear line (compiled service)', () => {
    const res = spawnSync(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'http://not-a-database' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(res.status).toBe(78);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: DATABASE_URL/);
  });
});
