import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: an account's buying committee gains its economic buyer (a CFO) between two scoring runs.
 * The marketer should see the score rise, and the reason in words: "+N: CFO joined the committee".
 */
describe('a CFO joins the buying committee', () => {
  const scenario = useScenarioDatabase();
  const today = new Date('2026-06-01T09:00:00Z');
  const tomorrow = new Date('2026-06-02T09:00:00Z');


  it('adds the economic-buyer share of the committee to the score and says so', async () => {
    const account = await scenario.fx.account({ industry: 'Software', employees: 800 });
    const champion = await scenario.fx.contact(account, 'Head of Marketing Operations');
    await scenario.fx.role(account, champion, 'champion');
    await scenario.fx.score(today);
    const before = await scenario.fx.current(account);
    expect(ScoringFixture.factor(before, 'committee.role.economic_buyer')?.rawValue).toBe('missing');

    const cfo = await scenario.fx.contact(account, 'CFO');
    await scenario.fx.role(account, cfo, 'economic_buyer', 'inferred_title', 0.92);
    await scenario.fx.score(tomorrow, [account]);
    const after = await scenario.fx.current(account);

    // Default template: six roles, coverage share 0.6, committee weight 0.25 → 0.6 / 6 × 100 × 0.25 = 2.5 points.
    expect(after.score - before.score).toBeCloseTo(2.5, 1);
    expect(ScoringFixture.factor(after, 'committee.role.economic_buyer')?.rawValue).toBe('silent');
    expect(after.reasons).toEqual(['+3: CFO joined the committee']);
    expect(after.delta).toBeCloseTo(2.5, 1);
  });
});
