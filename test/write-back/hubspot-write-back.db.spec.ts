import { Client } from '@hubspot/api-client';
import { startHubspotSandbox, type HubspotSandbox } from '../../src/sandbox/hubspot';
import { WriteBackLedgerService } from '../../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { WriteBackService } from '../../src/write-back/engine/write-back.service';
import { SetupService } from '../../src/write-back/setup/setup.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { bumpScores, seedConnection, seedScoredAccounts, testWriterFactory } from './support/write-back-seed.util';

const COUNT = 300;
jest.setTimeout(60_000);

describe('write-back into the HubSpot sandbox', () => {
  let db: TestDatabase;
  let sandbox: HubspotSandbox;
  let client: Client;
  let service: WriteBackService;
  let setup: SetupService;
  let connectionId: string;
  let accountIds: string[];
  let companyIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    sandbox = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' } });
    client = new Client({ accessToken: sandbox.privateAppToken, basePath: sandbox.url });
    companyIds = [];
    for (let i = 0; i < COUNT; i++) companyIds.push(String(sandbox.store.create('companies', { name: `Company ${i}`, domain: `c${i}.example` }).id));
    connectionId = await seedConnection(db.dataSource, { name: 'hs', provider: 'hubspot', baseUrl: sandbox.url, secrets: { accessToken: sandbox.privateAppToken } });
    accountIds = await seedScoredAccounts(db.dataSource, connectionId, 'hubspot', 'companies', companyIds);
    const writers = testWriterFactory(db.dataSource);
    service = new WriteBackService(db.dataSource, new WriteBackPlanner(db.dataSource), new WriteBackLedgerService(db.dataSource), writers);
    setup = new SetupService(service, writers);
  });

  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  async function crmValues(ids: string[]): Promise<Map<string, Record<string, string | null>>> {
    const out = new Map<string, Record<string, string | null>>();
    for (let i = 0; i < ids.length; i += 100) {
      const res = await client.crm.companies.batchApi.read({ inputs: ids.slice(i, i + 100).map((id) => ({ id })), properties: ['abm_score', 'abm_tier', 'abm_score_reason'], propertiesWithHistory: [] });
      for (const r of res.results) out.set(r.id, r.properties);
    }
    return out;
  }

  async function ourValues(): Promise<Map<string, { score: number; tier: string }>> {
    const rows: Array<{ crm_id: string; score: number; tier: string }> = await db.dataSource.query(
      `SELECT s.crm_id, sc.score, sc.tier FROM account_sources s JOIN account_current_scores cs ON cs.account_id = s.account_id JOIN account_scores sc ON sc.id = cs.score_id WHERE s.connection_id = $1`,
      [connectionId],
    );
    return new Map(rows.map((r) => [r.crm_id, { score: Math.round(Number(r.score) * 10) / 10, tier: r.tier }]));
  }

  it('setup creates the property group and four company properties, and is idempotent', async () => {
    const first = await setup.setup('hs', { remove: false, dryRun: false });
    expect(first.ok).toBe(true);
    expect(first.items.filter((i) => i.object === 'companies' && i.kind === 'property').map((i) => i.status)).toEqual(['created', 'created', 'created', 'created']);
    const second = await setup.setup('hs', { remove: false, dryRun: false });
    expect(second.items.every((i) => i.status === 'present')).toBe(true);
    const props = await client.crm.properties.coreApi.getAll('companies');
    expect(props.results.filter((p) => p.groupName === 'abm_plugin').map((p) => p.name).sort()).toEqual(['abm_score', 'abm_score_reason', 'abm_score_updated_at', 'abm_tier']);
  });

  it('writes every score in ceil(n/100) batch calls, and the CRM reads back equal to our scores', async () => {
    sandbox.calls.reset();
    const summary = await service.run(connectionId);
    expect(summary).toMatchObject({ changed: COUNT, written: COUNT, failed: 0, status: 'succeeded' });
    expect(summary.apiCalls).toBe(Math.ceil(COUNT / 100));
    expect(sandbox.calls.snapshot().total).toBe(Math.ceil(COUNT / 100));
    const crm = await crmValues(companyIds);
    const ours = await ourValues();
    for (const [id, v] of ours) {
      expect(Number(crm.get(id)?.abm_score)).toBe(v.score);
      expect(crm.get(id)?.abm_tier).toBe(v.tier);
      if (v.score > 0) expect(crm.get(id)?.abm_score_reason).toContain('Industry matches the ideal profile');
      else expect(crm.get(id)?.abm_score_reason ?? '').toBe('');
    }
  });

  it('a second run with nothing changed makes zero API calls', async () => {
    sandbox.calls.reset();
    const summary = await service.run(connectionId);
    expect(summary).toMatchObject({ changed: 0, unchanged: COUNT, apiCalls: 0 });
    expect(sandbox.calls.snapshot().total).toBe(0);
  });

  it('with 2% changed it sends only those, in the minimum number of calls; the dry run predicts them exactly', async () => {
    const changed = accountIds.slice(0, Math.round(COUNT * 0.02));
    await bumpScores(db.dataSource, changed);
    sandbox.calls.reset();
    const dry = await service.run(connectionId, { dryRun: true });
    expect(sandbox.calls.snapshot().total).toBe(0);
    expect(dry.planned?.length).toBe(changed.length);
    const summary = await service.run(connectionId);
    expect(summary.written).toBe(changed.length);
    expect(summary.apiCalls).toBe(Math.ceil(changed.length / 100));
    expect(summary.apiCalls).toBe(dry.apiCalls);
    const crm = await crmValues(companyIds);
    const ours = await ourValues();
    for (const [id, v] of ours) expect(Number(crm.get(id)?.abm_score)).toBe(v.score);
  });

  it('retries only the inputs that failed in a 207 and ends with every value written', async () => {
    await bumpScores(db.dataSource, accountIds);
    sandbox.faults.configure({ partialBatchRate: 0.1, seed: 7 });
    try {
      const summary = await service.run(connectionId);
      expect(summary).toMatchObject({ written: COUNT, failed: 0 });
      expect(summary.apiCalls).toBeGreaterThan(Math.ceil(COUNT / 100));
    } finally {
      sandbox.faults.configure({ partialBatchRate: 0 });
    }
    const crm = await crmValues(companyIds);
    for (const [id, v] of await ourValues()) expect(Number(crm.get(id)?.abm_score)).toBe(v.score);
    const again = await service.run(connectionId);
    expect(again.apiCalls).toBe(0);
  });

  it('setup --remove archives the properties and group it created', async () => {
    const dry = await setup.setup('hs', { remove: true, dryRun: true });
    expect(dry.items.filter((i) => i.kind === 'property').every((i) => i.status === 'archived')).toBe(true);
    expect((await client.crm.properties.coreApi.getAll('companies')).results.some((p) => p.name === 'abm_score')).toBe(true);
    const removed = await setup.setup('hs', { remove: true, dryRun: false });
    expect(removed.items.filter((i) => i.object === 'companies' && i.kind === 'property').map((i) => i.status)).toEqual(['archived', 'archived', 'archived', 'archived']);
    const live = await client.crm.properties.coreApi.getAll('companies');
    expect(live.results.filter((p) => p.name.startsWith('abm_'))).toEqual([]);
    const again = await setup.setup('hs', { remove: true, dryRun: false });
    expect(again.items.filter((i) => i.kind === 'property').every((i) => i.status === 'absent')).toBe(true);
  });
});
