import type { ScoringDefinition } from '../config/scoring-definition.types';
import { SqlParams } from './sql-params.util';

type Statement = { sql: string; params: unknown[] };

/**
 * The account score: Σ weight · component (each 0–100) and its tier; factors from every component in one list.
 * Creates `sc_final(id, account_id, score, tier, fit, engagement, committee, loyalty, factors)`; `id` is the
 * account_scores row it becomes, so the current-score pointers can be set from here.
 */
export function finalSql(def: ScoringDefinition, weights: ScoringDefinition['weights']): Statement {
  const p = new SqlParams();
  const t = def.tiers;
  return {
    sql: `CREATE TEMP TABLE sc_final ON COMMIT DROP AS
      WITH j AS (
        SELECT s.account_id, f.fit, e.engagement, c.committee, l.loyalty,
               (${weights.fit} * f.fit + ${weights.engagement} * e.engagement + ${weights.committee} * c.committee + ${weights.loyalty} * l.loyalty) AS score,
               ('[' || concat_ws(',', nullif(f.ftext, ''), nullif(e.ftext, ''), nullif(c.ftext, ''), nullif(l.ftext, '')) || ']')::jsonb AS factors
        FROM sc_scope s
        JOIN sc_fit f ON f.account_id = s.account_id
        JOIN sc_engagement e ON e.account_id = s.account_id
        JOIN sc_committee c ON c.account_id = s.account_id
        JOIN sc_loyalty l ON l.account_id = s.account_id
      )
      SELECT gen_random_uuid() AS id, account_id, round(score::numeric, 2)::float8 AS score,
             CASE WHEN score >= ${p.add(t.A, 'float8')} THEN 'A' WHEN score >= ${p.add(t.B, 'float8')} THEN 'B'
                  WHEN score >= ${p.add(t.C, 'float8')} THEN 'C' ELSE 'D' END AS tier,
             fit, engagement, committee, loyalty, factors
      FROM j`,
    params: p.values,
  };
}
