import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@hubspot/api-client';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { graphSnapshot, hubspotExpectations } from './support/reconcile';
import { createSyncHarness, type SyncHarness } from './support/sync-harness';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'abm.js');
const built = fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'));

function runCli(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').pop() as string) as T;

/** `abm connect` + `abm sync` + `abm status` as an admin runs them: the compiled CLI against both sandboxes. */
(built ? describe : describe.skip)('abm connect, sync and status (compiled CLI)', () => {
  let db: TestDatabase;
  let hs: HubspotSandbox;
  let sf: SalesforceSandbox;
  let h: SyncHarness;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    hs = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' }, searchLagMs: 0 });
    sf = await startSalesforceSandbox({ bulkJobDurationMs: 50 });
    const world = { seed: 51, sizes: { accounts: 25, contacts: 120, licenses: 20, activitiesPerAccount: 1 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null };
    await loadWorld({ ...world, hubspot: hs.store as never });
    await loadWorld({ ...world, salesforce: sf.store as never });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-cli-'));
    if (db.kind === 'pglite') fs.writeFileSync(path.join(dataDir, 'pglite.port'), String(new URL(db.url).port));
    // The same key as the test harness, so the test can read what the CLI sealed.
    env = {
      PATH: process.env.PATH, NODE_ENV: 'test', ABM_SANDBOX: 'off', LOG_LEVEL: 'error', ABM_ENCRYPTION_KEY: '07'.repeat(32),
      ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : { ABM_DATA_DIR: dataDir }),
    };
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await sf?.stop();
    await db?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('rejects bad input with messages that name the flag, then connects both CRMs, syncs them and reports status', async () => {
    const badName = await runCli(env, ['connect', 'hubspot', '--name', 'bad name!', '--base-url', hs.url, '--access-token', 'x']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/^abm: name may contain letters, digits/m);
    const noSecrets = await runCli(env, ['connect', 'salesforce', '--name', 'sf', '--base-url', sf.baseUrl]);
    expect(noSecrets.code).toBe(1);
    expect(noSecrets.stderr).toContain('client_credentials needs --client-id, --client-secret (or choose another --auth-type)');
    const badSettings = await runCli(env, ['connect', 'hubspot', '--name', 'hs', '--base-url', hs.url, '--access-token', 'x', '--settings', '{oops']);
    expect(badSettings.stderr).toContain('--settings must be a JSON object');
    expect((await h.connections.list()).length).toBe(0);

    const hsConnect = await runCli(env, ['connect', 'hubspot', '--name', 'hs', '--base-url', hs.url, '--access-token', hs.privateAppToken, '--settings', '{"hubspotTier":"professional"}', '--json']);
    expect({ code: hsConnect.code, err: hsConnect.stderr }).toEqual({ code: 0, err: '' });
    expect(lastJson(hsConnect.stdout)).toMatchObject({ name: 'hs', provider: 'hubspot', authType: 'private_app', secretKeys: ['accessToken'], settings: { hubspotTier: 'professional' } });
    expect(hsConnect.stdout).not.toContain(hs.privateAppToken);
    const c = sf.clientCredentials;
    const sfConnect = await runCli(env, ['connect', 'salesforce', '--name', 'sf', '--base-url', sf.baseUrl, '--login-url', sf.loginUrl, '--client-id', c.clientId, '--client-secret', c.clientSecret, '--refresh-token', c.refreshToken]);
    expect(sfConnect.code).toBe(0);
    expect(sfConnect.stdout).toMatch(/^connection sf \(salesforce, oauth_refresh\) saved: [0-9a-f-]{36}\nnext: abm setup sf/);
    expect(sfConnect.stdout).not.toContain(c.refreshToken);
    expect(h.connections.secrets(await h.connections.get('sf'))).toEqual({ clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken });

    const hsSync = await runCli(env, ['sync', '--connection', 'hs', '--json']);
    expect({ code: hsSync.code, err: hsSync.stderr.includes('{name}') }).toEqual({ code: 0, err: false });
    const summary = lastJson<{ runs: Array<{ objectType: string; status: string; mode: string }>; apiCallsTotal: number }>(hsSync.stdout);
    expect(summary.runs.map((r) => [r.objectType, r.status, r.mode])).toEqual(['companies', 'contacts', 'deals', 'licenses', 'tasks', 'notes'].map((o) => [o, 'succeeded', 'full']));
    expect(summary.apiCallsTotal).toBeGreaterThan(0);
    const client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
    expect(await graphSnapshot(db.dataSource, (await h.connections.get('hs')).id)).toEqual(await hubspotExpectations(client));

    const sfSync = await runCli(env, ['sync', '--connection', 'sf']);
    expect(sfSync.code).toBe(0);
    expect(sfSync.stdout).toMatch(/^sf\/Account: succeeded \(full\) read \d+/m);
    expect(sfSync.stdout).toMatch(/^total: read \d+, upserted \d+/m);
    // Without a TTY each bar still ends with its own name (never a "{name}" placeholder).
    expect(sfSync.stderr).not.toContain('{name}');
    expect(sfSync.stderr).toContain('sf/Contact');

    const status = await runCli(env, ['status', '--json']);
    expect(status.code).toBe(0);
    const rows = lastJson<Array<{ name: string; objects: Array<{ objectType: string; records: number; lastSuccessAt: string | null }> }>>(status.stdout);
    expect(rows.map((r) => r.name).sort()).toEqual(['hs', 'sf']);
    for (const r of rows) {
      expect(r.objects.length).toBeGreaterThan(3);
      expect(r.objects.every((o) => o.lastSuccessAt !== null)).toBe(true);
      expect(r.objects.find((o) => o.objectType === (r.name === 'hs' ? 'contacts' : 'Contact'))?.records).toBeGreaterThan(20);
    }
    const text = await runCli(env, ['status']);
    expect(text.stdout).toMatch(/^hs \(hubspot, active\)/m);
    expect(text.stdout).toMatch(/^sf \(salesforce, active\)/m);
  }, 300_000);
});
