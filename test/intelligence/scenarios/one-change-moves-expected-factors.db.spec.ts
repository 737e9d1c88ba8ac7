import { useScenarioDatabase } from '../support/scoring-fixture';
import type { PackedFactor } from '../../../src/intelligence/entities/account-score.entity';

/**
 * Scenario: rescoring at the same moment after exactly one change in the CRM moves exactly the factors that
 * depend on it: a contact's new title (so a new inferred role) touches only the committee; a renewal date
 * moved closer touches only the renewal window and the expiring entitlements.
 */
describe('one change moves exactly the expected factors', () => {
  const scenario = useScenarioDatabase();
  const asOf = new Date('2026-06-01T08:00:00Z');


  async function packed(account: string): Promise<Map<string, string>> {
    const [row] = await scenario.dataSource.query(`SELECT s.factors FROM account_current_scores cs JOIN account_scores s ON s.id = cs.score_id WHERE cs.account_id = $1`, [account]);
    return new Map((row.factors as PackedFactor[]).map((f) => [f[0], JSON.stringify(f)]));
  }
  function changed(a: Map<string, string>, b: Map<string, string>): string[] {
    return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
  }

  it('title change → committee factors only; renewal date → renewal window and expiring only', async () => {
    const account = await scenario.fx.account({ industry: 'Software', employees: 1200, technologies: ['Salesforce'] });
    const person = await scenario.fx.contact(account, 'Senior Engineer');
    await scenario.fx.role(account, person, 'technical_evaluator', 'inferred_title', 0.8);
    const other = await scenario.fx.contact(account, 'Head of Procurement');
    await scenario.fx.role(account, other, 'procurement', 'inferred_title', 0.9);
    await scenario.fx.activity(account, person, 'meeting', new Date(asOf.getTime() - 10 * 86_400_000));
    const sub = await scenario.fx.license(account, { kind: 'subscription', event: 'renewal', start: '2025-12-01', end: '2026-12-01', quantity: 30, amount: 30000 });
    await scenario.fx.score(asOf);
    const base = await packed(account);

    // The classifier re-reads the new title "CTO" and replaces its inferred role.
    await scenario.dataSource.query(`UPDATE contacts SET title = 'CTO' WHERE id = $1`, [person]);
    await scenario.dataSource.query(`UPDATE account_contact_roles SET role = 'decision_maker' WHERE contact_id = $1 AND source = 'inferred_title'`, [person]);
    await scenario.fx.score(asOf, [account]);
    const afterTitle = await packed(account);
    expect(changed(base, afterTitle)).toEqual(['committee.role.decision_maker', 'committee.role.technical_evaluator']);

    await scenario.dataSource.query(`UPDATE license_records SET end_date = '2026-08-20' WHERE id = $1`, [sub]);
    await scenario.fx.score(asOf, [account]);
    expect(changed(afterTitle, await packed(account))).toEqual(['loyalty.expiring', 'loyalty.renewal_window']);
  });
});
