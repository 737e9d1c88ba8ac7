import { useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: nobody filled in the account's contact roles, but the reps named people on the deals. On the open
 * Salesforce opportunity the "Finance Business Partner" is the economic buyer (her title alone says little), and on
 * a HubSpot deal the "Platform Lead" is labelled technical evaluator although his title makes him look like a
 * decision maker. Roles named on deals are set in the CRM, so they win over title inference. A deal deleted since
 * and a deal created after the scoring date name nobody; neither does a contact attached to a deal without a role.
 */
describe('roles named on deals join the committee', () => {
  const scenario = useScenarioDatabase();

  it('takes opportunity contact roles and deal labels as CRM-set roles, ignoring deleted and later deals', async () => {
    const asOf = new Date('2026-06-01T08:00:00Z');
    const account = await scenario.fx.account({ industry: 'Software' });
    const partner = await scenario.fx.contact(account, 'Finance Business Partner');
    const lead = await scenario.fx.contact(account, 'Platform Lead');
    await scenario.fx.role(account, lead, 'decision_maker', 'inferred_title', 0.9);
    const counsel = await scenario.fx.contact(account, 'Counsel');
    const buyer = await scenario.fx.contact(account, 'Buyer');
    const watcher = await scenario.fx.contact(account, 'Analyst');

    const open = await scenario.fx.opportunity(account, { createdAt: new Date('2026-03-01T00:00:00Z') });
    await scenario.fx.opportunityRole(open, partner, 'economic_buyer');
    await scenario.fx.opportunityRole(open, watcher, null);
    const hubspotDeal = await scenario.fx.opportunity(account, { createdAt: new Date('2026-04-01T00:00:00Z') });
    await scenario.fx.opportunityRole(hubspotDeal, lead, 'technical_evaluator', 'hubspot');
    const deleted = await scenario.fx.opportunity(account, { createdAt: new Date('2025-01-01T00:00:00Z'), deletedAt: new Date('2026-05-01T00:00:00Z') });
    await scenario.fx.opportunityRole(deleted, counsel, 'legal_compliance');
    const later = await scenario.fx.opportunity(account, { createdAt: new Date('2026-07-01T00:00:00Z') });
    await scenario.fx.opportunityRole(later, buyer, 'procurement');

    await scenario.fx.score(asOf);
    const committee = await scenario.fx.query.committee(account);
    const byRole = Object.fromEntries(committee.members.map((m) => [m.role, { title: m.title, source: m.source, evidence: m.evidence }]));
    expect(byRole).toEqual({
      economic_buyer: { title: 'Finance Business Partner', source: 'crm', evidence: ['sf_opportunity_contact_role'] },
      technical_evaluator: { title: 'Platform Lead', source: 'crm', evidence: ['hs_deal_contact_label'] },
    });
    expect(committee.missingRoles).toEqual(['decision_maker', 'champion', 'procurement', 'legal_compliance']);
  });
});
