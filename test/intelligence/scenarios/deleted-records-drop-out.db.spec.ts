import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: records get deleted in the CRM. A deleted meeting no longer counts, a deleted contact leaves the
 * committee, and a deleted account drops out of the scores altogether (it has no current score any more).
 */
describe('deleted records drop out of scores', () => {
  const scenario = useScenarioDatabase();
  const asOf = new Date('2026-06-01T08:00:00Z');


  it('forgets deleted activities, contacts and accounts', async () => {
    const kept = await scenario.fx.account({ industry: 'Software' });
    const gone = await scenario.fx.account({ industry: 'Software' });
    const cfo = await scenario.fx.contact(kept, 'CFO');
    await scenario.fx.role(kept, cfo, 'economic_buyer', 'hs_buying_role');
    const meeting = await scenario.fx.activity(kept, null, 'meeting', new Date(asOf.getTime() - 3 * 86_400_000));
    await scenario.fx.score(asOf);
    expect((await scenario.fx.current(kept)).components.engagement).toBeGreaterThan(0);
    expect((await scenario.fx.query.list({ sort: 'score', limit: 10, offset: 0 })).map((a) => a.id).sort()).toEqual([kept, gone].sort());

    await scenario.dataSource.query(`UPDATE activities SET deleted_at = $2 WHERE id = $1`, [meeting, asOf]);
    await scenario.dataSource.query(`UPDATE contacts SET deleted_at = $2 WHERE id = $1`, [cfo, asOf]);
    await scenario.dataSource.query(`UPDATE accounts SET deleted_at = $2 WHERE id = $1`, [gone, asOf]);
    const run = await scenario.fx.score(new Date(asOf.getTime() + 3_600_000));

    const after = await scenario.fx.current(kept);
    expect(after.components.engagement).toBe(0);
    expect(ScoringFixture.factor(after, 'committee.role.economic_buyer')?.rawValue).toBe('missing');
    expect(after.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^−\d+: meetings aged out$/), expect.stringMatching(/^−\d+: economic buyer left the committee$/)]));
    expect(run.accountsScored).toBe(1);
    expect(run.accountsRetired).toBe(1);
    expect((await scenario.fx.query.accountScore(gone)).current).toBeNull();
    expect((await scenario.fx.query.list({ sort: 'score', limit: 10, offset: 0 })).map((a) => a.id)).toEqual([kept]);
  });
});
