import type { ScoringDefinition } from '../config/scoring-definition.types';
import { FACTOR_COLUMNS, FactorSql, SqlParams } from './sql-params.util';

type Statement = { sql: string; params: unknown[] };

/**
 * The account score: Σ weight · component (each 0–100) and its tier; factors from every component in one list.
 * Creates `sc_final(id, account_id, score, tier, fit, engagement, committee, loyalty, factors, contributions_x100,
 * factor_signature)`; `id` is the account_scores row it becomes, so the current-score pointers can be set from here.
 * The factor list is stored as `json` (validated, kept as built): `jsonb` would parse every number into a numeric
 * and double the row. The contributions (hundredths of a point, in list order) and a 64-bit hash of the signal
 * names in order are what the next run's change reasons compare.
 */
export function finalSql(def: ScoringDefinition, weights: ScoringDefinition['weights'], runStartedMs: number): Statement {
  const p = new SqlParams();
  // Time-ordered row ids (UUID version 7: the run's start in milliseconds, then random bits): a run's new rows sit
  // side by side at the end of the primary key instead of dirtying a random page of a history-sized index each.
  const hex = runStartedMs.toString(16).padStart(12, '0');
  const id = `overlay(overlay(gen_random_uuid()::text PLACING ${p.add(`${hex.slice(0, 8)}-${hex.slice(8)}`, 'text')} FROM 1 FOR 13) PLACING '7' FROM 15 FOR 1)::uuid`;
  const t = def.tiers;
  // Each component's lists in component order; nullif: a component without factors yields '', which concat_ws would
  // keep as an empty item.
  const all = (k: keyof FactorSql) => `concat_ws(',', ${['f', 'e', 'c', 'l'].map((a) => `nullif(${a}.${FACTOR_COLUMNS[k]}, '')`).join(', ')})`;
  return {
    sql: `CREATE TEMP TABLE sc_final ON COMMIT DROP AS
      WITH j AS (
        SELECT s.account_id, f.fit, e.engagement, c.committee, l.loyalty,
               (${weights.fit} * f.fit + ${weights.engagement} * e.engagement + ${weights.committee} * c.committee + ${weights.loyalty} * l.loyalty) AS score,
               ('[' || ${all('entry')} || ']')::json AS factors,
               ('{' || ${all('hundredths')} || '}')::int[] AS contributions_x100,
               hashtextextended(${all('signal')}, 0) AS factor_signature
        FROM sc_scope s
        JOIN sc_fit f ON f.account_id = s.account_id
        JOIN sc_engagement e ON e.account_id = s.account_id
        JOIN sc_committee c ON c.account_id = s.account_id
        JOIN sc_loyalty l ON l.account_id = s.account_id
      )
      SELECT ${id} AS id, account_id, round(score::numeric, 2)::float8 AS score,
             CASE WHEN score >= ${p.add(t.A, 'float8')} THEN 'A' WHEN score >= ${p.add(t.B, 'float8')} THEN 'B'
                  WHEN score >= ${p.add(t.C, 'float8')} THEN 'C' ELSE 'D' END AS tier,
             fit, engagement, committee, loyalty, factors, contributions_x100, factor_signature
      FROM j`,
    params: p.values,
  };
}
