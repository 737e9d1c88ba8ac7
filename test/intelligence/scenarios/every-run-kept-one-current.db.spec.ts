import { days, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: an account is scored night after night. Every run keeps its own score row with the full
 * decomposition; exactly one of them is the current score, and it is always the newest live one. A backtest
 * never becomes current, and rescoring one account moves only that account's current score.
 */
describe('every run is kept, one score is current', () => {
  const scenario = useScenarioDatabase();
  const asOf = new Date('2026-06-01T08:00:00Z');

  it('keeps each run with its factors and points at the newest live one', async () => {
    const acme = await scenario.fx.account({ industry: 'Software', employees: 800 });
    const other = await scenario.fx.account({ industry: 'Retail' });
    const cfo = await scenario.fx.contact(acme, 'CFO');
    await scenario.fx.role(acme, cfo, 'economic_buyer', 'hs_buying_role');
    await scenario.fx.activity(acme, cfo, 'meeting', new Date(asOf.getTime() - days(2)));

    const first = await scenario.fx.score(asOf);
    // Same signals a day later, one more meeting: the factor lists line up and the change is put in words.
    await scenario.fx.activity(acme, cfo, 'meeting', new Date(asOf.getTime() + days(1) - 3_600_000));
    const second = await scenario.fx.score(new Date(asOf.getTime() + days(1)));
    // A new kind of signal appears (a webinar): the lists no longer line up and are matched by signal.
    await scenario.fx.activity(acme, cfo, 'event', new Date(asOf.getTime() + days(2) - 3_600_000));
    const third = await scenario.fx.score(new Date(asOf.getTime() + days(2)));
    await scenario.fx.engine.run({ kind: 'backtest', asOf: new Date(asOf.getTime() - days(30)) });

    const rows = (await scenario.dataSource.query(
      `SELECT s.scoring_run_id, s.factors, s.delta, s.delta_reasons, (cs.score_id IS NOT NULL) AS current
       FROM account_scores s JOIN scoring_runs r ON r.id = s.scoring_run_id AND r.kind = 'full'
       LEFT JOIN account_current_scores cs ON cs.score_id = s.id
       WHERE s.account_id = $1 ORDER BY s.computed_at`,
      [acme],
    )) as Array<{ scoring_run_id: string; factors: Array<[string, unknown, number]>; delta: number | null; delta_reasons: string[]; current: boolean }>;
    expect(rows.map((r) => r.scoring_run_id)).toEqual([first.runId, second.runId, third.runId]);
    expect(rows.map((r) => r.current)).toEqual([false, false, true]);
    for (const r of rows) expect(r.factors.map((f) => f[0])).toEqual(expect.arrayContaining(['fit.industry', 'engagement.meeting', 'committee.role.economic_buyer']));
    expect(rows[0].delta).toBeNull();
    expect(rows[1].delta_reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^\+\d+: meetings doubled \(1 → 2\)$/)]));
    expect(rows[2].delta_reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^\+\d+: new events and webinars$/)]));

    // The API shows the same: the newest run is current, history lists all three.
    const view = await scenario.fx.query.accountScore(acme);
    expect(view.current?.computedAt).toBe(view.history[0].computedAt);
    expect(view.history).toHaveLength(3);

    // Rescoring one account moves its own current score only.
    const before = await currentIds(scenario.dataSource);
    await scenario.fx.score(new Date(asOf.getTime() + days(3)), [other]);
    const after = await currentIds(scenario.dataSource);
    expect(after.get(acme)).toBe(before.get(acme));
    expect(after.get(other)).not.toBe(before.get(other));
    expect(after.size).toBe(2);
  });
});

async function currentIds(ds: { query: (sql: string) => Promise<Array<{ account_id: string; score_id: string }>> }): Promise<Map<string, string>> {
  const rows = await ds.query(`SELECT account_id, score_id FROM account_current_scores`);
  return new Map(rows.map((r) => [r.account_id, r.score_id]));
}
