import type { ScoringDefinition } from '../config/scoring-definition.types';
import { packedEntry, ScoringSqlContext, SqlParams } from '../scoring/sql-params.util';

/**
 * Engagement with exponential decay: each counted activity weighs `weight · 2^(−age / halfLife)`,
 * so a webinar from a quarter ago counts an eighth of one from today (30-day half-life).
 * Never counted: our own tasks (activities.is_ours), deleted activities, activities after `asOf`,
 * outbound e-mails where the signal is inbound-only, and anything by a contact who opted out or was deleted
 * (an opted-out person is not someone we may work, so they never make an account look engaged).
 *
 * `sc_contact_activity(account_id, contact_id, type, n, decayed, last_at)` — per contact and type; also feeds
 * the committee's engaged/silent split.
 */
export function contactActivitySql(def: ScoringDefinition, ctx: ScoringSqlContext): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const sig = def.engagement.signals;
  const asOf = p.add(ctx.asOf, 'timestamptz');
  // Aggregate first, then drop the groups of the (few) opted-out or deleted contacts.
  const sql = `CREATE TEMP TABLE sc_contact_activity ON COMMIT DROP AS
    WITH agg AS (
      SELECT act.account_id, act.contact_id, act.type, count(*)::int AS n,
        -- float8 throughout: extract() returns numeric, and numeric exp() is ~30× slower.
        sum(exp(-0.6931471805599453::float8 * (extract(epoch FROM (${asOf} - act.occurred_at))::float8 / 86400.0) / sig.half_life)) AS decayed,
        max(act.occurred_at) AS last_at
      FROM sc_scope s
      JOIN activities act ON act.account_id = s.account_id
      JOIN unnest(${p.add(sig.map((x) => x.type), 'text[]')}, ${p.add(sig.map((x) => x.halfLifeDays), 'float8[]')},
                  ${p.add(sig.map((x) => x.inboundOnly === true), 'boolean[]')}) AS sig(type, half_life, inbound_only) ON sig.type = act.type
      WHERE act.is_ours = false
        AND act.occurred_at <= ${asOf}
        AND act.occurred_at > ${asOf} - ${p.add(def.engagement.maxAgeDays, 'int')} * interval '1 day'
        AND (act.deleted_at IS NULL OR act.deleted_at > ${asOf})
        AND (sig.inbound_only = false OR act.direction IS DISTINCT FROM 'outbound')
      GROUP BY act.account_id, act.contact_id, act.type
    )
    SELECT agg.* FROM agg
    WHERE agg.contact_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM contacts c WHERE c.id = agg.contact_id
        AND (c.email_opt_out OR c.do_not_contact OR (c.deleted_at IS NOT NULL AND c.deleted_at <= ${asOf})))`;
  return { sql, params: p.values };
}

/**
 * Account engagement = 100 · (1 − e^(−S / saturation)), S = Σ weight · decayed over signal types.
 * Each type's factor gets its share of the component (so factors add up to it), its count as raw value and
 * its average remaining weight as `decay`. Creates `sc_engagement(account_id, engagement, ftext)`.
 */
export function engagementSql(def: ScoringDefinition, componentWeight: number): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const sig = def.engagement.signals;
  const sat = p.add(def.engagement.saturation, 'float8');
  const entry = packedEntry(
    `'engagement.' || t.type`,
    't.n',
    `100 * (1 - exp(-tot.total / ${sat})) * t.points / tot.total * ${componentWeight}`,
    't.decayed / t.n',
  );
  const sql = `CREATE TEMP TABLE sc_engagement ON COMMIT DROP AS
    WITH per_type AS (
      SELECT a.account_id, a.type, sum(a.n)::int AS n, sum(a.decayed) AS decayed, sum(a.decayed) * sig.weight AS points
      FROM sc_contact_activity a
      JOIN unnest(${p.add(sig.map((x) => x.type), 'text[]')}, ${p.add(sig.map((x) => x.weight), 'float8[]')}) AS sig(type, weight) ON sig.type = a.type
      GROUP BY a.account_id, a.type, sig.weight
    ), totals AS (
      SELECT account_id, sum(points) AS total FROM per_type GROUP BY account_id
    ), factors AS (
      SELECT t.account_id, string_agg(${entry}, ',' ORDER BY t.points DESC) AS ftext
      FROM per_type t JOIN totals tot ON tot.account_id = t.account_id
      WHERE tot.total > 0
      GROUP BY t.account_id
    )
    SELECT s.account_id, (100 * (1 - exp(-coalesce(tot.total, 0) / ${sat})))::float8 AS engagement, f.ftext
    FROM sc_scope s LEFT JOIN totals tot ON tot.account_id = s.account_id LEFT JOIN factors f ON f.account_id = s.account_id`;
  return { sql, params: p.values };
}
