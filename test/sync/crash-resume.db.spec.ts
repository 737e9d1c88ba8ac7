import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@hubspot/api-client';
import { loadWorld } from '../../src/sandbox/generator';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { graphSnapshot, hubspotExpectations } from './support/reconcile';
import { createSyncHarness, type SyncHarness } from './support/sync-harness';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'abm.js');
const built = fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'));

/**
 * Runs the compiled `abm sync` against the test database. With `kill`, waits until the child has
 * committed another page, then a random extra delay (0–1.5 s), then SIGKILLs it.
 */
function runCli(env: NodeJS.ProcessEnv, args: string[], kill?: { committed: () => Promise<number>; extraMs: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let exited = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', () => undefined);
    if (kill) {
      void (async () => {
        const before = await kill.committed();
        while (!exited && (await kill.committed()) <= before) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, kill.extraMs));
        if (!exited) child.kill('SIGKILL');
      })();
    }
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal, stdout });
    });
  });
}

(built ? describe : describe.skip)('kill -9 at random points, then resume (compiled CLI)', () => {
  let db: TestDatabase;
  let hs: HubspotSandbox;
  let h: SyncHarness;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    h = await createSyncHarness(db.dataSource);
    // Every request a little slow, so the run spans several seconds of kill points.
    hs = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' }, searchLagMs: 0, faults: { slowRate: 1, slowMs: 60 } });
    await loadWorld({ seed: 5, sizes: { accounts: 300, contacts: 3000, licenses: 400, activitiesPerAccount: 0 }, overlap: 0, asOf: new Date('2026-01-01T00:00:00Z'), titlesDir: null, hubspot: hs.store as never });
    await h.connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: hs.url, secrets: { accessToken: hs.privateAppToken }, settings: { hubspotTier: 'professional', leaseSeconds: 1 } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-crash-'));
    if (db.kind === 'pglite') fs.writeFileSync(path.join(dataDir, 'pglite.port'), String(new URL(db.url).port));
  });

  afterAll(async () => {
    await h?.close();
    await hs?.stop();
    await db?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing', async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, NODE_ENV: 'test', ABM_SANDBOX: 'off', LOG_LEVEL: 'error', ABM_ENCRYPTION_KEY: '07'.repeat(32),
      ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : { ABM_DATA_DIR: dataDir }),
    };
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const committed = async () => Number((await db.dataSource.query(`SELECT COALESCE(sum(records_read), 0)::int AS n FROM sync_runs`))[0].n);
    for (let i = 0; i < 4; i++) {
      const res = await runCli(env, ['sync', '--connection', 'hs', '--full', '--json'], { committed, extraMs: Math.floor(rand() * 1500) });
      expect(res.signal === 'SIGKILL' || res.code === 0).toBe(true);
      await new Promise((r) => setTimeout(r, 2000)); // the dead run's lease (1 s) expires
    }
    // A random delay may let a fast database finish the run before the kill; end on a kill that lands
    // right after a committed page, so the final run really has a half-done run to resume.
    let lastKilled = false;
    for (let i = 0; i < 5 && !lastKilled; i++) {
      lastKilled = (await runCli(env, ['sync', '--connection', 'hs', '--full', '--json'], { committed, extraMs: 0 })).signal === 'SIGKILL';
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(lastKilled).toBe(true);
    const dead: Array<{ n: number }> = await db.dataSource.query(`SELECT count(*)::int AS n FROM sync_runs WHERE status = 'running' AND records_read > 0`);
    expect(dead[0].n).toBeGreaterThan(0);
    const final = await runCli(env, ['sync', '--connection', 'hs', '--full', '--json']);
    expect({ code: final.code, out: final.stdout.slice(-400) }).toMatchObject({ code: 0 });
    const summary = JSON.parse(final.stdout.trim().split('\n').pop() as string) as { runs: Array<{ status: string; resumed?: boolean }> };
    expect(summary.runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(summary.runs.some((r) => r.resumed)).toBe(true);
    const client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
    const connectionId = (await h.connections.get('hs')).id;
    expect(await graphSnapshot(db.dataSource, connectionId)).toEqual(await hubspotExpectations(client));
    // Nothing duplicated: one source row per CRM record, one account/contact per source.
    const [dups] = await db.dataSource.query(`SELECT (SELECT count(*) FROM contact_sources)::int AS sources, (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM account_sources)::int AS account_sources`);
    expect(dups.sources).toBe(dups.contacts);
    expect(dups.accounts).toBe(dups.account_sources);
    const resumed: Array<{ n: number }> = await db.dataSource.query(`SELECT count(*)::int AS n FROM sync_runs WHERE status = 'succeeded' AND records_read > 0`);
    expect(resumed[0].n).toBeGreaterThan(0);
  }, 240_000);
});
