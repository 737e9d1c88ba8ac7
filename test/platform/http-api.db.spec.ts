import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createHttpRuntime } from '../../src/app/bootstrap';
import { validateEnv } from '../../src/config/app-config';
import { buildConfig } from '../../src/config/load-config';
import { TokenService } from '../../src/platform/auth/token.service';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The HTTP skeleton end to end: health, auth (401/403), validation (400 naming the field), metrics, docs.
 * On PGlite it also restarts the service on the same data directory and checks the data is still there.
 */
describe('HTTP API skeleton', () => {
  let db: TestDatabase | undefined;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-http-'));
    if (process.env.ABM_TEST_POSTGRES_URL) {
      db = await createTestDatabase();
      await db.dataSource.destroy();
      env = { DATABASE_URL: db.url };
    } else {
      env = { ABM_DATA_DIR: dataDir };
    }
    env.ABM_SANDBOX = 'off';
    env.ABM_LOG_JSON = 'true';
    env.LOG_LEVEL = 'error';
  });
  afterAll(async () => {
    if (db) await db.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves health, enforces roles, validates input, and keeps data across a restart', async () => {
    const config = buildConfig(validateEnv(env), process.cwd());
    let runtime = await createHttpRuntime(config, false as never);
    await runtime.app.init();
    const server = () => runtime.app.getHttpServer();
    const tokens = runtime.app.get(TokenService);
    const admin = (await tokens.create('admin', 'admin')).token;
    const rep = (await tokens.create('rep', 'rep')).token;

    const health = await request(server()).get('/health').expect(200);
    expect(health.body).toMatchObject({ ready: true, checks: { database: 'up', queue: 'up' } });

    await request(server()).get('/api/v1/tokens').expect(401);
    await request(server()).get('/api/v1/tokens').set('Authorization', 'Bearer abm_not_a_real_token_at_all_000').expect(401);
    await request(server()).get('/api/v1/tokens').set('Authorization', `Bearer ${rep}`).expect(403);
    const list = await request(server()).get('/api/v1/tokens').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.map((t: { name: string }) => t.name).sort()).toEqual(['admin', 'rep']);
    expect(JSON.stringify(list.body)).not.toContain(admin);

    const bad = await request(server()).post('/api/v1/tokens').set('Authorization', `Bearer ${admin}`).send({ name: 'x', role: 'owner' }).expect(400);
    expect(bad.body.message.join(' ')).toMatch(/role must be one of/);
    const extra = await request(server()).post('/api/v1/tokens').set('Authorization', `Bearer ${admin}`).send({ name: 'x', role: 'rep', isAdmin: true }).expect(400);
    expect(extra.body.message.join(' ')).toMatch(/isAdmin/);

    const created = await request(server()).post('/api/v1/tokens').set('Authorization', `Bearer ${admin}`).send({ name: 'marketing ops', role: 'marketer' }).expect(201);
    expect(created.body.token).toMatch(/^abm_/);

    const metrics = await request(server()).get('/metrics').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(metrics.text).toContain('abm_http_request_duration_seconds');
    const docs = await request(server()).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/v1/tokens');

    await runtime.close();
    runtime = await createHttpRuntime(config, false as never);
    await runtime.app.init();
    await request(server()).get('/api/v1/tokens').set('Authorization', `Bearer ${created.body.token}`).expect(403);
    const again = await request(server()).get('/api/v1/tokens').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(again.body).toHaveLength(3);
    await runtime.close();
  });
});
