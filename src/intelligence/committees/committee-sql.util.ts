import type { ScoringDefinition } from '../config/scoring-definition.types';
import { countedActivities } from '../engagement/engagement-sql.util';
import { asFactorColumns, factorAgg, factorColumnsOf, factorList, packedFactor, ScoringSqlContext, SqlParams } from '../scoring/sql-params.util';

type Statement = { sql: string; params: unknown[] };

/** CRM-set role sources: Salesforce (sf_*) and HubSpot (hs_*) fields and labels. */
const CRM_SOURCE = `(r.source LIKE 'sf\\_%' OR r.source LIKE 'hs\\_%')`;

/**
 * Contacts engaged at `asOf`: a counted activity (see engagement) within `engagedWithinDays`. Creates
 * `sc_engaged(account_id, contact_id, last_at)`, one row per account and contact; only the recent activities are
 * aggregated, so this stays small next to the per-type engagement aggregate.
 */
export function engagedContactsSql(def: ScoringDefinition, ctx: ScoringSqlContext): Statement {
  const p = new SqlParams();
  const asOf = p.add(ctx.asOf, 'timestamptz');
  return {
    sql: `CREATE TEMP TABLE sc_engaged ON COMMIT DROP AS
      SELECT act.account_id, act.contact_id, max(act.occurred_at) AS last_at
      ${countedActivities(def, p, asOf)}
        AND act.contact_id IS NOT NULL
        AND act.occurred_at > ${asOf} - ${p.add(def.committee.engagedWithinDays, 'int')} * interval '1 day'
      GROUP BY act.account_id, act.contact_id`,
    params: p.values,
  };
}

/**
 * Committee candidates of every account in scope: `sc_cand(account_id, contact_id, role, prio, confidence,
 * evidence)`, before the contacts are checked (see membersSql).
 *
 * Candidates come from account_contact_roles (CRM-set or inferred from the title), from the contact roles of the
 * account's opportunities (CRM-set), and from who appears on license/service records (installs → technical
 * evaluator, signs → economic buyer, per `recordRoles`).
 * Resolution: a contact with any CRM-set role at the account keeps only CRM-set roles (the CRM always wins
 * over inference); otherwise inferred and record roles count, inferred ones only above `minInferredConfidence`.
 *
 * A table of its own, so that the join to contacts sees how many candidates there really are: estimated through
 * the grouping and the window, it looked like a few thousand, and the planner hashed all 1M contacts instead.
 */
export function candidatesSql(def: ScoringDefinition, ctx: ScoringSqlContext): Statement {
  const p = new SqlParams();
  return { sql: `CREATE TEMP TABLE sc_cand ON COMMIT DROP AS ${candidatesSelect(def, ctx, p)}`, params: p.values };
}

function candidatesSelect(def: ScoringDefinition, ctx: ScoringSqlContext, p: SqlParams): string {
  const asOf = p.add(ctx.asOf, 'timestamptz');
  const kinds = Object.keys(def.committee.recordRoles);
  return `
    WITH cand AS (
      SELECT r.account_id, r.contact_id, r.role,
             CASE WHEN ${CRM_SOURCE} THEN 3 ELSE 1 END AS prio,
             CASE WHEN ${CRM_SOURCE} THEN 1.0 ELSE r.confidence END::float8 AS confidence, r.source AS evidence
      FROM sc_scope s
      JOIN account_contact_roles r ON r.account_id = s.account_id
      WHERE (r.deleted_at IS NULL OR r.deleted_at > ${asOf})
        AND (${CRM_SOURCE} OR r.confidence >= ${p.add(def.committee.minInferredConfidence, 'float8')})
      UNION ALL
      -- Roles named on the account's deals (Salesforce OpportunityContactRole, HubSpot deal–contact labels) are
      -- set in the CRM too. Deals and roles deleted by then do not count, nor deals created after asOf (a backtest
      -- must not see them), nor associations without a role.
      SELECT DISTINCT o.account_id, t.contact_id, t.role, 3, 1.0::float8,
             CASE WHEN t.provider = 'hubspot' THEN 'hs_deal_contact_label' ELSE 'sf_opportunity_contact_role' END
      FROM sc_scope s
      JOIN opportunities o ON o.account_id = s.account_id
      JOIN opportunity_contact_roles t ON t.opportunity_id = o.id
      WHERE t.role IS NOT NULL AND t.contact_id IS NOT NULL
        AND (o.deleted_at IS NULL OR o.deleted_at > ${asOf}) AND (t.deleted_at IS NULL OR t.deleted_at > ${asOf})
        AND coalesce(o.crm_created_at, ${asOf}) <= ${asOf}
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
      -- Evidence sorted: the persisted committee is only rewritten where it differs, so the same sources must
      -- come out in the same order every run; an ordered aggregate also groups by one sort that the window
      -- reuses, where hashing 150k array states per chunk spilled to disk.
      SELECT account_id, contact_id, role, max(prio) AS prio, max(confidence) AS confidence,
             to_jsonb(array_agg(evidence ORDER BY evidence)) AS evidence, max(max(prio)) OVER (PARTITION BY account_id, contact_id) AS best_prio
      FROM cand GROUP BY account_id, contact_id, role
    )
    SELECT account_id, contact_id, role, prio, confidence, evidence FROM agg WHERE prio = 3 OR best_prio < 3`;
}

/**
 * Resolved committee members of every account in scope: `sc_members(account_id, contact_id, role, source,
 * confidence, evidence, engaged, title)`: the candidates whose contact is alive and still at the account.
 * Engaged = a counted activity (see engagement) within `engagedWithinDays`; opted-out contacts are never engaged.
 */
export function membersSql(ctx: ScoringSqlContext, inlineCandidatesOf?: ScoringDefinition): Statement {
  const p = new SqlParams();
  const asOf = p.add(ctx.asOf, 'timestamptz');
  // A few accounts: the candidates are a CTE of this statement instead of a table of their own, one round trip
  // fewer where the whole rescore has to fit in a few dozen milliseconds.
  const cand = inlineCandidatesOf ? `sc_cand AS (${candidatesSelect(inlineCandidatesOf, ctx, p)}), ` : '';
  const sql = `CREATE TEMP TABLE sc_members ON COMMIT DROP AS
    WITH ${cand}last_seen AS (
      SELECT contact_id, max(last_at) AS last_at FROM sc_engaged GROUP BY contact_id
    )
    SELECT a.account_id, a.contact_id, a.role,
           CASE a.prio WHEN 3 THEN 'crm' WHEN 2 THEN 'records' ELSE 'inferred' END AS source,
           a.confidence, a.evidence, c.title,
           (NOT (c.email_opt_out OR c.do_not_contact) AND ls.last_at IS NOT NULL) AS engaged
    FROM sc_cand a
    -- The contact must be alive and still belong to the account. Joined here rather than through a scope-wide
    -- contact table: only candidates (a few per account) are looked up, and 1M contact rows are not copied.
    JOIN contacts c ON c.id = a.contact_id AND c.account_id = a.account_id AND (c.deleted_at IS NULL OR c.deleted_at > ${asOf})
    LEFT JOIN last_seen ls ON ls.contact_id = a.contact_id`;
  return { sql, params: p.values };
}

/**
 * The committee component: for the account's template (chosen by the product-line custom field), each required
 * role is missing, held by a silent member or by an engaged one.
 *   committee = 100 · (coverageShare · covered/n + engagedShare · engagedCovered/n + multiThreadShare · [≥2 engaged contacts])
 * Creates `sc_committee(account_id, committee, template, coverage, ftext, fhundredths, fsignals)`. Packed factors: one per held role
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
  const roleEntry = packedFactor(`'committee.role.' || role`, 'state', `CASE state WHEN 'silent' THEN ${c.coverageShare} ELSE ${c.coverageShare + c.engagedShare} END / n * ${scale}`, 'NULL', 'title');
  const threadEntry = packedFactor(`'committee.threading'`, 'coalesce(ep.n, 0)', `CASE WHEN coalesce(ep.n, 0) >= 2 THEN ${c.multiThreadShare * scale} ELSE 0 END`, 'NULL', 'a.template');
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
      -- sc_engaged has one row per account and contact.
      SELECT account_id, count(*) AS n FROM sc_engaged GROUP BY account_id
    ), held AS (
      -- Holders are joined to their account's template first (OFFSET 0 keeps that join order): otherwise the
      -- planner, misjudging the template CTEs, expands every account × template role and sorts that instead.
      SELECT b.account_id, b.template, tr.role, tr.ord, sz.n, b.title, CASE WHEN b.engaged THEN 'engaged' ELSE 'silent' END AS state
      FROM (SELECT b.*, a.template FROM best b JOIN acct a ON a.account_id = b.account_id OFFSET 0) b
      JOIN tr ON tr.template = b.template AND tr.role = b.role JOIN sizes sz ON sz.template = b.template
      -- In template order, which the factor lists below keep.
      ORDER BY b.account_id, tr.ord
    ), role_factors AS (
      SELECT account_id, count(*) / max(n) AS coverage, count(*) FILTER (WHERE state = 'engaged') / max(n) AS engaged_coverage,
             ${asFactorColumns(factorAgg(roleEntry))}
      FROM held GROUP BY account_id
    )
    SELECT a.account_id, a.template AS template, coalesce(rf.coverage, 0) AS coverage,
           (100 * (${c.coverageShare} * coalesce(rf.coverage, 0) + ${c.engagedShare} * coalesce(rf.engaged_coverage, 0)
                   + ${c.multiThreadShare} * CASE WHEN coalesce(ep.n, 0) >= 2 THEN 1 ELSE 0 END))::float8 AS committee,
           ${asFactorColumns(factorList([factorColumnsOf('rf'), threadEntry]))}
    FROM acct a LEFT JOIN role_factors rf ON rf.account_id = a.account_id LEFT JOIN engaged_people ep ON ep.account_id = a.account_id`;
  return { sql, params: p.values };
}

/**
 * Brings the persisted committees of the scope up to date (not for backtests: those leave today's committee
 * alone). Only differences are written: on a nightly full run most memberships are unchanged. One pass pairs the
 * scope's stored memberships with the new ones (a full join on account, contact and role); the few that left are
 * deleted, the few that changed or are new are upserted, in the same statement.
 */
export function persistMembersSql(): Statement {
  // Unchanged memberships are left out before the upsert: ON CONFLICT would otherwise lock (and so rewrite)
  // every existing row even when its WHERE skips the update. Confidence compared as stored (real).
  return {
    sql: `WITH cur AS (
              SELECT m.id, m.account_id, m.contact_id, m.role, m.source, m.confidence, m.evidence, m.engaged
              FROM committee_memberships m JOIN sc_scope s ON s.account_id = m.account_id
            ), diff AS (
              SELECT c.id AS old_id, x.*
              FROM cur c FULL JOIN sc_members x ON x.account_id = c.account_id AND x.contact_id = c.contact_id AND x.role = c.role
              WHERE c.id IS NULL OR x.account_id IS NULL
                 OR (c.source, c.confidence, c.evidence, c.engaged) IS DISTINCT FROM (x.source::varchar, x.confidence::real, x.evidence, x.engaged)
            ), gone AS (
              DELETE FROM committee_memberships m USING diff d WHERE d.account_id IS NULL AND m.id = d.old_id
            )
            INSERT INTO committee_memberships AS m (account_id, contact_id, role, source, confidence, evidence, engaged, updated_at)
            SELECT d.account_id, d.contact_id, d.role, d.source, d.confidence, d.evidence, d.engaged, now() FROM diff d WHERE d.account_id IS NOT NULL
            ON CONFLICT (account_id, contact_id, role) DO UPDATE
              SET source = EXCLUDED.source, confidence = EXCLUDED.confidence, evidence = EXCLUDED.evidence, engaged = EXCLUDED.engaged, updated_at = now()
              WHERE (m.source, m.confidence, m.evidence, m.engaged) IS DISTINCT FROM (EXCLUDED.source, EXCLUDED.confidence, EXCLUDED.evidence, EXCLUDED.engaged)`,
    params: [],
  };
}
