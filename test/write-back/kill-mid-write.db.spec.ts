import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@hubspot/api-client';
import { Connection } from 'jsforce';
import { ScoreConfigService } from '../../src/intelligence/config/score-config.service';
import { ScoreQueryService } from '../../src/intelligence/scoring/score-query.service';
import { installSalesforcePackage } from '../../src/sandbox/demo-bootstrap';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../src/sandbox/salesforce/salesforce-sandbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startCrmProxy, type CrmProxy } from './support/crm-proxy.util';
import { seedConnection, seedScoredAccounts, TEST_KEY } from './support/write-back-seed.util';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'abm.js');
const built = fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'));
const ACCOUNTS = 300;
/** How long the proxy holds each write response: the window in which the kill lands. */
const HOLD_MS = 400;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Set when the kill was sent: how many writes were in flight at that instant. */
  killedWithInFlight: number | null;
}

/**
 * Spawns the compiled `abm writeback`; with `killAtWrite`, SIGKILLs it `extraMs` after its n-th write
 * request reached the CRM, while the proxy still holds that write's response.
 */
function runCli(env: NodeJS.ProcessEnv, args: string[], proxy: CrmProxy, kill?: { killAtWrite: number; extraMs: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let exited = false;
    let killedWithInFlight: number | null = null;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', () => undefined);
    const startWrites = proxy.writes;
    if (kill) {
      proxy.onWrite((n) => {
        if (n - startWrites !== kill.killAtWrite) return;
        setTimeout(() => {
          if (exited) return;
          killedWithInFlight = proxy.inFlightWrites;
          child.kill('SIGKILL');
        }, kill.extraMs);
      });
    }
    child.on('exit', (code, signal) => {
      exited = true;
      proxy.onWrite(null);
      resolve({ code, signal, stdout, killedWithInFlight });
    });
  });
}

function lastJson<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop() as string) as T;
}

(built ? describe : describe.skip)('kill -9 mid write-back, then write-back again (compiled CLI)', () => {
  let db: TestDatabase;
  let sf: SalesforceSandbox;
  let hs: HubspotSandbox;
  let sfProxy: CrmProxy;
  let hsProxy: CrmProxy;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  const ids = { sf: '', hs: '' };
  let seed = 20_261_125;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  beforeAll(async () => {
    db = await createTestDatabase();
    sf = await startSalesforceSandbox();
    installSalesforcePackage(sf.store as never);
    hs = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
    sfProxy = await startCrmProxy(sf.baseUrl, { holdMs: HOLD_MS });
    hsProxy = await startCrmProxy(hs.url, { holdMs: HOLD_MS });
    const settings = { writeBack: { tasks: { perRepPerDay: 1000 } } };
    ids.sf = await seedConnection(db.dataSource, { name: 'sf', provider: 'salesforce', baseUrl: sfProxy.url, secrets: { accessToken: sf.clientCredentials.accessToken }, settings });
    ids.hs = await seedConnection(db.dataSource, { name: 'hs', provider: 'hubspot', baseUrl: hsProxy.url, secrets: { accessToken: hs.privateAppToken }, settings: { ...settings, hubspotTier: 'professional' } });
    const sfAccounts = await seedScoredAccounts(db.dataSource, ids.sf, 'salesforce', 'Account', sf.store.insertMany('Account', Array.from({ length: ACCOUNTS }, (_, i) => ({ Name: `Company ${i}` }))));
    const hsCompanies = Array.from({ length: ACCOUNTS }, (_, i) => String(hs.store.create('companies', { name: `Company ${i}` }).id));
    const hsAccounts = await seedScoredAccounts(db.dataSource, ids.hs, 'hubspot', 'companies', hsCompanies);
    // One open recommendation per account for the rep (HubSpot owners are numeric ids).
    for (const [prefix, accountIds, owner] of [['sf', sfAccounts, null], ['hs', hsAccounts, '11']] as const) {
      await db.dataSource.query(
        `INSERT INTO recommendations (account_id, action, reason, reason_factors, owner_type, owner_crm_user_id, due_date, expected_impact, rank, status, dedupe_key, external_id)
         SELECT (x)::uuid, 'multi_thread', 'Only one engaged contact', '[]', 'rep', $2, current_date + 7, 5, 1, 'open', x || ':mt', $3 || '_' || lpad(o::text, 8, '0')
           FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(x, o)`,
        [JSON.stringify(accountIds), owner, `rec_${prefix}`],
      );
    }
    // Two recommendations closed on our side that were never sent: they must not appear in the CRM.
    await db.dataSource.query(`UPDATE recommendations SET status = 'dismissed' WHERE external_id IN ('rec_sf_00000002', 'rec_hs_00000002')`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-wb-kill-'));
    if (db.kind === 'pglite') fs.writeFileSync(path.join(dataDir, 'pglite.port'), String(new URL(db.url).port));
    env = {
      PATH: process.env.PATH, NODE_ENV: 'test', ABM_SANDBOX: 'off', LOG_LEVEL: 'error', ABM_ENCRYPTION_KEY: TEST_KEY.toString('hex'),
      ...(db.kind === 'postgres' ? { DATABASE_URL: db.url } : { ABM_DATA_DIR: dataDir }),
    };
    // What an admin runs once: our HubSpot properties, including the unique task id the upsert relies on.
    expect((await runCli(env, ['setup', 'hs', '--json'], hsProxy)).code).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await sfProxy?.stop();
    await hsProxy?.stop();
    await sf?.stop();
    await hs?.stop();
    await db?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Our current scores (through the scoring read service) by CRM record id, and the open recommendations. */
  async function expected(connectionId: string): Promise<{ scores: Map<string, { score: number; tier: string }>; open: Map<string, string> }> {
    const list = await new ScoreQueryService(db.dataSource, new ScoreConfigService(db.dataSource, undefined as never)).list({ sort: 'name', limit: 10 * ACCOUNTS, offset: 0 });
    const crmIds: Array<{ account_id: string; crm_id: string }> = await db.dataSource.query(`SELECT account_id, crm_id FROM account_sources WHERE connection_id = $1`, [connectionId]);
    const crmOf = new Map(crmIds.map((r) => [r.account_id, r.crm_id]));
    const scores = new Map<string, { score: number; tier: string }>();
    for (const s of list) if (crmOf.has(String(s.id))) scores.set(crmOf.get(String(s.id))!, { score: Math.round(Number(s.score) * 10) / 10, tier: String(s.tier) });
    const recs: Array<{ external_id: string; account_id: string }> = await db.dataSource.query(`SELECT external_id, account_id FROM recommendations WHERE status IN ('open', 'accepted')`);
    const open = new Map(recs.filter((r) => crmOf.has(r.account_id)).map((r) => [r.external_id, crmOf.get(r.account_id)!]));
    return { scores, open };
  }

  /**
   * Kills write-back at random writes (each kill asserted to land while a write is in flight and to leave
   * pending ledger rows), then runs it to the end, then once more: that last run must make no call at all.
   */
  async function killThenResume(name: 'sf' | 'hs', proxy: CrmProxy, firstKill: { from: number; to: number }): Promise<void> {
    const args = ['writeback', '--connection', name, '--json'];
    let kills = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const killAtWrite = attempt === 0 ? firstKill.from + Math.floor(rand() * (firstKill.to - firstKill.from + 1)) : 1 + Math.floor(rand() * 2);
      const pendingBefore = await pendingRows(name);
      const res = await runCli(env, args, proxy, { killAtWrite, extraMs: Math.floor(rand() * (HOLD_MS - 150)) });
      if (res.signal !== 'SIGKILL') {
        expect(res.code).toBe(0); // finished before the chosen write: nothing left to kill
        break;
      }
      kills++;
      expect(res.killedWithInFlight).toBeGreaterThan(0);
      // Ledger rows committed as pending before the CRM call and never completed: the kill was mid-write.
      expect(await pendingRows(name)).toBeGreaterThan(pendingBefore);
      const running: Array<{ n: number }> = await db.dataSource.query(`SELECT count(*)::int AS n FROM write_back_runs WHERE connection_id = $1 AND status = 'running'`, [ids[name]]);
      expect(running[0].n).toBeGreaterThan(0);
    }
    expect(kills).toBeGreaterThan(0);
    const resumed = await runCli(env, args, proxy);
    expect({ code: resumed.code, out: resumed.stdout.slice(-300) }).toMatchObject({ code: 0 });
    const summary = lastJson<Array<{ status: string; failed: number; tasks: { failed: number } }>>(resumed.stdout)[0];
    expect(summary).toMatchObject({ status: 'succeeded', failed: 0, tasks: { failed: 0 } });
    const before = proxy.total;
    const third = await runCli(env, args, proxy);
    expect(third.code).toBe(0);
    const quiet = lastJson<Array<{ apiCalls: number; changed: number; tasks: { apiCalls: number } }>>(third.stdout)[0];
    expect(quiet).toMatchObject({ apiCalls: 0, changed: 0, tasks: { apiCalls: 0 } });
    expect(proxy.total).toBe(before);
  }

  async function pendingRows(name: 'sf' | 'hs'): Promise<number> {
    const rows: Array<{ n: number }> = await db.dataSource.query(`SELECT count(*)::int AS n FROM write_back_ledger WHERE connection_id = $1 AND status = 'pending'`, [ids[name]]);
    return rows[0].n;
  }

  it('Salesforce: fields equal our scores, one Task per open recommendation, third run makes no call', async () => {
    // Account fields (1 Composite call for 300) and tasks (1 Composite upsert): 2 writes per full run.
    await killThenResume('sf', sfProxy, { from: 1, to: 2 });
    const conn = new Connection({ instanceUrl: sf.baseUrl, accessToken: sf.clientCredentials.accessToken, version: '60.0' });
    const { scores, open } = await expected(ids.sf);
    expect(scores.size).toBe(ACCOUNTS);
    const accounts = (await conn.query<Record<string, unknown>>('SELECT Id, ABM_Score__c, ABM_Tier__c, ABM_Reasons__c FROM Account').run({ autoFetch: true, maxFetch: 10_000 })).records;
    const got = new Map(accounts.map((a) => [String(a.Id), { score: a.ABM_Score__c, tier: a.ABM_Tier__c }]));
    for (const [crmId, want] of scores) expect({ crmId, ...got.get(crmId) }).toEqual({ crmId, ...want });
    const tasks = (await conn.query<Record<string, unknown>>('SELECT Id, ABM_Recommendation_Id__c, WhatId, IsClosed FROM Task').run({ autoFetch: true, maxFetch: 10_000 })).records;
    expect(tasks.length).toBe(open.size);
    expect(new Set(tasks.map((t) => t.ABM_Recommendation_Id__c)).size).toBe(open.size);
    for (const t of tasks) expect({ ext: t.ABM_Recommendation_Id__c, what: t.WhatId, closed: t.IsClosed }).toEqual({ ext: t.ABM_Recommendation_Id__c, what: open.get(String(t.ABM_Recommendation_Id__c)), closed: false });
  }, 240_000);

  it('HubSpot: properties equal our scores, one task per open recommendation linked to its company, third run makes no call', async () => {
    // 3 batch updates, 3 task upserts, 3 association batches per full run. The first kill lands while a
    // task upsert is in flight: those tasks exist in HubSpot, unlinked, and the ledger never heard of them.
    await killThenResume('hs', hsProxy, { from: 4, to: 6 });
    const client = new Client({ accessToken: hs.privateAppToken, basePath: hs.url });
    const { scores, open } = await expected(ids.hs);
    const companies = await client.crm.companies.getAll(100, undefined, ['abm_score', 'abm_tier']);
    const got = new Map(companies.map((c) => [c.id, { score: Number(c.properties.abm_score), tier: c.properties.abm_tier }]));
    expect(scores.size).toBe(ACCOUNTS);
    for (const [crmId, want] of scores) expect({ crmId, ...got.get(crmId) }).toEqual({ crmId, ...want });
    const tasks: Array<{ id: string; properties: Record<string, string | null> }> = [];
    let after: string | undefined;
    do {
      const page = await client.crm.objects.basicApi.getPage('tasks', 100, after, ['abm_recommendation_id', 'hs_task_status']);
      tasks.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    expect(tasks.length).toBe(open.size);
    expect(new Set(tasks.map((t) => t.properties.abm_recommendation_id)).size).toBe(open.size);
    for (const t of tasks) {
      const links = await client.crm.associations.v4.basicApi.getPage('tasks', t.id, 'companies');
      const ext = String(t.properties.abm_recommendation_id);
      expect({ ext, status: t.properties.hs_task_status, companies: links.results.map((l) => String(l.toObjectId)) }).toEqual({ ext, status: 'NOT_STARTED', companies: [open.get(ext)] });
    }
  }, 240_000);
});
