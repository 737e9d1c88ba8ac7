import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: a customer's subscription renews on 25 August 2026. Ninety-five days before, the T-120 window is
 * open; at 85 days the T-90 window opens and the renewal weighs more in the score.
 */
describe('a renewal 85 days away opens the T-90 window', () => {
  const scenario = useScenarioDatabase();

  it('moves from the T-120 to the T-90 window as the date approaches', async () => {
    const account = await scenario.fx.account({ industry: 'Software' });
    await scenario.fx.license(account, { kind: 'subscription', event: 'purchase', start: '2025-08-25', end: '2026-08-25', quantity: 20, amount: 24000 });

    await scenario.fx.score(new Date('2026-05-22T08:00:00Z'));
    const at95 = ScoringFixture.factor(await scenario.fx.current(account), 'loyalty.renewal_window');
    expect(at95?.rawValue).toBe(95);
    expect(at95?.text).toBe('Renewal in 95 days: T-120 window open');

    await scenario.fx.score(new Date('2026-06-01T08:00:00Z'));
    const at85 = ScoringFixture.factor(await scenario.fx.current(account), 'loyalty.renewal_window');
    expect(at85?.text).toBe('Renewal in 85 days: T-90 window open');
    // Default config: T-120 adds 4 loyalty points, T-90 adds 6; loyalty weighs 0.15 of the score.
    expect(at95?.contribution).toBeCloseTo(4 * 0.15, 2);
    expect(at85?.contribution).toBeCloseTo(6 * 0.15, 2);
  });
});
