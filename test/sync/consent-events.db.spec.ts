import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { graphExporters } from '../../src/sync/export/graph-exporters';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { cleanSyncTables, createSyncHarness, type SyncHarness } from './support/sync-harness';

/** SystemModstamp has whole seconds: a window ends at the start of the current second. */
const secondBoundary = () => new Promise((r) => setTimeout(r, 1100));

interface EventRow { crm_id: string; field: string; channel: string; status: string; source: string; old_value: boolean | null; new_value: boolean; occurred_at: Date }

describe('consent_events: opt-out and do-not-call history from the CRMs', () => {
  let db: TestDatabase;
  let h: SyncHarness;
  let sf: SalesforceSandbox;
  let hs: HubspotSandbox;
  let jsf: Connection;
  let hsClient: Client;

  const events = (connectionId: string, crmId?: string): Promise<EventRow[]> => db.dataSource.query(
    `SELECT crm_id, field, channel, status, source, old_value, new_value, occurred_at FROM consent_events WHERE connection_id = $1 AND ($2::text IS NULL OR crm_id = $2) ORDER BY occurred_at, field`,
    [connectionId, crmId ?? null],
  );

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    sf = await startSalesforceSandbox({ bulkJobDurationMs: 50 });
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    const world = { seed: 31, sizes: { accounts: 20, contacts: 120, licenses: 5, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null };
    await loadWorld({ ...world, salesforce: sf.store as never });
    await loadWorld({ ...world, hubspot: hs.store as never });
    jsf = new Connection({ instanceUrl: sf.baseUrl, accessToken: sf.clientCredentials.accessToken, version: '60.0' });
    hsClient = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
  });

  beforeEach(async () => {
    await cleanSyncTables(db.dataSource);
    await db.dataSource.query('TRUNCATE consent_events');
  });

  afterAll(async () => {
    await h?.close();
    await sf?.stop();
    await hs?.stop();
    await db?.close();
  });

  it('Salesforce: first sight records only opt-outs; an opt-out made through jsforce is one event, however often it is re-read', async () => {
    const c = sf.clientCredentials;
    const { id } = await h.connections.upsert({ name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.baseUrl, loginUrl: sf.loginUrl, secrets: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken }, settings: { lookbackSeconds: 600 } });
    await h.engine.runObject(id, 'Account', 'full');
    expect((await h.engine.runObject(id, 'Contact', 'full')).status).toBe('succeeded');
    const optedOut = await jsf.query<{ Id: string }>('SELECT Id FROM Contact WHERE HasOptedOutOfEmail = true');
    const dnc = await jsf.query<{ Id: string }>('SELECT Id FROM Contact WHERE DoNotCall = true');
    const initial = await events(id);
    expect(initial.filter((e) => e.field === 'emailOptOut').map((e) => e.crm_id).sort()).toEqual(optedOut.records.map((r) => r.Id).sort());
    expect(initial.filter((e) => e.field === 'doNotCall').map((e) => e.crm_id).sort()).toEqual(dnc.records.map((r) => r.Id).sort());
    expect(initial.every((e) => e.old_value === null && e.new_value === true && e.status === 'opted_out')).toBe(true);

    const target = (await jsf.query<{ Id: string }>('SELECT Id FROM Contact WHERE HasOptedOutOfEmail = false AND DoNotCall = false ORDER BY Id LIMIT 1')).records[0].Id;
    await jsf.sobject('Contact').update({ Id: target, HasOptedOutOfEmail: true });
    await secondBoundary();
    expect((await h.engine.runObject(id, 'Contact', 'incremental')).status).toBe('succeeded');
    const [stamp] = (await jsf.query<{ SystemModstamp: string }>(`SELECT SystemModstamp FROM Contact WHERE Id = '${target}'`)).records;
    const once = await events(id, target);
    expect(once).toEqual([{ crm_id: target, field: 'emailOptOut', channel: 'email', status: 'opted_out', source: 'salesforce:HasOptedOutOfEmail', old_value: false, new_value: true, occurred_at: new Date(stamp.SystemModstamp) }]);

    // The lookback re-reads the record, and so does a full re-read: still one event.
    expect((await h.engine.runObject(id, 'Contact', 'incremental')).read).toBeGreaterThan(0);
    await h.engine.runObject(id, 'Contact', 'full');
    expect(await events(id, target)).toEqual(once);
    expect((await events(id)).length).toBe(initial.length + 1);

    // Opting back in (and do-not-call) are events of their own.
    await jsf.sobject('Contact').update({ Id: target, HasOptedOutOfEmail: false, DoNotCall: true });
    await secondBoundary();
    await h.engine.runObject(id, 'Contact', 'incremental');
    const after = await events(id, target);
    expect(after.map((e) => [e.field, e.status, e.old_value, e.new_value])).toEqual([['emailOptOut', 'opted_out', false, true], ['doNotCall', 'opted_out', false, true], ['emailOptOut', 'opted_in', true, false]]);

    // The history is exported per contact (`abm export consent`).
    const exported: Array<Record<string, unknown>> = [];
    for await (const r of graphExporters.consent.records({ get: () => db.dataSource } as never)) exported.push(r);
    expect(exported.filter((r) => r.crmId === target).map((r) => [r.field, r.status, r.source])).toEqual(expect.arrayContaining([['doNotCall', 'opted_out', 'salesforce:DoNotCall'], ['emailOptOut', 'opted_in', 'salesforce:HasOptedOutOfEmail']]));
    expect(exported.length).toBe((await events(id)).length);
  });

  it('HubSpot: an opt-out set through the SDK is one event; re-runs add none', async () => {
    const { id } = await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { lookbackSeconds: 600 } });
    await h.engine.runObject(id, 'companies', 'full');
    await h.engine.runObject(id, 'contacts', 'full');
    const initial = await events(id);
    // HubSpot maps no do-not-call flag by default: only e-mail events.
    expect(initial.every((e) => e.field === 'emailOptOut' && e.old_value === null)).toBe(true);
    const page = await hsClient.crm.contacts.basicApi.getPage(100, undefined, ['hs_email_optout']);
    const target = page.results.find((c) => c.properties.hs_email_optout !== 'true') as { id: string };
    const updated = await hsClient.crm.contacts.basicApi.update(target.id, { properties: { hs_email_optout: 'true' } });
    expect((await h.engine.runObject(id, 'contacts', 'incremental')).status).toBe('succeeded');
    const once = await events(id, target.id);
    expect(once).toEqual([{ crm_id: target.id, field: 'emailOptOut', channel: 'email', status: 'opted_out', source: 'hubspot:hs_email_optout', old_value: false, new_value: true, occurred_at: new Date(updated.properties.lastmodifieddate as string) }]);
    await h.engine.runObject(id, 'contacts', 'incremental');
    await h.engine.runObject(id, 'contacts', 'full');
    expect(await events(id, target.id)).toEqual(once);
    expect((await events(id)).length).toBe(initial.length + 1);
    const [contact] = await db.dataSource.query(`SELECT c.email_opt_out FROM contacts c JOIN contact_sources s ON s.contact_id = c.id WHERE s.connection_id = $1 AND s.crm_id = $2`, [id, target.id]);
    expect(contact.email_opt_out).toBe(true);
  });
});
