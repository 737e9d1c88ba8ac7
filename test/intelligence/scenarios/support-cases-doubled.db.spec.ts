import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: a customer had two medium-severity support cases this quarter; a week later they have four.
 * The loyalty part of the score drops and the change reads "support cases doubled".
 */
describe('support cases doubled', () => {
  const scenario = useScenarioDatabase();

  it('costs loyalty points and says so', async () => {
    const account = await scenario.fx.account({ industry: 'Manufacturing' });
    await scenario.fx.license(account, { kind: 'subscription', event: 'purchase', start: '2025-01-01', end: '2027-01-01', quantity: 50, amount: 60000 });
    await scenario.fx.license(account, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-05-10T10:00:00Z') });
    await scenario.fx.license(account, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-05-20T10:00:00Z') });
    await scenario.fx.score(new Date('2026-06-01T08:00:00Z'));
    const before = await scenario.fx.current(account);

    await scenario.fx.license(account, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-06-03T10:00:00Z') });
    await scenario.fx.license(account, { kind: 'support_case', severity: 'medium', openedAt: new Date('2026-06-05T10:00:00Z') });
    await scenario.fx.score(new Date('2026-06-08T08:00:00Z'), [account]);
    const after = await scenario.fx.current(account);

    const cases = ScoringFixture.factor(after, 'loyalty.support_cases');
    expect(cases?.rawValue).toBe(4);
    // Medium weighs 2, each weighted case costs 2 loyalty points, loyalty weighs 0.15: 4 cases = −2.4.
    expect(cases?.contribution).toBeCloseTo(-4 * 2 * 2 * 0.15, 2);
    expect(after.components.loyalty).toBeLessThan(before.components.loyalty);
    expect(after.reasons).toContain('−1: support cases doubled (2 → 4)');
  });
});
