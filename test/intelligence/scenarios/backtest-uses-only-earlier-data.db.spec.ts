import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: a marketer backtests "as of 1 January 2026". Meetings and purchases after that date must not leak
 * into the past score, and a backtest never replaces today's score.
 */
describe('a backtest sees only data from before its date', () => {
  const scenario = useScenarioDatabase();

  it('scores the past without later activities or licenses and keeps the current score', async () => {
    const account = await scenario.fx.account({ industry: 'Software' });
    await scenario.fx.activity(account, null, 'meeting', new Date('2025-12-20T10:00:00Z'));
    await scenario.fx.activity(account, null, 'meeting', new Date('2026-03-01T10:00:00Z'));
    await scenario.fx.license(account, { kind: 'subscription', event: 'purchase', start: '2026-02-01', end: '2027-02-01', amount: 1000 });
    await scenario.fx.score(new Date('2026-06-01T00:00:00Z'));
    const today = await scenario.fx.current(account);

    const past = await scenario.fx.engine.run({ kind: 'backtest', asOf: new Date('2026-01-01T00:00:00Z') });
    const [row] = await scenario.dataSource.query(`SELECT s.factors, EXISTS (SELECT 1 FROM account_current_scores cs WHERE cs.score_id = s.id) AS is_current FROM account_scores s WHERE s.scoring_run_id = $1`, [past.runId]);
    const signals = Object.fromEntries((row.factors as Array<[string, unknown]>).map((f) => [f[0], f[1]]));

    expect(signals['engagement.meeting']).toBe(1);
    expect(signals['loyalty.prospect']).toBeNull(); // no license yet: neutral prospect
    expect(signals['loyalty.base']).toBeUndefined();
    expect(row.is_current).toBe(false);
    expect((await scenario.fx.current(account)).computedAt).toBe(today.computedAt);
    expect(ScoringFixture.factor(today, 'engagement.meeting')?.rawValue).toBe(2);
  });
});
