import { useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: the title classifier thinks the "Director, Platform" is a technical evaluator, but the rep marked
 * her as the champion in Salesforce. The CRM wins. A weak title guess (below the confidence floor) is ignored,
 * and the person who signs the contracts shows up as economic buyer from the license records.
 */
describe('a role set in the CRM beats an inferred one', () => {
  const scenario = useScenarioDatabase();

  it('resolves the committee with CRM roles first, then records, then confident title inference', async () => {
    const account = await scenario.fx.account({ industry: 'Software' });
    const director = await scenario.fx.contact(account, 'Director, Platform');
    await scenario.fx.role(account, director, 'technical_evaluator', 'inferred_title', 0.9);
    await scenario.fx.role(account, director, 'champion', 'sf_account_contact_relation');
    const vague = await scenario.fx.contact(account, 'Associate');
    await scenario.fx.role(account, vague, 'decision_maker', 'inferred_title', 0.3);
    const signer = await scenario.fx.contact(account, 'Controller');
    await scenario.fx.license(account, { kind: 'contract', event: 'purchase', start: '2025-01-01', end: '2027-01-01', contactId: signer });
    await scenario.fx.score(new Date('2026-06-01T08:00:00Z'));

    const committee = await scenario.fx.query.committee(account);
    const byRole = Object.fromEntries(committee.members.map((m) => [m.role, { title: m.title, source: m.source }]));
    expect(byRole).toEqual({
      champion: { title: 'Director, Platform', source: 'crm' },
      economic_buyer: { title: 'Controller', source: 'records' },
    });
    expect(committee.missingRoles).toEqual(['decision_maker', 'technical_evaluator', 'procurement', 'legal_compliance']);
    expect(committee.coverage).toBeCloseTo(2 / 6, 5);
  });
});
