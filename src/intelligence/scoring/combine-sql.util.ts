import type { ScoringDefinition } from '../config/scoring-definition.types';
import { ScoringSqlContext, SqlParams } from './sql-params.util';

type Statement = { sql: string; params: unknown[] };

/**
 * The account score: Σ weight · component (each 0–100) and its tier; factors from every component in one list.
 * Creates `sc_final(account_id, score, tier, fit, engagement, committee, loyalty, factors)`.
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
      SELECT account_id, round(score::numeric, 2)::float8 AS score,
             CASE WHEN score >= ${p.add(t.A, 'float8')} THEN 'A' WHEN score >= ${p.add(t.B, 'float8')} THEN 'B'
                  WHEN score >= ${p.add(t.C, 'float8')} THEN 'C' ELSE 'D' END AS tier,
             fit, engagement, committee, loyalty, factors
      FROM j`,
    params: p.values,
  };
}

/**
 * The change since the account's previous score, in words: for every signal whose contribution moved by at least
 * half a point, "+12: CFO joined the committee" / "−8: support cases doubled (3 → 6)", largest first (at most
 * five). Only accounts whose factors changed are compared. Creates `sc_delta(account_id, delta, reasons)`.
 * The previous score is the current one for live runs, the newest earlier backtest for backtests.
 * Packed factors: [signal, raw, contribution, decay, detail] (see packed-factor.util.ts).
 */
export function deltaSql(ctx: ScoringSqlContext, backtest: boolean, labels: Record<string, string>, ids: string[] | null = null): Statement {
  const p = new SqlParams();
  // A few accounts: their ids as an index condition too, so the lookup stays an index probe even when the
  // statistics of account_scores are stale (right after a full run the current-score index looks empty).
  const only = ids ? ` AND x.account_id = ANY(${p.add(ids, 'uuid[]')})` : '';
  const prevFilter = backtest
    ? `SELECT DISTINCT ON (x.account_id) x.account_id, x.score, x.factors FROM account_scores x JOIN sc_scope s ON s.account_id = x.account_id
       JOIN scoring_runs r ON r.id = x.scoring_run_id AND r.kind = 'backtest'
       WHERE x.as_of < ${p.add(ctx.asOf, 'timestamptz')}${only} ORDER BY x.account_id, x.as_of DESC, x.computed_at DESC`
    : `SELECT x.account_id, x.score, x.factors FROM account_scores x JOIN sc_scope s ON s.account_id = x.account_id WHERE x.is_current${only}`;
  const keys = Object.keys(labels);
  const label = `coalesce(lb.label, signal)`;
  const cRaw = `(ce -> 1)`;
  const oRaw = `(oe -> 1)`;
  const num = (e: string) => `(${e} ->> 1)::float8`;
  const who = `coalesce(ce ->> 4, ${label})`;
  return {
    sql: `CREATE TEMP TABLE sc_delta ON COMMIT DROP AS
      WITH prev AS (${prevFilter}),
      changed AS (
        SELECT f.account_id, f.factors AS cur, pv.factors AS old, f.score - pv.score AS delta
        FROM sc_final f JOIN prev pv ON pv.account_id = f.account_id
      ), pairs AS (
        SELECT ch.account_id, coalesce(x.ce ->> 0, x.oe ->> 0) AS signal,
               coalesce((x.ce ->> 2)::float8, 0) - coalesce((x.oe ->> 2)::float8, 0) AS diff, x.ce, x.oe
        FROM changed ch
        CROSS JOIN LATERAL (
          SELECT c.e AS ce, o.e AS oe FROM jsonb_array_elements(ch.cur) c(e)
          FULL JOIN jsonb_array_elements(ch.old) o(e) ON o.e ->> 0 = c.e ->> 0
        ) AS x
        WHERE ch.cur IS DISTINCT FROM ch.old
      ), worded AS (
        SELECT pr.account_id, pr.diff,
          CASE WHEN pr.diff > 0 THEN '+' ELSE '−' END || round(abs(pr.diff)::numeric)::text || ': ' ||
          CASE
            WHEN signal LIKE 'committee.role.%' THEN
              CASE WHEN diff > 0 AND oe IS NULL THEN ${who} || ' joined the committee'
                   WHEN diff > 0 THEN ${who} || ' (' || ${label} || ') became engaged'
                   WHEN ce IS NULL THEN ${label} || ' left the committee'
                   ELSE ${label} || ' went silent' END
            WHEN signal = 'committee.threading' THEN CASE WHEN diff > 0 THEN 'now multi-threaded' ELSE 'became single-threaded' END
            WHEN signal = 'loyalty.renewal_window' THEN
              CASE WHEN diff > 0 THEN 'T-' || (ce ->> 4) || ' renewal window opened' ELSE 'renewal window closed' END
            WHEN ce IS NULL THEN ${label} || CASE WHEN signal LIKE 'engagement.%' THEN ' aged out' ELSE ' no longer counts' END
            WHEN oe IS NULL THEN CASE WHEN signal LIKE 'engagement.%' THEN 'new ' || ${label} ELSE ${label} || ' now counts' END
            WHEN jsonb_typeof(${cRaw}) = 'number' AND jsonb_typeof(${oRaw}) = 'number' THEN
              CASE
                WHEN ${num('oe')} = ${num('ce')} THEN ${label} || CASE WHEN diff < 0 THEN ' faded with time' ELSE ' weigh more' END
                WHEN ${num('oe')} > 0 AND ${num('ce')} >= 2 * ${num('oe')} THEN ${label} || ' doubled (' || (oe ->> 1) || ' → ' || (ce ->> 1) || ')'
                WHEN ${num('ce')} > 0 AND ${num('oe')} >= 2 * ${num('ce')} THEN ${label} || ' halved (' || (oe ->> 1) || ' → ' || (ce ->> 1) || ')'
                ELSE ${label} || CASE WHEN ${num('ce')} > ${num('oe')} THEN ' rose' ELSE ' fell' END || ' from ' || (oe ->> 1) || ' to ' || (ce ->> 1)
              END
            WHEN ${cRaw} IS DISTINCT FROM ${oRaw} THEN ${label} || ' changed from ' || coalesce(oe ->> 1, 'none') || ' to ' || coalesce(ce ->> 1, 'none')
            ELSE ${label} || CASE WHEN diff > 0 THEN ' counts more' ELSE ' counts less' END
          END AS reason
        FROM pairs pr
        LEFT JOIN unnest(${p.add(keys, 'text[]')}, ${p.add(keys.map((k) => labels[k]), 'text[]')}) AS lb(lsignal, label) ON lb.lsignal = pr.signal
        WHERE abs(pr.diff) >= 0.5
      ), ranked AS (
        SELECT account_id, diff, reason, row_number() OVER (PARTITION BY account_id ORDER BY abs(diff) DESC, reason) AS rn FROM worded
      ), agg AS (
        SELECT account_id, jsonb_agg(reason ORDER BY rn) AS reasons FROM ranked WHERE rn <= 5 GROUP BY account_id
      )
      SELECT ch.account_id, round(ch.delta::numeric, 2)::float8 AS delta, coalesce(agg.reasons, '[]'::jsonb) AS reasons
      FROM changed ch LEFT JOIN agg ON agg.account_id = ch.account_id`,
    params: p.values,
  };
}
