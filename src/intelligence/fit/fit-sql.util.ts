import type { FitRule, ScoringDefinition } from '../config/scoring-definition.types';
import { asFactorColumns, factorIf, factorList, packedFactor, SqlParams } from '../scoring/sql-params.util';

/**
 * Firmographic fit (ICP rules) for every account in `sc_scope`, as one set-based statement:
 * each rule yields a share in [0, 1] of its points; fit = Σ share·points / Σ points · 100.
 * Creates `sc_fit(account_id, fit, ftext, fhundredths, fsignals)`: the packed factors of the rules that matched (a rule
 * without a match contributes 0 and is listed from the configuration when the score is read).
 */
export function fitSql(def: ScoringDefinition, componentWeight: number): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const rules = def.fit.rules;
  const total = rules.reduce((s, r) => s + r.points, 0);
  if (rules.length === 0 || total <= 0) {
    return { sql: `CREATE TEMP TABLE sc_fit ON COMMIT DROP AS SELECT account_id, 0::float8 AS fit, NULL::text AS ftext, NULL::text AS fhundredths, NULL::text AS fsignals FROM sc_scope`, params: [] };
  }
  const shares = rules.map((r, i) => `${shareExpr(r, p)} AS s${i}, ${rawExpr(r)} AS v${i}`);
  const entries = rules.map((r, i) => factorIf(`s${i} > 0`, packedFactor(`'fit.${r.signal}'`, `v${i}`, `s${i} * ${(r.points / total) * 100 * componentWeight}`, `NULL`, `s${i}`)));
  const fitExpr = rules.map((r, i) => `s${i} * ${r.points}`).join(' + ');
  const sql = `CREATE TEMP TABLE sc_fit ON COMMIT DROP AS
    WITH m AS MATERIALIZED (
      SELECT s.account_id, ${shares.join(',\n ')}
      FROM sc_scope s
    )
    SELECT account_id, (${fitExpr}) / ${total}::float8 * 100 AS fit, ${asFactorColumns(factorList(entries))} FROM m`;
  return { sql, params: p.values };
}

/** The account column (or custom field) a rule reads, as text. Custom keys are validated as [A-Za-z0-9_]. */
function fieldText(field: string): string {
  switch (field) {
    case 'industry':
      return 's.industry';
    case 'country':
      return 's.country';
    case 'employees':
      return 's.employees::text';
    case 'annual_revenue':
      return 's.annual_revenue::text';
    case 'technologies':
      return 's.technologies::text';
    default:
      return `(s.custom_fields ->> '${field.slice('custom.'.length).replace(/[^A-Za-z0-9_]/g, '')}')`;
  }
}

function numeric(field: string): string {
  if (field === 'employees') return 's.employees::float8';
  if (field === 'annual_revenue') return 's.annual_revenue::float8';
  const t = fieldText(field);
  return `(CASE WHEN ${t} ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (${t})::float8 END)`;
}

const TECH_ARRAY = `CASE WHEN jsonb_typeof(s.technologies) = 'array' THEN s.technologies ELSE '[]'::jsonb END`;

function shareExpr(r: FitRule, p: SqlParams): string {
  if (r.in) return `(CASE WHEN lower(${fieldText(r.field)}) = ANY(${p.add(r.in.map((v) => v.toLowerCase()), 'text[]')}) THEN 1.0 ELSE 0.0 END)::float8`;
  if (r.map) {
    const lowered = Object.fromEntries(Object.entries(r.map).map(([k, v]) => [k.toLowerCase(), Math.max(0, Math.min(1, v))]));
    return `coalesce((${p.add(JSON.stringify(lowered), 'jsonb')} ->> lower(${fieldText(r.field)}))::float8, 0)`;
  }
  if (r.between) {
    const [lo, hi] = r.between;
    const n = numeric(r.field);
    const conds = [`${n} IS NOT NULL`];
    if (lo !== null) conds.push(`${n} >= ${p.add(lo, 'float8')}`);
    if (hi !== null) conds.push(`${n} <= ${p.add(hi, 'float8')}`);
    return `(CASE WHEN ${conds.join(' AND ')} THEN 1.0 ELSE 0.0 END)::float8`;
  }
  const wanted = p.add((r.anyOf ?? []).map((v) => v.toLowerCase()), 'text[]');
  const needed = Math.max(1, r.needed ?? 1);
  if (r.field === 'technologies') {
    return `least(1.0, (SELECT count(*) FROM jsonb_array_elements_text(${TECH_ARRAY}) t WHERE lower(t) = ANY(${wanted}))::float8 / ${needed})::float8`;
  }
  return `(CASE WHEN lower(${fieldText(r.field)}) = ANY(${wanted}) THEN 1.0 ELSE 0.0 END)::float8`;
}

/** What the factor shows as its raw value. */
function rawExpr(r: FitRule): string {
  if (r.field === 'employees') return 's.employees';
  if (r.field === 'annual_revenue') return 's.annual_revenue::float8';
  if (r.field === 'technologies') return `(SELECT string_agg(t, ', ') FROM jsonb_array_elements_text(${TECH_ARRAY}) t)`;
  return fieldText(r.field);
}
