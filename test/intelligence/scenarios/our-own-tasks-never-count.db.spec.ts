import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { ScoringFixture } from '../support/scoring-fixture';

/**
 * Scenario: we wrote five follow-up tasks into the CRM for an account that has not answered. Our own tasks
 * are not the customer's engagement; one call they took is.
 */
describe('our own tasks never count as engagement', () => {
  let db: TestDatabase;
  let fx: ScoringFixture;
  const asOf = new Date('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    fx = new ScoringFixture(db.dataSource);
  });
  afterAll(() => db.close());

  it('ignores is_ours activities and outbound e-mails, counts the call', async () => {
    const account = await fx.account({ industry: 'Healthcare' });
    const contact = await fx.contact(account, 'IT Director');
    for (let i = 1; i <= 5; i++) await fx.activity(account, contact, 'task', new Date(asOf.getTime() - i * 86_400_000), { isOurs: true });
    await fx.activity(account, contact, 'email', new Date(asOf.getTime() - 86_400_000), { direction: 'outbound' });
    await fx.score(asOf);
    expect((await fx.current(account)).components.engagement).toBe(0);

    await fx.activity(account, contact, 'call', new Date(asOf.getTime() - 2 * 86_400_000));
    await fx.score(asOf, [account]);
    const after = await fx.current(account);
    expect(after.factors.filter((f) => f.component === 'engagement').map((f) => [f.signal, f.rawValue])).toEqual([['engagement.call', 1]]);
    expect(after.reasons[0]).toMatch(/^\+\d+: new calls$/);
  });
});
