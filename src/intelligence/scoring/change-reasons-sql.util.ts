import { ScoringSqlContext, SqlParams } from './sql-params.util';

type Statement = { sql: string; params: unknown[] };

/** |contribution change| of a factor pair below which it is not worth a reason, in hundredths of a point. */
const MIN_DIFF_X100 = 50;

/**
 * The change since the account's previous score, in words: for every signal whose contribution moved by at least
 * half a point, "+12: CFO joined the committee" / "−8: support cases doubled (3 → 6)", largest first (at most
 * five). Creates `sc_delta(account_id, delta, reasons)` for every account that had a previous score.
 * The previous score is the current one for live runs, the newest earlier backtest for backtests.
 * Packed factors: [signal, raw, contribution, decay, detail] (see packed-factor.util.ts).
 *
 * Two statements, because almost every account changes a little every day (decay, tenure) and almost none by
 * half a point: the first compares each account's two contribution arrays position by position, keeping only the
 * pairs that moved enough (`sc_delta_pairs`, a few per hundred accounts); the second puts those few into words.
 */
export function deltaSql(ctx: ScoringSqlContext, backtest: boolean, labels: Record<string, string>, ids: string[] | null = null): Statement[] {
  return [pairsSql(ctx, backtest, ids), wordsSql(labels)];
}

/** The previous score of each account in scope: `(account_id, score, factors, contributions_x100, factor_signature)`. */
function previousSql(p: SqlParams, ctx: ScoringSqlContext, backtest: boolean, ids: string[] | null): string {
  // A few accounts: their ids as an index condition too, so the lookup stays an index probe whatever the
  // statistics say.
  if (backtest) {
    const only = ids ? ` AND x.account_id = ANY(${p.add(ids, 'uuid[]')})` : '';
    return `SELECT DISTINCT ON (x.account_id) x.account_id, x.score, x.factors, x.contributions_x100, x.factor_signature FROM account_scores x JOIN sc_scope s ON s.account_id = x.account_id
       JOIN scoring_runs r ON r.id = x.scoring_run_id AND r.kind = 'backtest'
       WHERE x.as_of < ${p.add(ctx.asOf, 'timestamptz')}${only} ORDER BY x.account_id, x.as_of DESC, x.computed_at DESC`;
  }
  // account_scores keeps every run's history, so the previous rows are probed by primary key, one per account
  // (LATERAL … LIMIT 1 stays a per-row probe even where the run disables nested-loop joins): a join would scan
  // the whole history, which grows by one row per account every night.
  const only = ids ? ` WHERE cs.account_id = ANY(${p.add(ids, 'uuid[]')})` : '';
  return `SELECT cs.account_id, x.score, x.factors, x.contributions_x100, x.factor_signature
       FROM account_current_scores cs JOIN sc_scope s ON s.account_id = cs.account_id
       CROSS JOIN LATERAL (SELECT x.score, x.factors, x.contributions_x100, x.factor_signature FROM account_scores x WHERE x.id = cs.score_id LIMIT 1) x${only}`;
}

/**
 * `sc_delta_pairs(account_id, delta, pairs)`: pairs = jsonb array of [current entry, previous entry] (JSON null
 * for a side without the signal) whose contributions differ by half a point or more; NULL when none did.
 *
 * Both lists come out of the same SQL in the same signal order, so when the signal lists match (same hash) the
 * contribution arrays are compared position by position, and only the entries of the few pairs that moved are
 * read from the factor lists. When they differ (a role joined, an engagement type appeared, a new configuration)
 * the two lists are parsed and paired by signal name.
 */
function pairsSql(ctx: ScoringSqlContext, backtest: boolean, ids: string[] | null): Statement {
  const p = new SqlParams();
  const x100 = (e: string) => `coalesce(round((${e} ->> 2)::numeric * 100), 0)`;
  return {
    sql: `CREATE TEMP TABLE sc_delta_pairs ON COMMIT DROP AS
      SELECT f.account_id, round((f.score - pv.score)::numeric, 2)::float8 AS delta,
             CASE WHEN f.factor_signature = pv.factor_signature THEN z.pairs ELSE fj.pairs END AS pairs
      FROM sc_final f
      JOIN (${previousSql(p, ctx, backtest, ids)}) pv ON pv.account_id = f.account_id
      LEFT JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_array((f.factors -> (z.i - 1)::int)::jsonb, (pv.factors -> (z.i - 1)::int)::jsonb) ORDER BY z.i) AS pairs
        FROM unnest(f.contributions_x100, pv.contributions_x100) WITH ORDINALITY AS z(c, o, i)
        WHERE f.factor_signature = pv.factor_signature AND abs(z.c - z.o) >= ${MIN_DIFF_X100}
      ) z ON true
      LEFT JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_array(c.e, o.e)) AS pairs
        FROM jsonb_array_elements(f.factors::jsonb) c(e) FULL JOIN jsonb_array_elements(pv.factors::jsonb) o(e) ON (o.e ->> 0) = (c.e ->> 0)
        WHERE f.factor_signature <> pv.factor_signature AND abs(${x100('c.e')} - ${x100('o.e')}) >= ${MIN_DIFF_X100}
      ) fj ON true`,
    params: p.values,
  };
}

/** `sc_delta(account_id, delta, reasons)`: the pairs in words, largest first, at most five per account. */
function wordsSql(labels: Record<string, string>): Statement {
  const p = new SqlParams();
  const keys = Object.keys(labels);
  const label = `coalesce(lb.label, signal)`;
  const cRaw = `(ce -> 1)`;
  const oRaw = `(oe -> 1)`;
  const num = (e: string) => `(${e} ->> 1)::float8`;
  const who = `coalesce(ce ->> 4, ${label})`;
  return {
    sql: `CREATE TEMP TABLE sc_delta ON COMMIT DROP AS
      WITH pairs AS (
        SELECT d.account_id, coalesce(x.ce ->> 0, x.oe ->> 0) AS signal,
               coalesce((x.ce ->> 2)::float8, 0) - coalesce((x.oe ->> 2)::float8, 0) AS diff, x.ce, x.oe
        FROM sc_delta_pairs d
        CROSS JOIN LATERAL (SELECT nullif(e -> 0, 'null'::jsonb) AS ce, nullif(e -> 1, 'null'::jsonb) AS oe FROM jsonb_array_elements(d.pairs) e) AS x
        WHERE d.pairs IS NOT NULL
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
      ), ranked AS (
        SELECT account_id, diff, reason, row_number() OVER (PARTITION BY account_id ORDER BY abs(diff) DESC, reason) AS rn FROM worded
      ), agg AS (
        SELECT account_id, jsonb_agg(reason ORDER BY rn) AS reasons FROM ranked WHERE rn <= 5 GROUP BY account_id
      )
      SELECT d.account_id, d.delta, coalesce(agg.reasons, '[]'::jsonb) AS reasons
      FROM sc_delta_pairs d LEFT JOIN agg ON agg.account_id = d.account_id`,
    params: p.values,
  };
}
