import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Runtime } from '../../src/app/bootstrap';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { SyncEngine } from '../../src/sync/engine/sync-engine.service';
import { startHttpTestRuntime, type HttpTestRuntime } from '../support/http-test-runtime';

/**
 * The connections API and the admin match override through real HTTP with real tokens: 401 without a
 * token, 403 for the wrong role, 400 naming the field, and the happy paths (secrets never come back;
 * an overridden match moves the CRM record and its contacts to the chosen account).
 */
describe('connections and match-override HTTP API', () => {
  let http: HttpTestRuntime;
  let runtime: Runtime<import('@nestjs/common').INestApplication>;
  let hs: HubspotSandbox;
  let admin: string;
  let rep: string;
  const server = () => http.server();
  const SECRET = 'pat-na1-very-secret-value-0001';

  beforeAll(async () => {
    http = await startHttpTestRuntime('conn-http');
    ({ runtime, admin, rep } = http);
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    await loadWorld({ seed: 41, sizes: { accounts: 12, contacts: 60, licenses: 4, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never });
  }, 120_000);

  afterAll(async () => {
    await hs?.stop();
    await http?.close();
  });

  it('connections: 401, 403, 400 naming the field, then create, list, update and delete without ever returning a secret', async () => {
    await request(server()).get('/api/v1/connections').expect(401);
    await request(server()).post('/api/v1/connections').send({}).expect(401);
    await request(server()).get('/api/v1/connections').set('Authorization', `Bearer ${rep}`).expect(403);
    await request(server()).delete('/api/v1/connections/x').set('Authorization', `Bearer ${rep}`).expect(403);
    const auth = { Authorization: `Bearer ${admin}` };
    const good = { name: 'hs-main', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: SECRET }, settings: { hubspotTier: 'professional' } };

    const badUrl = await request(server()).post('/api/v1/connections').set(auth).send({ ...good, baseUrl: 'ftp://nope' }).expect(400);
    expect(JSON.stringify(badUrl.body.message)).toMatch(/baseUrl must be an http\(s\) URL/);
    const badProvider = await request(server()).post('/api/v1/connections').set(auth).send({ ...good, provider: 'pipedrive' }).expect(400);
    expect(JSON.stringify(badProvider.body.message)).toMatch(/provider must be one of/);
    const missingSecret = await request(server()).post('/api/v1/connections').set(auth).send({ ...good, secrets: {} }).expect(400);
    expect(JSON.stringify(missingSecret.body.message)).toMatch(/secrets\.accessToken is required/);
    const wrongAuth = await request(server()).post('/api/v1/connections').set(auth).send({ ...good, authType: 'jwt_bearer' }).expect(400);
    expect(JSON.stringify(wrongAuth.body.message)).toMatch(/authType must be one of/);
    const unknownField = await request(server()).post('/api/v1/connections').set(auth).send({ ...good, password: 'x' }).expect(400);
    expect(JSON.stringify(unknownField.body.message)).toMatch(/password/);

    const created = await request(server()).post('/api/v1/connections').set(auth).send(good).expect(201);
    expect(created.body).toMatchObject({ name: 'hs-main', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, status: 'active', secretKeys: ['accessToken'] });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    const list = await request(server()).get('/api/v1/connections').set(auth).expect(200);
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(['hs-main']);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);

    const badStatus = await request(server()).patch(`/api/v1/connections/${created.body.id}`).set(auth).send({ status: 'sleeping' }).expect(400);
    expect(JSON.stringify(badStatus.body.message)).toMatch(/status must be one of/);
    const badSetting = await request(server()).patch(`/api/v1/connections/${created.body.id}`).set(auth).send({ settings: { lookbackSeconds: -5 } }).expect(400);
    expect(JSON.stringify(badSetting.body.message)).toMatch(/settings\.lookbackSeconds must be an integer/);
    const updated = await request(server()).patch(`/api/v1/connections/${created.body.id}`).set(auth).send({ status: 'paused', settings: { lookbackSeconds: 60 } }).expect(200);
    expect(updated.body).toMatchObject({ id: created.body.id, status: 'paused', settings: { hubspotTier: 'professional', lookbackSeconds: 60 } });
    expect(JSON.stringify(updated.body)).not.toContain(SECRET);
    const badMode = await request(server()).post(`/api/v1/connections/${created.body.id}/sync`).set(auth).send({ mode: 'everything' }).expect(400);
    expect(JSON.stringify(badMode.body.message)).toMatch(/mode must be one of/);

    await request(server()).delete(`/api/v1/connections/${created.body.id}`).set(auth).expect(200, { deleted: true });
    expect((await request(server()).get('/api/v1/connections').set(auth).expect(200)).body).toEqual([]);
    await request(server()).delete(`/api/v1/connections/${created.body.id}`).set(auth).expect(404);
    const audit: Array<{ action: string; actor: string }> = await runtime.app.get(DataSource).query(`SELECT action, actor FROM audit_log WHERE target_id = $1 ORDER BY at`, [created.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['connection.upsert', 'connection.update', 'connection.delete']);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('match override: 401, 403, 400 naming the field, 404, then a CRM record moves to another account and its contacts follow', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const created = await request(server()).post('/api/v1/connections').set(auth).send({ name: 'hs-graph', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken } }).expect(201);
    const ds = runtime.app.get(DataSource);
    const engine = runtime.app.get(SyncEngine);
    expect((await engine.runObject(created.body.id, 'companies', 'full')).status).toBe('succeeded');
    expect((await engine.runObject(created.body.id, 'contacts', 'full')).status).toBe('succeeded');
    // A company with contacts (the one that moves) and another account (where it moves to).
    const [moving] = await ds.query(`SELECT s.id, s.account_id, s.crm_id FROM account_sources s WHERE s.connection_id = $1 AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = s.account_id AND c.deleted_at IS NULL) ORDER BY s.crm_id LIMIT 1`, [created.body.id]);
    const [target] = await ds.query(`SELECT account_id FROM account_sources WHERE connection_id = $1 AND account_id <> $2 ORDER BY crm_id LIMIT 1`, [created.body.id, moving.account_id]);
    const contactsBefore: Array<{ id: string }> = await ds.query(`SELECT id FROM contacts WHERE account_id = $1 AND deleted_at IS NULL ORDER BY id`, [moving.account_id]);
    expect(contactsBefore.length).toBeGreaterThan(0);

    const url = `/api/v1/account-sources/${moving.id}/match`;
    await request(server()).post(url).send({ accountId: target.account_id }).expect(401);
    await request(server()).post(url).set('Authorization', `Bearer ${rep}`).send({ accountId: target.account_id }).expect(403);
    const badBody = await request(server()).post(url).set(auth).send({ accountId: 'not-a-uuid' }).expect(400);
    expect(JSON.stringify(badBody.body.message)).toMatch(/accountId must be a UUID/);
    const badId = await request(server()).post('/api/v1/account-sources/123/match').set(auth).send({}).expect(400);
    expect(JSON.stringify(badId.body.message)).toMatch(/uuid/i);
    await request(server()).post(url).set(auth).send({ accountId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await request(server()).post('/api/v1/account-sources/00000000-0000-4000-8000-000000000000/match').set(auth).send({}).expect(404);

    const moved = await request(server()).post(url).set(auth).send({ accountId: target.account_id }).expect(201);
    expect(moved.body).toEqual({ sourceId: moving.id, accountId: target.account_id, previousAccountId: moving.account_id });
    const [src] = await ds.query(`SELECT account_id, match_reason, match_overridden FROM account_sources WHERE id = $1`, [moving.id]);
    expect(src).toEqual({ account_id: target.account_id, match_reason: 'admin_override', match_overridden: true });
    const followed: Array<{ id: string }> = await ds.query(`SELECT id FROM contacts WHERE id = ANY($1::uuid[]) AND account_id = $2`, [contactsBefore.map((c) => c.id), target.account_id]);
    expect(followed.length).toBe(contactsBefore.length);
    // The account left without any CRM record is gone from the graph; the target keeps its own data.
    const [old] = await ds.query(`SELECT deleted_at FROM accounts WHERE id = $1`, [moving.account_id]);
    expect(old.deleted_at).not.toBeNull();

    // A later sync keeps the record where the admin put it.
    await engine.runObject(created.body.id, 'companies', 'full');
    await engine.runObject(created.body.id, 'contacts', 'full');
    const [still] = await ds.query(`SELECT account_id FROM account_sources WHERE id = $1`, [moving.id]);
    expect(still.account_id).toBe(target.account_id);
    const stillFollowing: Array<{ id: string }> = await ds.query(`SELECT id FROM contacts WHERE id = ANY($1::uuid[]) AND account_id = $2`, [contactsBefore.map((c) => c.id), target.account_id]);
    expect(stillFollowing.length).toBe(contactsBefore.length);

    // Without an account id the record is split off into an account of its own.
    const split = await request(server()).post(url).set(auth).send({}).expect(201);
    expect(split.body.accountId).not.toBe(target.account_id);
    const [own] = await ds.query(`SELECT a.name, a.deleted_at FROM accounts a WHERE a.id = $1`, [split.body.accountId]);
    expect(own.deleted_at).toBeNull();
    expect(own.name.length).toBeGreaterThan(0);
  });
});
