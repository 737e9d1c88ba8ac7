import { useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: we wrote five follow-up tasks into the CRM for an account that has not answered. Our own tasks
 * are not the customer's engagement; one call they took is.
 */
describe('our own tasks never count as engagement', () => {
  const scenario = useScenarioDatabase();
  const asOf = new Date('2026-06-01T08:00:00Z');


  it('ignores is_ours activities and outbound e-mails, counts the call', async () => {
    const account = await scenario.fx.account({ industry: 'Healthcare' });
    const contact = await scenario.fx.contact(account, 'IT Director');
    for (let i = 1; i <= 5; i++) await scenario.fx.activity(account, contact, 'task', new Date(asOf.getTime() - i * 86_400_000), { isOurs: true });
    await scenario.fx.activity(account, contact, 'email', new Date(asOf.getTime() - 86_400_000), { direction: 'outbound' });
    await scenario.fx.score(asOf);
    expect((await scenario.fx.current(account)).components.engagement).toBe(0);

    await scenario.fx.activity(account, contact, 'call', new Date(asOf.getTime() - 2 * 86_400_000));
    await scenario.fx.score(asOf, [account]);
    const after = await scenario.fx.current(account);
    expect(after.factors.filter((f) => f.component === 'engagement').map((f) => [f.signal, f.rawValue])).toEqual([['engagement.call', 1]]);
    expect(after.reasons[0]).toMatch(/^\+\d+: new calls$/);
  });
});
