import { Account } from '../../src/account-graph/entities/account.entity';
import { AccountSource } from '../../src/account-graph/entities/account-source.entity';
import { AccountScore } from '../../src/intelligence/entities/account-score.entity';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('database (migrated from empty)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('creates every table and generates UUIDs with gen_random_uuid()', async () => {
    const tables: Array<{ table_name: string }> = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    const names = tables.map((t) => t.table_name);
    for (const t of ['accounts', 'contacts', 'account_sources', 'license_records', 'account_scores', 'write_back_ledger', 'audit_log', 'api_tokens', 'recommendations', 'nurture_tracks', 'sync_cursors', 'quarantined_records']) {
      expect(names).toContain(t);
    }
    const account = await db.dataSource.getRepository(Account).save({ name: 'Acme Korea', normalizedName: 'acme korea', domain: 'acme.co.kr', country: 'KR' });
    expect(account.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps one account with records from both CRMs, unique per CRM identity', async () => {
    const accounts = db.dataSource.getRepository(Account);
    const sources = db.dataSource.getRepository(AccountSource);
    const account = await accounts.save({ name: 'Globex', normalizedName: 'globex', domain: 'globex.com' });
    const sf = { connectionId: '00000000-0000-4000-8000-000000000001', provider: 'salesforce' as const, objectType: 'Account', crmId: '001000000000001AAA', crmModifiedAt: null, crmModifiedBy: null };
    const hs = { connectionId: '00000000-0000-4000-8000-000000000002', provider: 'hubspot' as const, objectType: 'companies', crmId: '9001', crmModifiedAt: null, crmModifiedBy: null };
    await sources.save({ crm: sf, accountId: account.id, matchReason: 'new', fields: { Name: 'Globex' }, deletedAt: null, mergedIntoCrmId: null });
    await sources.save({ crm: hs, accountId: account.id, matchReason: 'domain', fields: { name: 'Globex Inc' }, deletedAt: null, mergedIntoCrmId: null });
    const linked = await sources.find({ where: { accountId: account.id } });
    expect(linked.map((s) => s.crm.provider).sort()).toEqual(['hubspot', 'salesforce']);
    await expect(sources.insert({ crm: sf, accountId: account.id, matchReason: 'new', fields: {} })).rejects.toThrow(/duplicate key/);
  });

  it('keeps score history with the factor decomposition', async () => {
    const account = await db.dataSource.getRepository(Account).save({ name: 'Initech', normalizedName: 'initech' });
    const scores = db.dataSource.getRepository(AccountScore);
    const base = { accountId: account.id, scoringRunId: account.id, tier: 'B' as const, fit: 50, engagement: 40, committee: 30, loyalty: 60, delta: null, deltaReasons: [], configVersion: 1, modelVersion: 'rules-1', asOf: new Date(), computedAt: new Date() };
    // Factors are stored packed: [signal, raw value, contribution, decay, detail].
    await scores.save({ ...base, score: 61, factors: [['fit.industry', 'Software', 10, null, 'Industry matches the ICP']] });
    await scores.save({ ...base, score: 73, factors: [] });
    const history = await scores.find({ where: { accountId: account.id }, order: { score: 'ASC' } });
    expect(history.map((h) => h.score)).toEqual([61, 73]);
    expect(history[0].factors[0][0]).toBe('fit.industry');
    expect(history[0].factors[0][2]).toBe(10);
  });
});
