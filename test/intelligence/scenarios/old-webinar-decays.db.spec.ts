import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: someone from the account attended a webinar on 1 May. Events have a 30-day half-life, so a month
 * later the webinar counts half and two months later a quarter; the score says why it fell.
 */
describe('an old webinar decays', () => {
  const scenario = useScenarioDatabase();

  it('halves every 30 days and explains the drop', async () => {
    const account = await scenario.fx.account({ industry: 'Retail' });
    await scenario.fx.activity(account, null, 'event', new Date('2026-05-01T15:00:00Z'));

    await scenario.fx.score(new Date('2026-05-01T15:00:00Z'));
    const fresh = await scenario.fx.current(account);
    await scenario.fx.score(new Date('2026-05-31T15:00:00Z'));
    const month = await scenario.fx.current(account);
    await scenario.fx.score(new Date('2026-06-30T15:00:00Z'));
    const twoMonths = await scenario.fx.current(account);

    expect(ScoringFixture.factor(fresh, 'engagement.event')?.decay).toBeCloseTo(1, 3);
    expect(ScoringFixture.factor(month, 'engagement.event')?.decay).toBeCloseTo(0.5, 3);
    expect(ScoringFixture.factor(twoMonths, 'engagement.event')?.decay).toBeCloseTo(0.25, 3);
    // engagement = 100·(1 − e^(−weight·decay / saturation)), weight 2, saturation 6.
    expect(fresh.components.engagement).toBeCloseTo(100 * (1 - Math.exp(-2 / 6)), 1);
    expect(month.components.engagement).toBeCloseTo(100 * (1 - Math.exp(-1 / 6)), 1);
    expect(month.score).toBeLessThan(fresh.score);
    expect(month.reasons).toEqual(['−3: events and webinars faded with time']);
  });
});
