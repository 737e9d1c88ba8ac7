import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createHttpRuntime, type Runtime } from '../../src/app/bootstrap';
import { validateEnv } from '../../src/config/app-config';
import { buildConfig } from '../../src/config/load-config';
import { TokenService } from '../../src/platform/auth/token.service';
import { RecommendationsService } from '../../src/recommendations/engine/recommendations.service';
import { hubspotSignatureV3 } from '../../src/write-back/card/hubspot-signature.util';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection, seedScoredAccounts } from '../write-back/support/write-back-seed.util';
import type { INestApplication } from '@nestjs/common';

jest.setTimeout(60_000);
const SECRET = 'hubspot-client-secret';
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../src/write-back/card/card-payload.schema.json'), 'utf8'));

describe('recommendations and the card over HTTP', () => {
  let db: TestDatabase | undefined;
  let dataDir: string;
  let runtime: Runtime<INestApplication>;
  let ds: DataSource;
  let rep: string;
  let accountIds: string[];
  const blockedContact = '11111111-1111-4111-8111-111111111111';
  const reachableContact = '22222222-2222-4222-8222-222222222222';

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-rec-'));
    const env: Record<string, string> = { ABM_SANDBOX: 'off', LOG_LEVEL: 'error', ABM_LOG_JSON: 'true', HUBSPOT_ACCESS_TOKEN: 'unused', HUBSPOT_CLIENT_SECRET: SECRET };
    if (process.env.ABM_TEST_POSTGRES_URL) {
      db = await createTestDatabase();
      await db.dataSource.destroy();
      env.DATABASE_URL = db.url;
    } else env.ABM_DATA_DIR = dataDir;
    runtime = await createHttpRuntime(buildConfig(validateEnv(env), process.cwd()), false as never);
    await runtime.app.init();
    ds = runtime.db.dataSource;
    rep = (await runtime.app.get(TokenService).create('rep', 'rep')).token;
    const hs = await seedConnection(ds, { name: 'hs', provider: 'hubspot', baseUrl: 'http://127.0.0.1:9', secrets: { accessToken: 'x' } });
    accountIds = await seedScoredAccounts(ds, hs, 'hubspot', 'companies', ['101', '102', '103']);
    const sf = await seedConnection(ds, { name: 'sf', provider: 'salesforce', baseUrl: 'http://127.0.0.1:9', secrets: { accessToken: 'x' } });
    await ds.query(`INSERT INTO account_sources (connection_id, provider, object_type, crm_id, account_id, match_reason, fields) VALUES ($1, 'salesforce', 'Account', '001000000000001AAA', $2, 'new', '{}')`, [sf, accountIds[0]]);
    await ds.query(
      `INSERT INTO contacts (id, account_id, first_name, last_name, title, email_opt_out, do_not_contact) VALUES
         ($1, $3, 'Olive', 'Optout', 'CFO', true, false), ($2, $3, 'Rita', 'Reachable', 'CTO', false, false)`,
      [blockedContact, reachableContact, accountIds[0]],
    );
    await ds.query(
      `INSERT INTO committee_memberships (account_id, contact_id, role, source, confidence, engaged) VALUES
         ($1, $2, 'economic_buyer', 'inferred', 0.9, false), ($1, $3, 'technical_evaluator', 'inferred', 0.8, false)`,
      [accountIds[0], blockedContact, reachableContact],
    );
    await ds.query(
      `INSERT INTO license_records (connection_id, provider, object_type, crm_id, account_id, kind, start_date, end_date)
       VALUES ($1, 'hubspot', 'p_licenses', 'L1', $2, 'subscription', current_date - 800, current_date + 75)`,
      [hs, accountIds[0]],
    );
  });

  afterAll(async () => {
    await runtime?.close();
    if (db) await db.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('recommends next actions with reasons, never naming an opted-out contact, and dedupes on refresh', async () => {
    const service = runtime.app.get(RecommendationsService);
    const first = await service.refresh();
    expect(first.inserted).toBeGreaterThan(0);
    const recs = await service.listForAccount(accountIds[0]);
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.length).toBeLessThanOrEqual(3);
    expect(recs.map((r) => r.contactId)).not.toContain(blockedContact);
    expect(recs.map((r) => r.action)).toContain('renewal_outreach');
    for (const r of recs) if (r.contactId) expect(r.contactId).toBe(reachableContact);
    for (const r of recs) expect(r.reason.length).toBeGreaterThan(10);
    expect(recs.map((r) => r.rank)).toEqual([...recs.map((r) => r.rank)].sort((a, b) => a - b));
    const second = await service.refresh();
    expect(second.inserted).toBe(0);
    expect(second.updated).toBe(first.inserted);
    const count: Array<{ n: string }> = await ds.query(`SELECT count(*) AS n FROM recommendations`);
    expect(Number(count[0].n)).toBe(first.inserted);
  });

  it('lets a rep list and change the status of recommendations; bad status is a 400 naming the field', async () => {
    const list = await request(runtime.app.getHttpServer()).get(`/api/v1/accounts/${accountIds[0]}/recommendations`).set('Authorization', `Bearer ${rep}`).expect(200);
    const id = list.body[0].id as string;
    const patched = await request(runtime.app.getHttpServer()).patch(`/api/v1/recommendations/${id}`).set('Authorization', `Bearer ${rep}`).send({ status: 'dismissed' }).expect(200);
    expect(patched.body.status).toBe('dismissed');
    const bad = await request(runtime.app.getHttpServer()).patch(`/api/v1/recommendations/${id}`).set('Authorization', `Bearer ${rep}`).send({ status: 'gone' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const after = await request(runtime.app.getHttpServer()).get(`/api/v1/accounts/${accountIds[0]}/recommendations`).set('Authorization', `Bearer ${rep}`).expect(200);
    expect(after.body.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('serves the Salesforce card with our token, matching the payload schema', async () => {
    await request(runtime.app.getHttpServer()).get('/api/v1/card/salesforce/001000000000001AAA').expect(401);
    const res = await request(runtime.app.getHttpServer()).get('/api/v1/card/salesforce/001000000000001AAA').set('Authorization', `Bearer ${rep}`).expect(200);
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const valid = ajv.validate(schema, res.body);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(res.body.account.id).toBe(accountIds[0]);
    expect(res.body.committee.missingRoles).toEqual(expect.arrayContaining(['champion', 'decision_maker']));
    expect(res.body.loyalty.renewal.window).toBe('T-90');
    expect(res.body.freshness.stale).toBe(false);
    expect(res.body.nextActions.length).toBeGreaterThan(0);
    await request(runtime.app.getHttpServer()).get('/api/v1/card/salesforce/001000000000404AAA').set('Authorization', `Bearer ${rep}`).expect(404);
  });

  it('serves the HubSpot card only with a valid v3 signature inside the 5-minute window', async () => {
    const server = runtime.app.getHttpServer();
    const url = '/api/v1/card/hubspot/companies/102';
    const sign = (ts: number) => hubspotSignatureV3(SECRET, 'GET', `https://abm.example${url}`, '', String(ts));
    const now = Date.now();
    const ok = await request(server).get(url).set('Host', 'abm.example').set('X-Forwarded-Proto', 'https')
      .set('X-HubSpot-Signature-v3', sign(now)).set('X-HubSpot-Request-Timestamp', String(now)).expect(200);
    expect(ok.body.crm).toEqual({ provider: 'hubspot', objectType: 'companies', id: '102' });
    await request(server).get(url).set('Host', 'abm.example').set('X-Forwarded-Proto', 'https').expect(401);
    const old = now - 6 * 60_000;
    await request(server).get(url).set('Host', 'abm.example').set('X-Forwarded-Proto', 'https')
      .set('X-HubSpot-Signature-v3', sign(old)).set('X-HubSpot-Request-Timestamp', String(old)).expect(401);
    await request(server).get(url).set('Host', 'abm.example').set('X-Forwarded-Proto', 'https')
      .set('X-HubSpot-Signature-v3', sign(now).replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))).set('X-HubSpot-Request-Timestamp', String(now)).expect(401);
  });
});
