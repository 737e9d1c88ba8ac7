import { Client } from '@hubspot/api-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { SyncEngine } from '../../src/sync/engine/sync-engine.service';
import { startHttpTestRuntime, type HttpTestRuntime } from '../support/http-test-runtime';

/**
 * GET /api/v1/contacts/:id/consent through real HTTP: a contact opts out and back in through HubSpot's own
 * client, and the route shows the current flags, whether we may target the person, the CRM record's own flags
 * and both changes, newest first. 401 without a token, 400 naming the bad id, 404 for an unknown contact.
 */
describe('contact consent HTTP API', () => {
  let http: HttpTestRuntime;
  let hs: HubspotSandbox;
  let admin: string;
  let rep: string;
  const server = () => http.server();

  beforeAll(async () => {
    http = await startHttpTestRuntime('consent-http');
    ({ admin, rep } = http);
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    await loadWorld({ seed: 43, sizes: { accounts: 8, contacts: 40, licenses: 2, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never });
  }, 120_000);

  afterAll(async () => {
    await hs?.stop();
    await http?.close();
  });

  it('shows current flags, targetability, per-CRM flags and the history of one contact', async () => {
    const created = await request(server()).post('/api/v1/connections').set({ Authorization: `Bearer ${admin}` })
      .send({ name: 'hs-consent', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken } }).expect(201);
    const engine = http.runtime.app.get(SyncEngine);
    const ds = http.runtime.app.get(DataSource);
    expect((await engine.runObject(created.body.id, 'companies', 'full')).status).toBe('succeeded');
    expect((await engine.runObject(created.body.id, 'contacts', 'full')).status).toBe('succeeded');

    const client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
    const page = await client.crm.contacts.basicApi.getPage(100, undefined, ['hs_email_optout']);
    const target = page.results.find((c) => c.properties.hs_email_optout !== 'true') as { id: string };
    const optedOut = await client.crm.contacts.basicApi.update(target.id, { properties: { hs_email_optout: 'true' } });
    expect((await engine.runObject(created.body.id, 'contacts', 'incremental')).status).toBe('succeeded');
    const [{ contact_id: contactId }] = await ds.query(`SELECT contact_id FROM contact_sources WHERE connection_id = $1 AND crm_id = $2`, [created.body.id, target.id]);
    const url = `/api/v1/contacts/${contactId}/consent`;

    const out = await request(server()).get(url).set({ Authorization: `Bearer ${rep}` }).expect(200);
    expect(out.body).toMatchObject({ contactId, emailOptOut: true, targetable: false, deleted: false });
    expect(out.body.sources).toEqual([{ provider: 'hubspot', objectType: 'contacts', crmId: target.id, emailOptOut: true, doNotCall: false, deleted: false }]);
    expect(out.body.history).toEqual([{
      channel: 'email', status: 'opted_out', field: 'emailOptOut', oldValue: false, newValue: true, source: 'hubspot:hs_email_optout',
      connectionId: created.body.id, crmId: target.id, occurredAt: new Date(optedOut.properties.lastmodifieddate as string).toISOString(),
    }]);

    // Back in: targetable again, and the history keeps both changes, newest first.
    await new Promise((r) => setTimeout(r, 5));
    const optedIn = await client.crm.contacts.basicApi.update(target.id, { properties: { hs_email_optout: 'false' } });
    expect((await engine.runObject(created.body.id, 'contacts', 'incremental')).status).toBe('succeeded');
    const back = await request(server()).get(url).set({ Authorization: `Bearer ${admin}` }).expect(200);
    expect(back.body).toMatchObject({ emailOptOut: false, targetable: true });
    expect(back.body.history.map((h: { status: string; occurredAt: string }) => [h.status, h.occurredAt])).toEqual([
      ['opted_in', new Date(optedIn.properties.lastmodifieddate as string).toISOString()],
      ['opted_out', new Date(optedOut.properties.lastmodifieddate as string).toISOString()],
    ]);

    await request(server()).get(url).expect(401);
    const bad = await request(server()).get('/api/v1/contacts/123/consent').set({ Authorization: `Bearer ${rep}` }).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/uuid/i);
    await request(server()).get('/api/v1/contacts/00000000-0000-4000-8000-000000000000/consent').set({ Authorization: `Bearer ${rep}` }).expect(404);
  });
});
