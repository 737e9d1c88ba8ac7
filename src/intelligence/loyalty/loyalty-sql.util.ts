import type { ScoringDefinition } from '../config/scoring-definition.types';
import { asFactorColumns, factorCase, factorIf, factorList, packedFactor, ScoringSqlContext, SqlParams } from '../scoring/sql-params.util';

type Statement = { sql: string; params: unknown[] };

const TERM_KINDS = `('contract', 'subscription', 'license')`;
const OWNED_KINDS = `('entitlement', 'subscription', 'contract', 'license', 'asset')`;
const PURCHASE_EVENTS = `('purchase', 'renewal', 'upgrade')`;

/**
 * Per-account loyalty measurements from license and service records, as of `asOf` (records starting or cases
 * opened later are ignored; deleted ones too): tenure, renewals kept, lapses (cancellations), upgrades vs
 * downgrades, seats now vs a year earlier, severity-weighted support load in the last window and the one
 * before, entitlements about to expire, the next renewal date, RFM (last purchase, count, last-12-months amount).
 * Creates `sc_loyalty_raw`.
 */
export function loyaltyRawSql(def: ScoringDefinition, ctx: ScoringSqlContext): Statement {
  const p = new SqlParams();
  const l = def.loyalty;
  const asOf = p.add(ctx.asOf, 'timestamptz');
  const day = p.add(ctx.asOfDate, 'date');
  const win = `${p.add(l.supportWindowDays, 'int')} * interval '1 day'`;
  const sevKeys = Object.keys(l.severityWeights);
  const activeAt = (d: string) => `l.kind <> 'support_case' AND l.start_date <= ${d} AND (l.end_date IS NULL OR l.end_date > ${d}) AND l.event IS DISTINCT FROM 'cancellation'`;
  const sql = `CREATE TEMP TABLE sc_loyalty_raw ON COMMIT DROP AS
    SELECT l.account_id AS raw_account_id,
      count(*) FILTER (WHERE l.kind <> 'support_case')::int AS records,
      min(l.start_date) FILTER (WHERE l.kind <> 'support_case') AS first_start,
      count(*) FILTER (WHERE l.event = 'renewal')::int AS renewals,
      count(*) FILTER (WHERE l.event = 'cancellation' OR lower(coalesce(l.status, '')) IN ('cancelled', 'canceled', 'lapsed', 'churned'))::int AS lapses,
      count(*) FILTER (WHERE l.event = 'upgrade')::int AS upgrades,
      count(*) FILTER (WHERE l.event = 'downgrade')::int AS downgrades,
      coalesce(sum(coalesce(sev.w, 1)) FILTER (WHERE l.kind = 'support_case' AND l.opened_at > ${asOf} - ${win}), 0)::float8 AS cases_weighted,
      count(*) FILTER (WHERE l.kind = 'support_case' AND l.opened_at > ${asOf} - ${win})::int AS cases_recent,
      count(*) FILTER (WHERE l.kind = 'support_case' AND l.opened_at > ${asOf} - 2 * ${win} AND l.opened_at <= ${asOf} - ${win})::int AS cases_prior,
      count(*) FILTER (WHERE l.kind IN ${OWNED_KINDS} AND l.end_date >= ${day} AND l.end_date < ${day} + ${p.add(l.expiringWithinDays, 'int')}
                        AND l.event IS DISTINCT FROM 'cancellation')::int AS expiring,
      min(l.end_date) FILTER (WHERE l.kind IN ${TERM_KINDS} AND l.end_date >= ${day} AND l.event IS DISTINCT FROM 'cancellation') AS next_renewal,
      max(l.start_date) FILTER (WHERE l.event IN ${PURCHASE_EVENTS}) AS last_purchase,
      count(*) FILTER (WHERE l.event IN ${PURCHASE_EVENTS})::int AS frequency,
      coalesce(sum(l.amount) FILTER (WHERE l.event IN ${PURCHASE_EVENTS} AND l.start_date > ${day} - 365), 0)::float8 AS monetary_12m,
      sum(l.quantity) FILTER (WHERE ${activeAt(day)})::float8 AS seats_now,
      sum(l.quantity) FILTER (WHERE ${activeAt(`(${day} - 365)`)})::float8 AS seats_year_ago
    FROM sc_scope s
    JOIN license_records l ON l.account_id = s.account_id
    LEFT JOIN unnest(${p.add(sevKeys, 'text[]')}, ${p.add(sevKeys.map((k) => l.severityWeights[k]), 'float8[]')}) AS sev(k, w) ON sev.k = l.severity
    WHERE (l.deleted_at IS NULL OR l.deleted_at > ${asOf})
      AND (l.start_date IS NULL OR l.start_date <= ${day})
      AND (l.opened_at IS NULL OR l.opened_at <= ${asOf})
    GROUP BY l.account_id`;
  return { sql, params: p.values };
}

/**
 * The narrowest renewal window still open (`renewal_days` ≤ its days): a CASE over the windows sorted by days,
 * so each account costs a few comparisons instead of a sorted subquery per row.
 */
function windowCase(wins: ScoringDefinition['loyalty']['renewalWindows'], p: SqlParams, what: 'days' | 'points'): string {
  if (wins.length === 0) return what === 'days' ? 'NULL::int' : 'NULL::float8';
  const sorted = [...wins].sort((a, b) => a.days - b.days);
  const arms = sorted.map((w) => `WHEN renewal_days <= ${p.add(w.days, 'int')} THEN ${what === 'days' ? p.add(w.days, 'int') : p.add(w.points, 'float8')}`);
  return `(CASE ${arms.join(' ')} END)`;
}

/**
 * Loyalty = clamp(base + Σ points, 0, 100) for customers; prospects (no purchase records) get the neutral
 * `prospectScore`. Each measurement is a factor worth its points × the component weight; churn risk (a
 * rule-based logistic estimate) and lifetime value (annual value · r / (1 + d − r), r = 1 − churn) are shown
 * with no contribution of their own. The renewal window (T-180/-120/-90/-60) adds its points while open.
 * Creates `sc_loyalty(account_id, loyalty, churn_risk, clv, renewal_days, ftext, fhundredths, fsignals)` (packed factors;
 * zero ones left out).
 */
export function loyaltySql(def: ScoringDefinition, ctx: ScoringSqlContext, componentWeight: number): Statement {
  const p = new SqlParams();
  const l = def.loyalty;
  const day = p.add(ctx.asOfDate, 'date');
  const w = componentWeight;
  const wins = l.renewalWindows;
  const ch = l.churn;
  const e = (signal: string, cond: string, raw: string, points: string, detail = 'NULL') =>
    factorIf(cond, packedFactor(`'loyalty.${signal}'`, raw, `(${points}) * ${w}`, 'NULL', detail));
  const clv = `round((monetary_12m * (1 - churn_risk) / (1 + ${l.discountRate} - (1 - churn_risk)))::numeric)`;
  const sql = `CREATE TEMP TABLE sc_loyalty ON COMMIT DROP AS
    WITH m AS (
      SELECT s.account_id, r.*,
        greatest(0, (${day} - r.first_start)::float8 / 365.25) AS tenure_years,
        (${day} - r.next_renewal) * -1 AS renewal_days,
        (${day} - r.last_purchase) AS recency_days
      FROM sc_scope s LEFT JOIN sc_loyalty_raw r ON r.raw_account_id = s.account_id
    ), pts AS (
      SELECT m.*,
        least(tenure_years, ${l.tenureMaxYears}) * ${l.tenurePointsPerYear} AS p_tenure,
        least(renewals * ${l.renewalPoints}, ${l.renewalMaxPoints}) AS p_renewals,
        greatest(lapses * ${l.lapsePoints}, ${l.lapseMaxPoints}) AS p_lapses,
        least(upgrades * ${l.upgradePoints}, ${l.upgradeMaxPoints}) AS p_upgrades,
        greatest(downgrades * ${l.downgradePoints}, ${l.downgradeMaxPoints}) AS p_downgrades,
        CASE WHEN seats_year_ago > 0 AND seats_now IS NOT NULL
             THEN greatest(-1 * (${l.seatsMaxPoints}), least(${l.seatsMaxPoints}, (seats_now / seats_year_ago - 1) * ${l.seatsTrendPoints})) ELSE 0 END AS p_seats,
        greatest(cases_weighted * ${l.supportPointsPerWeightedCase}, ${l.supportMaxPoints}) AS p_support,
        greatest(expiring * ${l.expiringPoints}, ${l.expiringMaxPoints}) AS p_expiring,
        CASE WHEN recency_days IS NULL THEN 0 WHEN recency_days <= ${l.recentPurchaseDays} THEN ${l.recentPurchasePoints}
             WHEN recency_days >= ${l.stalePurchaseDays} THEN ${l.stalePurchasePoints} ELSE 0 END AS p_recency,
        ${windowCase(wins, p, 'days')} AS window_days,
        coalesce(${windowCase(wins, p, 'points')}, 0) AS p_window,
        1 / (1 + exp(-(${ch.intercept} + ${ch.lapses} * coalesce(lapses, 0) + ${ch.downgrades} * coalesce(downgrades, 0)
             + ${ch.renewals} * coalesce(renewals, 0) + ${ch.weightedCases} * coalesce(cases_weighted, 0)
             + ${ch.tenureYears} * coalesce(tenure_years, 0)
             + ${ch.seatsShrinking} * CASE WHEN seats_year_ago > 0 AND seats_now < seats_year_ago THEN 1 ELSE 0 END))) AS churn_risk
      FROM m
    ), tot AS MATERIALIZED (
      -- Materialised: inlined, every point expression above would be evaluated again in each factor list below.
      SELECT pts.*, ${l.base} + p_tenure + p_renewals + p_lapses + p_upgrades + p_downgrades + p_seats + p_support + p_expiring + p_recency + p_window AS unclamped
      FROM pts
    )
    SELECT account_id,
      CASE WHEN coalesce(records, 0) = 0 THEN ${l.prospectScore} ELSE greatest(0, least(100, unclamped)) END::float8 AS loyalty,
      CASE WHEN coalesce(records, 0) = 0 THEN NULL ELSE churn_risk END::float8 AS churn_risk,
      CASE WHEN coalesce(records, 0) = 0 THEN NULL ELSE monetary_12m * (1 - churn_risk) / (1 + ${l.discountRate} - (1 - churn_risk)) END::float8 AS clv,
      renewal_days,
      ${asFactorColumns(factorCase('coalesce(records, 0) = 0', packedFactor(`'loyalty.prospect'`, 'NULL::text', `${l.prospectScore} * ${w}`), factorList([
        packedFactor(`'loyalty.base'`, String(l.base), `${l.base} * ${w}`),
        e('tenure', 'tenure_years IS NOT NULL', 'round(tenure_years::numeric, 2)', 'p_tenure'),
        e('renewals', 'renewals > 0', 'renewals', 'p_renewals'),
        e('lapses', 'lapses > 0', 'lapses', 'p_lapses'),
        e('upgrades', 'upgrades > 0', 'upgrades', 'p_upgrades'),
        e('downgrades', 'downgrades > 0', 'downgrades', 'p_downgrades'),
        e('seats_trend', 'seats_year_ago > 0', 'round((coalesce(seats_now, 0) / seats_year_ago)::numeric, 2)', 'p_seats', `coalesce(seats_now, 0) || '/' || seats_year_ago`),
        e('support_cases', 'cases_recent + cases_prior > 0', 'cases_recent', 'p_support', `cases_prior || '|' || cases_weighted`),
        e('expiring', 'expiring > 0', 'expiring', 'p_expiring'),
        e('recency', 'recency_days IS NOT NULL', 'recency_days', 'p_recency', `frequency || '|' || round(monetary_12m::numeric)`),
        e('renewal_window', 'renewal_days IS NOT NULL', 'renewal_days', 'p_window', 'window_days'),
        e('churn_risk', 'true', 'round(churn_risk::numeric, 3)', '0'),
        e('lifetime_value', 'true', clv, '0'),
        e('bounds', 'unclamped > 100 OR unclamped < 0', 'round(unclamped::numeric, 2)', 'greatest(0, least(100, unclamped)) - unclamped'),
      ])))}
    FROM tot`;
  return { sql, params: p.values };
}
