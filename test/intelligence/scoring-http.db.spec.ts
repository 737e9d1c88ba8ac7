import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHttpRuntime } from '../../src/app/bootstrap';
import { validateEnv } from '../../src/config/app-config';
import { buildConfig } from '../../src/config/load-config';
import { TokenService } from '../../src/platform/auth/token.service';
import { ScoringEngineService } from '../../src/intelligence/scoring/scoring-engine.service';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** The scoring API as reps and marketers use it: tier lists, one account's explained score, config as code. */
describe('scoring HTTP API', () => {
  let db: TestDatabase | undefined;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-score-http-'));
    if (process.env.ABM_TEST_POSTGRES_URL) {
      db = await createTestDatabase();
      await db.dataSource.destroy();
      env = { DATABASE_URL: db.url };
    } else {
      env = { ABM_DATA_DIR: dataDir };
    }
    Object.assign(env, { ABM_SANDBOX: 'off', ABM_LOG_JSON: 'true', LOG_LEVEL: 'error' });
  });
  afterAll(async () => {
    if (db) await db.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Starting the whole HTTP runtime on embedded PGlite (migrations + queue schema) takes a while on a busy machine.
  it('lists tiers, explains a score, and runs the config lifecycle with roles enforced', async () => {
    const runtime = await createHttpRuntime(buildConfig(validateEnv(env), process.cwd()), false as never);
    try {
      await runtime.app.init();
      const server = () => runtime.app.getHttpServer();
      const tokens = runtime.app.get(TokenService);
      const rep = `Bearer ${(await tokens.create('rep', 'rep')).token}`;
      const marketer = `Bearer ${(await tokens.create('mkt', 'marketer')).token}`;
      const ds = runtime.app.get(DataSource);
      const [strong] = await ds.query(`INSERT INTO accounts (name, normalized_name, industry, employees, technologies) VALUES ('Strong', 'strong', 'Software', 5000, '["Salesforce","Snowflake"]') RETURNING id`);
      const [weak] = await ds.query(`INSERT INTO accounts (name, normalized_name, industry, employees) VALUES ('Weak', 'weak', 'Hospitality', 15) RETURNING id`);
      await runtime.app.get(ScoringEngineService).run({ kind: 'full', asOf: new Date('2026-06-01T00:00:00Z') });

      const list = await request(server()).get('/api/v1/accounts?sort=score').set('Authorization', rep).expect(200);
      expect(list.body.map((a: { name: string }) => a.name)).toEqual(['Strong', 'Weak']);
      const tierOfWeak = list.body[1].tier;
      const onlyWeakTier = await request(server()).get(`/api/v1/accounts?tier=${tierOfWeak}`).set('Authorization', rep).expect(200);
      expect(onlyWeakTier.body.every((a: { tier: string }) => a.tier === tierOfWeak)).toBe(true);
      await request(server()).get('/api/v1/accounts?tier=E').set('Authorization', rep).expect(400);

      const score = await request(server()).get(`/api/v1/accounts/${strong.id}/score`).set('Authorization', rep).expect(200);
      expect(score.body.current.factors.find((f: { signal: string }) => f.signal === 'fit.industry')).toMatchObject({ rawValue: 'Software', weight: 40 });
      const sum = score.body.current.factors.reduce((s: number, f: { contribution: number }) => s + f.contribution, 0);
      expect(sum).toBeCloseTo(score.body.current.score, 0);
      expect(score.body.committee.missingRoles).toHaveLength(6);
      expect(score.body.history).toHaveLength(1);
      await request(server()).get(`/api/v1/accounts/${weak.id}/score`).expect(401);

      await request(server()).post('/api/v1/scoring/configs').set('Authorization', rep).send({ content: 'name: x' }).expect(403);
      const bad = await request(server()).post('/api/v1/scoring/configs').set('Authorization', marketer).send({ content: 'tiers: { A: 10, B: 50, C: 30 }' }).expect(400);
      expect(bad.body.message).toMatch(/tiers must satisfy/);
      const draft = await request(server()).post('/api/v1/scoring/configs').set('Authorization', marketer)
        .send({ content: 'name: fit heavy\nweights: { fit: 3, engagement: 1, committee: 1, loyalty: 1 }\n' }).expect(201);
      expect(draft.body).toMatchObject({ version: 1, status: 'draft' });
      const bt = await request(server()).post('/api/v1/scoring/configs/1/backtest').set('Authorization', marketer).send({ asOf: '2026-01-01' }).expect(201);
      expect(bt.body).toMatchObject({ configVersion: 1, accountsWithOutcomes: 0 });
      await request(server()).post('/api/v1/scoring/configs/1/publish').set('Authorization', marketer).expect(201);
      const exported = await request(server()).get('/api/v1/scoring/configs/1/export').set('Authorization', marketer).expect(200);
      expect(exported.text).toContain('name: fit heavy');
      const rolled = await request(server()).post('/api/v1/scoring/configs/1/rollback').set('Authorization', marketer).expect(201);
      expect(rolled.body).toEqual({ activeVersion: 0 });
    } finally {
      await runtime.close();
    }
  }, 180_000);
});
