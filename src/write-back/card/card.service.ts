import { Injectable, NotFoundException, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ScoreFactor } from '../../intelligence/entities/account-score.entity';
import { DEFAULT_EXPECTED_ROLES } from '../../recommendations/engine/recommendation-rules.util';
import { ScoreFactorsService } from '../../recommendations/engine/score-factors.service';
import type { CardPayload } from './card-payload.types';
import { churnRiskFrom } from './churn-risk.util';

/** Scores are recomputed daily; older than this the card shows a stale badge. */
export const CARD_STALE_AFTER_SECONDS = 26 * 3600;
/** A record page re-renders and HubSpot retries within seconds: serve those from memory. */
export const CARD_CACHE_MS = 15_000;
const CARD_CACHE_MAX = 20_000;
const TREND_POINTS = 12;
const ACTIONS_SHOWN = 5;

interface CardRow {
  account_id: string;
  name: string;
  score: number | null;
  tier: CardPayload['score']['tier'];
  delta: number | null;
  delta_reasons: string[] | null;
  factors: ScoreFactor[] | null;
  config_version: number | null;
  loyalty: number | null;
  computed_at: Date | string | null;
  trend: Array<{ at: string; value: number }>;
  members: CardPayload['committee']['members'];
  renewal: string | Date | null;
  first_start: string | Date | null;
  actions: Array<Omit<CardPayload['nextActions'][number], 'owner'> & { ownerType: string }>;
}

function isoDate(v: string | Date | null): string | null {
  if (v === null) return null;
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
}

/**
 * Everything a rep needs for one CRM record, in one SQL round trip (the card budget is p99 ≤ 20 ms).
 * The record is resolved through account_sources (companies/Account) or contact_sources (contacts),
 * by connection id first so the (connection_id, object_type, crm_id) unique index serves the lookup.
 */
@Injectable()
export class CardService {
  private readonly cache = new Map<string, { row: CardRow; until: number }>();

  constructor(private readonly dataSource: DataSource, @Optional() private readonly factors: ScoreFactorsService = new ScoreFactorsService()) {}

  /** Freshness (age, stale) is computed per request, so a cached row never shows a wrong age. */
  async card(provider: 'salesforce' | 'hubspot', objectType: string, crmId: string, now = new Date()): Promise<CardPayload> {
    const key = `${provider}\u0000${objectType}\u0000${crmId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return toPayload(hit.row, { provider, objectType, id: crmId }, now);
    const row = await this.load(provider, objectType, crmId, now);
    if (this.cache.size >= CARD_CACHE_MAX) this.cache.clear();
    this.cache.set(key, { row, until: Date.now() + CARD_CACHE_MS });
    return toPayload(row, { provider, objectType, id: crmId }, now);
  }

  /** Drops cached cards (after a status change or a new score) so the next view reads the database. */
  invalidate(): void {
    this.cache.clear();
  }

  /**
   * A named prepared statement: PostgreSQL plans the card query once per connection instead of on
   * every request (planning costs several times the execution here). Falls back to a plain query when
   * the driver exposes no pg pool.
   */
  private async preparedQuery<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master?: { query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: T[] }> } }).master;
    if (!pool || typeof pool.query !== 'function') return this.dataSource.query(text, values);
    return (await pool.query({ name, text, values })).rows;
  }

  private async load(provider: 'salesforce' | 'hubspot', objectType: string, crmId: string, now: Date): Promise<CardRow> {
    const viaContact = provider === 'hubspot' && objectType === 'contacts';
    const rows = await this.preparedQuery<CardRow>(
      viaContact ? 'abm_card_by_contact' : 'abm_card_by_account',
      `WITH target AS (
         ${viaContact
           ? `SELECT c.account_id FROM contact_sources s JOIN contacts c ON c.id = s.contact_id WHERE s.connection_id IN (SELECT id FROM crm_connections WHERE provider = $1) AND s.object_type = $2 AND s.crm_id = $3 AND s.deleted_at IS NULL AND c.account_id IS NOT NULL LIMIT 1`
           : `SELECT s.account_id FROM account_sources s WHERE s.connection_id IN (SELECT id FROM crm_connections WHERE provider = $1) AND s.object_type = $2 AND s.crm_id = $3 AND s.deleted_at IS NULL LIMIT 1`}
       )
       SELECT a.id AS account_id, a.name, sc.score, sc.tier, sc.delta, sc.delta_reasons, sc.factors, sc.config_version, sc.loyalty, sc.computed_at,
         (SELECT coalesce(json_agg(json_build_object('at', t.computed_at, 'value', t.score) ORDER BY t.computed_at), '[]'::json)
            FROM (SELECT computed_at, score FROM account_scores WHERE account_id = a.id ORDER BY computed_at DESC LIMIT ${TREND_POINTS}) t) AS trend,
         (SELECT coalesce(json_agg(json_build_object('contactId', cm.contact_id::text,
                   'name', trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), 'title', c.title, 'role', cm.role, 'engaged', cm.engaged)
                   ORDER BY cm.engaged DESC, cm.role), '[]'::json)
            FROM committee_memberships cm JOIN contacts c ON c.id = cm.contact_id AND c.deleted_at IS NULL WHERE cm.account_id = a.id) AS members,
         (SELECT min(l.end_date) FROM license_records l WHERE l.account_id = a.id AND l.deleted_at IS NULL AND l.end_date >= $4::date) AS renewal,
         (SELECT min(l.start_date) FROM license_records l WHERE l.account_id = a.id AND l.deleted_at IS NULL) AS first_start,
         (SELECT coalesce(json_agg(json_build_object('id', r.id::text, 'action', r.action, 'reason', r.reason, 'ownerType', r.owner_type,
                   'dueDate', r.due_date, 'expectedImpact', r.expected_impact, 'status', r.status) ORDER BY r.rank, r.expected_impact DESC), '[]'::json)
            FROM (SELECT * FROM recommendations WHERE account_id = a.id AND status IN ('open', 'accepted') ORDER BY rank LIMIT ${ACTIONS_SHOWN}) r) AS actions
       FROM target JOIN accounts a ON a.id = target.account_id
       LEFT JOIN account_current_scores cs ON cs.account_id = a.id
       LEFT JOIN account_scores sc ON sc.id = cs.score_id`,
      [provider, objectType, crmId, now.toISOString().slice(0, 10)],
    );
    const row = rows[0];
    if (!row) throw new NotFoundException(`No account known for ${provider} ${objectType} ${crmId}`);
    row.factors = await this.factors.expand(row.factors, row.config_version ?? 0);
    return row;
  }
}

export function toPayload(row: CardRow, crm: CardPayload['crm'], now: Date): CardPayload {
  const members = row.members ?? [];
  const covered = new Set(members.map((m) => m.role));
  const missingRoles = DEFAULT_EXPECTED_ROLES.filter((r) => !covered.has(r));
  const renewal = isoDate(row.renewal);
  const daysToRenewal = renewal ? Math.round((Date.parse(`${renewal}T00:00:00Z`) - Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000) : null;
  const firstStart = isoDate(row.first_start);
  const updatedAt = row.computed_at ? new Date(row.computed_at) : null;
  const ageSeconds = updatedAt ? Math.max(0, Math.round((now.getTime() - updatedAt.getTime()) / 1000)) : 0;
  const clamp = (n: number) => Math.max(0, Math.min(100, n));
  const churn = churnRiskFrom(row.factors);
  return {
    crm,
    account: { id: row.account_id, name: row.name },
    score: {
      value: clamp(Number(row.score ?? 0)),
      tier: row.tier ?? null,
      trend: (row.trend ?? []).map((t) => ({ at: new Date(t.at).toISOString(), value: clamp(Number(t.value)) })),
      delta: row.delta === null || row.delta === undefined ? null : Number(row.delta),
      deltaReasons: row.delta_reasons ?? [],
    },
    topReasons: [...(row.factors ?? [])]
      .filter((f) => f.contribution !== 0)
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, 3)
      .map((f) => ({ factor: f.signal || f.component, text: f.text, contribution: Math.round(f.contribution * 10) / 10 })),
    committee: {
      coverage: DEFAULT_EXPECTED_ROLES.length ? (DEFAULT_EXPECTED_ROLES.length - missingRoles.length) / DEFAULT_EXPECTED_ROLES.length : 0,
      members: members.map((m) => ({ ...m, name: m.name || 'Unnamed contact' })),
      missingRoles,
      singleThreaded: members.filter((m) => m.engaged).length <= 1,
    },
    loyalty: {
      score: row.loyalty === null || row.loyalty === undefined ? null : clamp(Number(row.loyalty)),
      tenureMonths: firstStart ? Math.max(0, Math.floor((now.getTime() - Date.parse(`${firstStart}T00:00:00Z`)) / (30.44 * 86_400_000))) : null,
      churnRisk: churn.value,
      churnRiskReason: churn.reason,
      renewal: {
        nextRenewalDate: renewal,
        daysToRenewal,
        window: daysToRenewal === null ? null : daysToRenewal <= 60 ? 'T-60' : daysToRenewal <= 90 ? 'T-90' : daysToRenewal <= 120 ? 'T-120' : daysToRenewal <= 180 ? 'T-180' : null,
      },
    },
    nextActions: (row.actions ?? []).map((a) => ({
      id: a.id,
      action: a.action,
      reason: a.reason,
      owner: a.ownerType === 'marketing' ? 'Marketing' : 'Account owner',
      dueDate: a.dueDate ? String(a.dueDate).slice(0, 10) : null,
      expectedImpact: a.expectedImpact === null ? null : Number(a.expectedImpact),
      status: a.status,
    })),
    freshness: { updatedAt: (updatedAt ?? now).toISOString(), ageSeconds, stale: !updatedAt || ageSeconds > CARD_STALE_AFTER_SECONDS },
  };
}
