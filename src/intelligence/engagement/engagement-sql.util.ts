import type { ScoringDefinition } from '../config/scoring-definition.types';
import { asFactorColumns, factorAgg, factorColumnsOf, packedFactor, ScoringSqlContext, SqlParams } from '../scoring/sql-params.util';

/**
 * The activities that count, as `FROM … WHERE …` over `act` joined to the signal list `sig(type, half_life,
 * inbound_only)`. Never counted: our own tasks (activities.is_ours), deleted activities, activities after `asOf`
 * or older than `maxAgeDays`, outbound e-mails where the signal is inbound-only, and anything by a contact who
 * opted out or was deleted (an opted-out person is not someone we may work, so they never make an account look
 * engaged). Shared by the per-type aggregate below and the committee's engaged contacts.
 */
export function countedActivities(def: ScoringDefinition, p: SqlParams, asOf: string): string {
  const sig = def.engagement.signals;
  return `FROM sc_scope s
      JOIN activities act ON act.account_id = s.account_id
      JOIN unnest(${p.add(sig.map((x) => x.type), 'text[]')}, ${p.add(sig.map((x) => x.halfLifeDays), 'float8[]')},
                  ${p.add(sig.map((x) => x.inboundOnly === true), 'boolean[]')}) AS sig(type, half_life, inbound_only) ON sig.type = act.type
      WHERE act.is_ours = false
        AND act.occurred_at <= ${asOf}
        AND act.occurred_at > ${asOf} - ${p.add(def.engagement.maxAgeDays, 'int')} * interval '1 day'
        AND (act.deleted_at IS NULL OR act.deleted_at > ${asOf})
        AND (sig.inbound_only = false OR act.direction IS DISTINCT FROM 'outbound')
        AND (act.contact_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM contacts c WHERE c.id = act.contact_id
            AND (c.email_opt_out OR c.do_not_contact OR (c.deleted_at IS NOT NULL AND c.deleted_at <= ${asOf}))))`;
}

/**
 * Engagement with exponential decay: each counted activity weighs `weight · 2^(−age / halfLife)`,
 * so a webinar from a quarter ago counts an eighth of one from today (30-day half-life).
 *
 * `sc_activity_type(account_id, type, n, decayed)`: one pass over the activities, aggregated straight to the
 * account and signal type (the committee's engaged contacts are a separate, much smaller aggregate of the
 * recent ones — see committee-sql.util.ts).
 */
export function contactActivitySql(def: ScoringDefinition, ctx: ScoringSqlContext): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const asOf = p.add(ctx.asOf, 'timestamptz');
  const sql = `CREATE TEMP TABLE sc_activity_type ON COMMIT DROP AS
    SELECT act.account_id, act.type, count(*)::int AS n,
      -- float8 throughout: extract() returns numeric, and numeric exp() is ~30× slower.
      sum(exp(-0.6931471805599453::float8 * (extract(epoch FROM (${asOf} - act.occurred_at))::float8 / 86400.0) / sig.half_life)) AS decayed
    ${countedActivities(def, p, asOf)}
    GROUP BY act.account_id, act.type`;
  return { sql, params: p.values };
}

/**
 * Account engagement = 100 · (1 − e^(−S / saturation)), S = Σ weight · decayed over signal types.
 * Each type's factor gets its share of the component (so factors add up to it), its count as raw value and
 * its average remaining weight as `decay`. Creates `sc_engagement(account_id, engagement, ftext, fhundredths, fsignals)`.
 */
export function engagementSql(def: ScoringDefinition, componentWeight: number): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const sig = def.engagement.signals;
  const sat = p.add(def.engagement.saturation, 'float8');
  const entry = packedFactor(
    `'engagement.' || t.type`,
    't.n',
    `100 * (1 - exp(-t.total / ${sat})) * t.points / t.total * ${componentWeight}`,
    't.decayed / t.n',
  );
  // The account total is a window over the per-type rows (not a second aggregate joined back): they are read
  // and sorted once, by account and configured signal order, for both the total and the factor list, so that
  // consecutive runs list them alike and change reasons can compare the lists position by position.
  const sql = `CREATE TEMP TABLE sc_engagement ON COMMIT DROP AS
    WITH per_type AS (
      SELECT a.account_id, a.type, a.n, a.decayed, a.decayed * sig.weight AS points, sig.ord
      FROM sc_activity_type a
      JOIN unnest(${p.add(sig.map((x) => x.type), 'text[]')}, ${p.add(sig.map((x) => x.weight), 'float8[]')}) WITH ORDINALITY AS sig(type, weight, ord) ON sig.type = a.type
    ), with_total AS (
      SELECT pt.*, sum(pt.points) OVER (PARTITION BY pt.account_id ORDER BY pt.ord ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS total
      FROM per_type pt
    ), per_account AS (
      SELECT t.account_id, max(t.total) AS total, ${asFactorColumns(factorAgg(entry, 't.total > 0'))}
      FROM with_total t GROUP BY t.account_id
    )
    SELECT s.account_id, (100 * (1 - exp(-coalesce(pa.total, 0) / ${sat})))::float8 AS engagement, ${asFactorColumns(factorColumnsOf('pa'))}
    FROM sc_scope s LEFT JOIN per_account pa ON pa.account_id = s.account_id`;
  return { sql, params: p.values };
}
