import { ScoreConfigService } from '../../src/intelligence/config/score-config.service';
import { AuditService } from '../../src/platform/audit/audit.service';
import { ScoreFactorsService } from '../../src/recommendations/engine/score-factors.service';
import { CardService } from '../../src/write-back/card/card.service';
import { WriteBackPlanner } from '../../src/write-back/engine/write-back-planner.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seedConnection } from './support/write-back-seed.util';

jest.setTimeout(60_000);

/** Scores as the scoring engine stores them: packed factors, words from the definition of their config version. */
describe('packed score factors become reasons in the CRM fields and the card', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('expands [signal, raw, contribution, decay, detail] with the scoring definition', async () => {
    const ds = db.dataSource;
    const conn = await seedConnection(ds, { name: 'hs', provider: 'hubspot', baseUrl: 'http://127.0.0.1:9', secrets: {} });
    const [{ id }] = await ds.query(`INSERT INTO accounts (name, normalized_name) VALUES ('Packed Co', 'packed co') RETURNING id`);
    await ds.query(`INSERT INTO account_sources (connection_id, provider, object_type, crm_id, account_id, match_reason, fields) VALUES ($1, 'hubspot', 'companies', '777', $2, 'new', '{}')`, [conn, id]);
    await ds.query(
      `WITH ins AS (INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, config_version, model_version, as_of, computed_at)
       VALUES ($1, '00000000-0000-4000-8000-000000000001', 71, 'B', 50, 10, 11, 0, $2::jsonb, 0, 'v', now(), now()) RETURNING id, account_id)
       INSERT INTO account_current_scores (account_id, score_id) SELECT account_id, id FROM ins`,
      [id, JSON.stringify([['fit.industry', 'Computer Software', 18, null, '1'], ['committee.threading', 1, -4, null, 'default']])],
    );
    const factors = new ScoreFactorsService(new ScoreConfigService(ds, new AuditService(ds)));
    const plan = await new WriteBackPlanner(ds, factors).plan(conn, { object: 'companies', score: 'abm_score', tier: 'abm_tier', reasons: 'abm_score_reason', updatedAt: 'abm_score_updated_at' }, { overwriteHumanEdits: false, integrationUserId: null });
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0].fields.abm_score_reason).toBe('+18.0 Industry fit: Computer Software (matches); −4.0 Single-threaded risk: 1 engaged contact');
    const card = await new CardService(ds, factors).card('hubspot', 'companies', '777');
    expect(card.topReasons.map((r) => r.factor)).toEqual(['fit.industry', 'committee.threading']);
    expect(card.topReasons[0].text).toContain('Industry fit');
    // No loyalty factors (a prospect): no churn risk to show.
    expect(card.loyalty).toMatchObject({ churnRisk: null, churnRiskReason: null });
  });

  it('fills the card churn risk from the loyalty model: value and what drives it, in words', async () => {
    const ds = db.dataSource;
    const conn = await seedConnection(ds, { name: 'hs-churn', provider: 'hubspot', baseUrl: 'http://127.0.0.1:9', secrets: {} });
    const score = async (crmId: string, packed: unknown[]) => {
      const [{ id }] = await ds.query(`INSERT INTO accounts (name, normalized_name) VALUES ($1, $1) RETURNING id`, [`churn ${crmId}`]);
      await ds.query(`INSERT INTO account_sources (connection_id, provider, object_type, crm_id, account_id, match_reason, fields) VALUES ($1, 'hubspot', 'companies', $2, $3, 'new', '{}')`, [conn, crmId, id]);
      await ds.query(
        `WITH ins AS (INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, config_version, model_version, as_of, computed_at)
         VALUES ($1, '00000000-0000-4000-8000-000000000001', 40, 'C', 20, 10, 5, 30, $2::jsonb, 0, 'v', now(), now()) RETURNING id, account_id)
       INSERT INTO account_current_scores (account_id, score_id) SELECT account_id, id FROM ins`,
        [id, JSON.stringify(packed)],
      );
    };
    // As loyalty-sql.util.ts stores them: [signal, raw, contribution, decay, detail].
    await score('901', [['loyalty.base', 50, 5, null, null], ['loyalty.lapses', 2, -4, null, null], ['loyalty.seats_trend', 0.7, -2, null, '70/100'], ['loyalty.renewals', 3, 3, null, null], ['loyalty.churn_risk', 0.624, 0, null, null]]);
    await score('902', [['loyalty.base', 50, 5, null, null], ['loyalty.tenure', 4.25, 2, null, null], ['loyalty.churn_risk', 0.08, 0, null, null]]);
    const cards = new CardService(ds, new ScoreFactorsService(new ScoreConfigService(ds, new AuditService(ds))));
    const high = await cards.card('hubspot', 'companies', '901');
    expect(high.loyalty.churnRisk).toBeCloseTo(0.624, 3);
    expect(high.loyalty.churnRiskReason).toBe('High churn risk (62%): 2 lapsed or cancelled; seats 70 now vs 100 a year ago; offset by 3 renewals kept');
    const low = await cards.card('hubspot', 'companies', '902');
    expect(low.loyalty).toMatchObject({ churnRisk: 0.08, churnRiskReason: 'Low churn risk (8%): no lapses, downgrades, support load or shrinking seats; offset by customer for 4.3 years' });
  });
});
