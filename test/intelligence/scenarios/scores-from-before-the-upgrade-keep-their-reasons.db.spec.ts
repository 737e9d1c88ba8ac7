import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: an installation upgrades while it holds scores stored before contribution arrays existed. The
 * upgrade computes each old score's arrays exactly as a scoring run would, so the first run after it still says
 * what changed, comparing position by position as usual.
 */
describe('scores from before the upgrade keep their change reasons', () => {
  const scenario = useScenarioDatabase();
  const MIGRATION = 'ScoreContributionArrays';

  it('gives old scores the arrays a run computes, and the next run words the change', async () => {
    const fx = scenario.fx;
    const ds = scenario.dataSource;
    const customer = await fx.account({ industry: 'Software', employees: 800, technologies: ['Salesforce'] });
    await fx.license(customer, { kind: 'subscription', event: 'purchase', start: '2024-03-01', end: '2027-03-01', quantity: 40, amount: 48000 });
    await fx.license(customer, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-05-10T10:00:00Z') });
    await fx.license(customer, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-05-20T10:00:00Z') });
    const cfo = await fx.contact(customer, 'CFO');
    await fx.role(customer, cfo, 'economic_buyer');
    await fx.activity(customer, cfo, 'meeting', new Date('2026-05-25T10:00:00Z'));
    const prospect = await fx.account({ industry: 'Retail' });
    await fx.score(new Date('2026-06-01T08:00:00Z'));

    const stored = async () =>
      (await ds.query(
        `SELECT account_id, contributions_x100, factor_signature::text AS signature, factors::text AS factors FROM account_scores ORDER BY account_id`,
      )) as Array<{ account_id: string; contributions_x100: number[]; signature: string; factors: string }>;
    const computedByRun = await stored();
    expect(computedByRun).toHaveLength(2);
    expect(computedByRun.every((r) => r.contributions_x100.length === JSON.parse(r.factors).length)).toBe(true);

    // Back to the schema before the upgrade: factors as jsonb, no arrays.
    for (;;) {
      const [last] = (await ds.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`)) as Array<{ name: string }>;
      await ds.undoLastMigration();
      if (last.name.startsWith(MIGRATION)) break;
    }
    const [before] = (await ds.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'account_scores' AND column_name = 'factors'`)) as Array<{ data_type: string }>;
    expect(before.data_type).toBe('jsonb');

    await ds.runMigrations();
    const upgraded = await stored();
    expect(upgraded.map((r) => [r.account_id, r.contributions_x100, r.signature])).toEqual(computedByRun.map((r) => [r.account_id, r.contributions_x100, r.signature]));
    expect(upgraded.map((r) => JSON.parse(r.factors))).toEqual(computedByRun.map((r) => JSON.parse(r.factors)));

    await fx.license(customer, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-06-03T10:00:00Z') });
    await fx.license(customer, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-06-05T10:00:00Z') });
    await fx.score(new Date('2026-06-08T08:00:00Z'));
    expect((await fx.current(customer)).reasons).toContain('−1: support cases doubled (2 → 4)');
    expect((await fx.current(prospect)).reasons).toEqual([]);
  });
});
