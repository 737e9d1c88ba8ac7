import { useScenarioDatabase } from './support/scoring-fixture';
import { BacktestService } from '../../src/intelligence/scoring/backtest.service';

/**
 * Draft → backtest → publish → roll back. A draft changes nothing until published; publishing changes the next
 * run's weights; rolling back restores the previous version (here the shipped default, version 0).
 */
describe('scoring configuration lifecycle', () => {
  const scenario = useScenarioDatabase();
  const asOf = new Date('2026-06-01T08:00:00Z');


  it('imports, backtests, publishes and rolls back', async () => {
    const account = await scenario.fx.account({ industry: 'Software', employees: 5000 });
    const won = await scenario.fx.account({ industry: 'Software', employees: 5000 });
    const lost = await scenario.fx.account({ industry: 'Hospitality', employees: 20 });
    for (const [acct, isWon] of [[won, true], [lost, false]] as const) {
      await scenario.dataSource.query(
        `INSERT INTO opportunities (account_id, name, is_closed, is_won, close_date, connection_id, provider, object_type, crm_id)
         VALUES ($1, 'Deal', true, $2, '2026-03-01', $3, 'salesforce', 'Opportunity', $4)`,
        [acct, isWon, scenario.fx.connectionId, `O-${acct}`],
      );
    }
    await scenario.fx.score(asOf);
    const before = await scenario.fx.current(account);
    expect(before.configVersion).toBe(0);

    const draft = await scenario.fx.configs.importDraft('name: fit only\nweights: { fit: 1, engagement: 0, committee: 0, loyalty: 0 }\n', 'test');
    expect(draft).toMatchObject({ version: 1, status: 'draft' });
    await scenario.fx.score(asOf);
    expect((await scenario.fx.current(account)).score).toBe(before.score);

    const report = await new BacktestService(scenario.dataSource, scenario.fx.engine, scenario.fx.configs).backtest(1, new Date('2026-01-01T00:00:00Z'));
    expect(report.accountsWithOutcomes).toBe(2);
    expect(report.auc).toBe(1);
    expect((await scenario.fx.configs.list()).find((c) => c.version === 1)?.backtest).toMatchObject({ auc: 1 });

    await scenario.fx.configs.publish(1, 'test');
    await scenario.fx.score(asOf);
    const published = await scenario.fx.current(account);
    expect(published.configVersion).toBe(1);
    expect(published.score).toBeCloseTo(published.components.fit, 1);

    const active = await scenario.fx.configs.rollback(1, 'test');
    expect(active.version).toBe(0);
    await scenario.fx.score(asOf);
    expect((await scenario.fx.current(account)).score).toBeCloseTo(before.score, 5);
    expect(await scenario.fx.configs.exportYaml(1)).toContain('name: fit only');
  });

  it('rejects an invalid draft with the field named', async () => {
    await expect(scenario.fx.configs.importDraft('weights: { fit: -1 }', 'test')).rejects.toThrow(/weights\.fit must be a number/);
  });
});
