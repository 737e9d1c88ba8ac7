import { ScoringFixture, useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: two identical accounts whose CFO met us three times last month; at one of them the CFO has opted
 * out of e-mail. An opted-out person is never counted as engaged: no engagement, a silent committee member.
 */
describe('an opted-out contact never counts as engaged', () => {
  const scenario = useScenarioDatabase();
  const asOf = new Date('2026-06-01T08:00:00Z');


  async function accountWithCfo(optedOut: boolean): Promise<string> {
    const account = await scenario.fx.account({ industry: 'Software', employees: 500 });
    const cfo = await scenario.fx.contact(account, 'CFO', { emailOptOut: optedOut });
    await scenario.fx.role(account, cfo, 'economic_buyer', 'sf_account_contact_relation');
    for (const day of [5, 12, 20]) await scenario.fx.activity(account, cfo, 'meeting', new Date(asOf.getTime() - day * 86_400_000));
    return account;
  }

  it('scores the opted-out CFO as silent and adds no engagement', async () => {
    const reachable = await accountWithCfo(false);
    const optedOut = await accountWithCfo(true);
    await scenario.fx.score(asOf);
    const a = await scenario.fx.current(reachable);
    const b = await scenario.fx.current(optedOut);

    expect(a.components.engagement).toBeGreaterThan(50);
    expect(b.components.engagement).toBe(0);
    expect(ScoringFixture.factor(a, 'committee.role.economic_buyer')?.rawValue).toBe('engaged');
    expect(ScoringFixture.factor(b, 'committee.role.economic_buyer')?.rawValue).toBe('silent');
    const committee = await scenario.fx.query.committee(optedOut);
    expect(committee.members).toEqual([expect.objectContaining({ role: 'economic_buyer', source: 'crm', engaged: false })]);
    expect(committee.singleThreaded).toBe(true);
  });
});
