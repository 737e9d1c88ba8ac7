import type { ScoringDefinition } from '../config/scoring-definition.types';
import { packedEntry, ScoringSqlContext, SqlParams } from '../scoring/sql-params.util';

type Statement = { sql: string; params: unknown[] };

/** CRM-set role sources: Salesforce (sf_*) and HubSpot (hs_*) fields and labels. */
const CRM_SOURCE = `(r.source LIKE 'sf\\_%' OR r.source LIKE 'hs\\_%')`;

/**
 * Resolved committee members of every account in scope: `sc_members(account_id, contact_id, role, source,
 * confidence, evidence, engaged, title)`.
 *
 * Candidates come from account_contact_roles (CRM-set or inferred from the title) and from who appears on
 * license/service records (installs → technical evaluator, signs → economic buyer, per `recordRoles`).
 * Resolution: a contact with any CRM-set role at the account keeps only CRM-set roles (the CRM always wins
 * over inference); otherwise inferred and record roles count, inferred ones only above `minInferredConfidence`.
 * Engaged = a counted activity (see engagement) within `engagedWithinDays`; opted-out contacts are never engaged.
 */
export function membersSql(def: ScoringDefinition, ctx: ScoringSqlContext): Statement {
  const p = new SqlParams();
  const asOf = p.add(ctx.asOf, 'timestamptz');
  const kinds = Object.keys(def.committee.recordRoles);
  const sql = `CREATE TEMP TABLE sc_members ON COMMIT DROP AS
    WITH cand AS (
      SELECT r.account_id, r.contact_id, r.role,
             CASE WHEN ${CRM_SOURCE} THEN 3 ELSE 1 END AS prio,
             CASE WHEN ${CRM_SOURCE} THEN 1.0 ELSE r.confidence END::float8 AS confidence, r.source AS evidence
      FROM sc_scope s
      JOIN account_contact_roles r ON r.account_id = s.account_id
      WHERE (r.deleted_at IS NULL OR r.deleted_at > ${asOf})
        AND (${CRM_SOURCE} OR r.confidence >= ${p.add(def.committee.minInferredConfidence, 'float8')})
      UNION ALL
      SELECT DISTINCT l.account_id, l.contact_id, rr.role, 2, 0.7::float8, 'records:' || l.kind
      FROM sc_scope s
      JOIN license_records l ON l.account_id = s.account_id AND l.contact_id IS NOT NULL
      JOIN unnest(${p.add(kinds, 'text[]')}, ${p.add(kinds.map((k) => def.committee.recordRoles[k]), 'text[]')}) AS rr(kind, role) ON rr.kind = l.kind
      WHERE (l.deleted_at IS NULL OR l.deleted_at > ${asOf})
        AND coalesce(l.opened_at, l.start_date::timestamptz, ${asOf}) <= ${asOf}
    ), agg AS (
      -- best_prio: whether the contact has any CRM-set role at the account (then only those count). A window
      -- instead of a second scan of cand keeps cand inlined, so the planner sees real row estimates.
      SELECT account_id, contact_id, role, max(prio) AS prio, max(confidence) AS confidence,
             to_jsonb(array_agg(evidence)) AS evidence, max(max(prio)) OVER (PARTITION BY account_id, contact_id) AS best_prio
      FROM cand GROUP BY account_id, contact_id, role
    ), last_seen AS (
      SELECT contact_id, max(last_at) AS last_at FROM sc_contact_activity
      WHERE contact_id IS NOT NULL AND last_at > ${asOf} - ${p.add(def.committee.engagedWithinDays, 'int')} * interval '1 day'
      GROUP BY contact_id
    )
    SELECT a.account_id, a.contact_id, a.role,
           CASE a.prio WHEN 3 THEN 'crm' WHEN 2 THEN 'records' ELSE 'inferred' END AS source,
           a.confidence, a.evidence, c.title,
           (NOT c.opted_out AND ls.last_at IS NOT NULL) AS engaged
    FROM agg a
    -- The contact must be alive and still belong to the account.
    JOIN sc_contacts c ON c.contact_id = a.contact_id AND c.account_id = a.account_id
    LEFT JOIN last_seen ls ON ls.contact_id = a.contact_id
    WHERE a.prio = 3 OR a.best_prio < 3`;
  return { sql, params: p.values };
}

/**
 * The committee component: for the account's template (chosen by the product-line custom field), each required
 * role is missing, held by a silent member or by an engaged one.
 *   committee = 100 · (coverageShare · covered/n + engagedShare · engagedCovered/n + multiThreadShare · [≥2 engaged contacts])
 * Creates `sc_committee(account_id, committee, template, coverage, ftext)`. Packed factors: one per held role
 * (raw 'engaged'/'silent', detail = the holder's title) and one for threading (raw = engaged contacts, detail =
 * template); missing roles contribute 0 and are listed from the template when the score is read.
 */
export function committeeSql(def: ScoringDefinition, ctx: ScoringSqlContext, componentWeight: number): Statement {
  const p = new SqlParams();
  const c = def.committee;
  const names = Object.keys(c.templates);
  const rows = names.flatMap((t) => c.templates[t].map((r, i) => ({ t, role: r.role, ord: i })));
  const tpl = `unnest(${p.add(rows.map((r) => r.t), 'text[]')}, ${p.add(rows.map((r) => r.role), 'text[]')}, ${p.add(rows.map((r) => r.ord), 'int[]')}) AS tr(template, role, ord)`;
  const field = p.add(c.templateField, 'text');
  const scale = 100 * componentWeight;
  const asOf = p.add(ctx.asOf, 'timestamptz');
  const roleEntry = packedEntry(`'committee.role.' || role`, 'state', `CASE state WHEN 'silent' THEN ${c.coverageShare} ELSE ${c.coverageShare + c.engagedShare} END / n * ${scale}`, 'NULL', 'title');
  const threadEntry = packedEntry(`'committee.threading'`, 'coalesce(ep.n, 0)', `CASE WHEN coalesce(ep.n, 0) >= 2 THEN ${c.multiThreadShare * scale} ELSE 0 END`, 'NULL', 'a.template');
  const sql = `CREATE TEMP TABLE sc_committee ON COMMIT DROP AS
    WITH acct AS (
      SELECT s.account_id,
             CASE WHEN (s.custom_fields ->> ${field}) = ANY(${p.add(names, 'text[]')}) THEN s.custom_fields ->> ${field} ELSE 'default' END AS template
      FROM sc_scope s
    ), tr AS (SELECT * FROM ${tpl}
    ), sizes AS (SELECT template, count(*)::float8 AS n FROM tr GROUP BY template
    ), best AS (
      SELECT DISTINCT ON (account_id, role) account_id, role, title, engaged
      FROM sc_members ORDER BY account_id, role, engaged DESC, (source = 'crm') DESC, confidence DESC
    ), engaged_people AS (
      SELECT account_id, count(DISTINCT contact_id) AS n FROM sc_contact_activity
      WHERE contact_id IS NOT NULL AND last_at > ${asOf} - ${p.add(c.engagedWithinDays, 'int')} * interval '1 day'
      GROUP BY account_id
    ), held AS (
      SELECT b.account_id, a.template, tr.role, tr.ord, sz.n, b.title, CASE WHEN b.engaged THEN 'engaged' ELSE 'silent' END AS state
      FROM best b JOIN acct a ON a.account_id = b.account_id
      JOIN tr ON tr.template = a.template AND tr.role = b.role JOIN sizes sz ON sz.template = a.template
    ), role_factors AS (
      SELECT account_id, count(*) / max(n) AS coverage, count(*) FILTER (WHERE state = 'engaged') / max(n) AS engaged_coverage,
             string_agg(${roleEntry}, ',' ORDER BY ord) AS ftext
      FROM held GROUP BY account_id
    )
    SELECT a.account_id, a.template AS template, coalesce(rf.coverage, 0) AS coverage,
           (100 * (${c.coverageShare} * coalesce(rf.coverage, 0) + ${c.engagedShare} * coalesce(rf.engaged_coverage, 0)
                   + ${c.multiThreadShare} * CASE WHEN coalesce(ep.n, 0) >= 2 THEN 1 ELSE 0 END))::float8 AS committee,
           concat_ws(',', rf.ftext, ${threadEntry}) AS ftext
    FROM acct a LEFT JOIN role_factors rf ON rf.account_id = a.account_id LEFT JOIN engaged_people ep ON ep.account_id = a.account_id`;
  return { sql, params: p.values };
}

/** Scope contacts: alive at `asOf`, with the consent flags that keep them from ever counting as engaged. */
export function scopeContactsSql(ctx: ScoringSqlContext): Statement {
  const p = new SqlParams();
  const asOf = p.add(ctx.asOf, 'timestamptz');
  return {
    sql: `CREATE TEMP TABLE sc_contacts ON COMMIT DROP AS
      SELECT c.id AS contact_id, c.account_id, c.title, (c.email_opt_out OR c.do_not_contact) AS opted_out
      FROM sc_scope s JOIN contacts c ON c.account_id = s.account_id
      WHERE c.deleted_at IS NULL OR c.deleted_at > ${asOf}`,
    params: p.values,
  };
}

/**
 * Brings the persisted committees of the scope up to date (not for backtests: those leave today's committee
 * alone). Only differences are written: on a nightly full run most memberships are unchanged.
 */
export function persistMembersSql(): Statement[] {
  return [
    {
      sql: `DELETE FROM committee_memberships m USING sc_scope s WHERE m.account_id = s.account_id
            AND NOT EXISTS (SELECT 1 FROM sc_members x WHERE x.account_id = m.account_id AND x.contact_id = m.contact_id AND x.role = m.role)`,
      params: [],
    },
    {
      sql: `INSERT INTO committee_memberships AS m (account_id, contact_id, role, source, confidence, evidence, engaged, updated_at)
            SELECT account_id, contact_id, role, source, confidence, evidence, engaged, now() FROM sc_members
            ON CONFLICT (account_id, contact_id, role) DO UPDATE
              SET source = EXCLUDED.source, confidence = EXCLUDED.confidence, evidence = EXCLUDED.evidence, engaged = EXCLUDED.engaged, updated_at = now()
              WHERE (m.source, m.confidence, m.evidence, m.engaged) IS DISTINCT FROM (EXCLUDED.source, EXCLUDED.confidence, EXCLUDED.evidence, EXCLUDED.engaged)`,
      params: [],
    },
  ];
}
