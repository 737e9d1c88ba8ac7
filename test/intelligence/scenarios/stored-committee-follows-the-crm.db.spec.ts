import { useScenarioDatabase } from '../support/scoring-fixture';

/**
 * Scenario: the committee a rep sees is the one stored by the last run. A week later the general counsel has
 * left, the CFO has started replying, and a new VP of Engineering has been named technical evaluator in the
 * CRM. The nightly run updates exactly those memberships and leaves the unchanged ones untouched.
 */
describe('the stored committee follows the CRM', () => {
  const scenario = useScenarioDatabase();

  it('removes who left, updates who changed, adds who joined, and rewrites nobody else', async () => {
    const fx = scenario.fx;
    const ds = scenario.dataSource;
    const account = await fx.account({ industry: 'Software' });
    const cfo = await fx.contact(account, 'CFO');
    const ceo = await fx.contact(account, 'CEO');
    const counsel = await fx.contact(account, 'General Counsel');
    await fx.role(account, cfo, 'economic_buyer');
    await fx.role(account, ceo, 'decision_maker', 'sf_account_contact_relation', 1);
    await fx.role(account, counsel, 'legal_compliance');
    await fx.score(new Date('2026-06-01T08:00:00Z'));

    const stored = async () =>
      (await ds.query(`SELECT contact_id, role, engaged, updated_at FROM committee_memberships WHERE account_id = $1 ORDER BY role`, [account])) as Array<{
        contact_id: string; role: string; engaged: boolean; updated_at: Date;
      }>;
    const before = await stored();
    expect(before.map((m) => [m.role, m.engaged])).toEqual([['decision_maker', false], ['economic_buyer', false], ['legal_compliance', false]]);

    await ds.query(`UPDATE account_contact_roles SET deleted_at = '2026-06-03T00:00:00Z' WHERE contact_id = $1`, [counsel]);
    await fx.activity(account, cfo, 'meeting', new Date('2026-06-05T10:00:00Z'));
    const vp = await fx.contact(account, 'VP Engineering');
    await fx.role(account, vp, 'technical_evaluator', 'hs_buying_role', 1);
    await fx.score(new Date('2026-06-08T08:00:00Z'));

    const after = await stored();
    expect(after.map((m) => [m.role, m.engaged])).toEqual([['decision_maker', false], ['economic_buyer', true], ['technical_evaluator', false]]);
    expect(after.find((m) => m.role === 'technical_evaluator')?.contact_id).toBe(vp);
    const ceoBefore = before.find((m) => m.contact_id === ceo)!;
    const ceoAfter = after.find((m) => m.contact_id === ceo)!;
    expect(new Date(ceoAfter.updated_at).getTime()).toBe(new Date(ceoBefore.updated_at).getTime());
    const cfoBefore = before.find((m) => m.contact_id === cfo)!;
    const cfoAfter = after.find((m) => m.contact_id === cfo)!;
    expect(new Date(cfoAfter.updated_at).getTime()).toBeGreaterThan(new Date(cfoBefore.updated_at).getTime());

    const committee = await fx.query.committee(account);
    expect(committee.missingRoles).not.toContain('technical_evaluator');
  });
});
