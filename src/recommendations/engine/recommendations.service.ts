import { Injectable, NotFoundException, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Recommendation } from '../entities/recommendation.entity';
import { ScoreFactorsService } from './score-factors.service';
import { DEFAULT_EXPECTED_ROLES, recommendFor, type AccountContext, type Candidate } from './recommendation-rules.util';

/** Open recommendations per rep across all accounts: the rest wait until these are worked. */
export const MAX_OPEN_PER_REP = 25;
const PAGE = 2000;

export interface RefreshSummary {
  accounts: number;
  candidates: number;
  kept: number;
  inserted: number;
  updated: number;
  expired: number;
}

type RecommendationStatus = Recommendation['status'];

/**
 * Recomputes next best actions from the current scores (called after scoring via the
 * `recommendations.refresh` job). Same action for the same subject keeps its row (and CRM task) via the
 * dedupe key; open ones no longer recommended expire; accepted ones are left for the rep to finish.
 */
@Injectable()
export class RecommendationsService {
  constructor(private readonly dataSource: DataSource, @Optional() private readonly factors: ScoreFactorsService = new ScoreFactorsService()) {}

  async refresh(options: { today?: string; accountIds?: string[] } = {}): Promise<RefreshSummary> {
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const candidates: Candidate[] = [];
    let accounts = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const contexts = await this.loadContexts(after, options.accountIds ?? null);
      accounts += contexts.length;
      for (const ctx of contexts) candidates.push(...recommendFor(ctx, today));
      if (contexts.length < PAGE) break;
      after = contexts[contexts.length - 1].accountId;
    }
    const kept = capPerRep(candidates, MAX_OPEN_PER_REP);
    const { inserted, updated } = await this.upsert(kept);
    const expired: unknown[] = await this.dataSource.query(
      `UPDATE recommendations SET status = 'expired', status_changed_at = now(), updated_at = now()
        WHERE status = 'open' AND track_id IS NULL
          AND ($2::jsonb IS NULL OR account_id::text IN (SELECT jsonb_array_elements_text($2::jsonb)))
          AND dedupe_key NOT IN (SELECT jsonb_array_elements_text($1::jsonb))
        RETURNING id`,
      [JSON.stringify(kept.map((c) => c.dedupeKey)), options.accountIds ? JSON.stringify(options.accountIds) : null],
    );
    // TypeORM answers UPDATE … RETURNING on PostgreSQL with [rows, affectedCount].
    return { accounts, candidates: candidates.length, kept: kept.length, inserted, updated, expired: Array.isArray(expired[0]) ? (expired[0] as unknown[]).length : expired.length };
  }

  private async loadContexts(after: string, accountIds: string[] | null): Promise<AccountContext[]> {
    const rows: Array<{
      id: string; name: string; owner_crm_user_id: string | null; score: number; tier: string; delta: number | null;
      delta_reasons: string[]; factors: unknown; config_version: number; renewal: string | Date | null; open_opps: string | number;
    }> = await this.dataSource.query(
      `SELECT a.id, a.name, a.owner_crm_user_id, sc.score, sc.tier, sc.delta, sc.delta_reasons, sc.factors, sc.config_version,
              (SELECT min(l.end_date) FROM license_records l WHERE l.account_id = a.id AND l.deleted_at IS NULL AND l.end_date >= current_date) AS renewal,
              (SELECT count(*) FROM opportunities o WHERE o.account_id = a.id AND o.deleted_at IS NULL AND NOT o.is_closed) AS open_opps
         FROM accounts a
         JOIN account_current_scores cs ON cs.account_id = a.id
         JOIN account_scores sc ON sc.id = cs.score_id
        WHERE a.deleted_at IS NULL AND a.id > $1
          AND ($2::jsonb IS NULL OR a.id::text IN (SELECT jsonb_array_elements_text($2::jsonb)))
        ORDER BY a.id LIMIT ${PAGE}`,
      [after, accountIds ? JSON.stringify(accountIds) : null],
    );
    if (rows.length === 0) return [];
    const members: Array<{ account_id: string; contact_id: string; role: string; engaged: boolean; name: string; blocked: boolean }> = await this.dataSource.query(
      `SELECT cm.account_id, cm.contact_id, cm.role, cm.engaged,
              trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) AS name,
              (c.email_opt_out OR c.do_not_contact OR c.deleted_at IS NOT NULL) AS blocked
         FROM committee_memberships cm JOIN contacts c ON c.id = cm.contact_id
        WHERE cm.account_id::text IN (SELECT jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(rows.map((r) => r.id))],
    );
    const byAccount = new Map<string, AccountContext['members']>();
    for (const m of members) {
      const list = byAccount.get(m.account_id) ?? [];
      list.push({ contactId: m.contact_id, name: m.name || 'a contact', role: m.role, engaged: m.engaged, blocked: m.blocked });
      byAccount.set(m.account_id, list);
    }
    const expanded = await Promise.all(rows.map((r) => this.factors.expand(r.factors, r.config_version)));
    return rows.map((r, i) => ({
      accountId: r.id,
      accountName: r.name,
      ownerCrmUserId: r.owner_crm_user_id,
      score: Number(r.score),
      tier: r.tier,
      delta: r.delta === null ? null : Number(r.delta),
      deltaReasons: r.delta_reasons ?? [],
      factors: expanded[i],
      members: byAccount.get(r.id) ?? [],
      expectedRoles: DEFAULT_EXPECTED_ROLES,
      nextRenewalDate: r.renewal === null ? null : r.renewal instanceof Date ? r.renewal.toISOString().slice(0, 10) : String(r.renewal).slice(0, 10),
      openOpportunities: Number(r.open_opps),
    }));
  }

  private async upsert(kept: Candidate[]): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < kept.length; i += 2000) {
      const slice = kept.slice(i, i + 2000).map((c) => ({ ...c, rank: (c as Candidate & { rank?: number }).rank ?? 1, externalId: `rec_${randomUUID().replace(/-/g, '')}` }));
      const rows: Array<{ inserted: boolean }> = await this.dataSource.query(
        `INSERT INTO recommendations (account_id, contact_id, action, reason, reason_factors, owner_type, owner_crm_user_id, due_date, expected_impact, rank, status, dedupe_key, external_id)
         SELECT x."accountId", x."contactId", x.action, x.reason, x."reasonFactors", x."ownerType", x."ownerCrmUserId", x."dueDate", x."expectedImpact", x.rank, 'open', x."dedupeKey", x."externalId"
           FROM jsonb_to_recordset($1::jsonb) AS x("accountId" uuid, "contactId" uuid, action varchar, reason text, "reasonFactors" jsonb, "ownerType" varchar,
                "ownerCrmUserId" varchar, "dueDate" date, "expectedImpact" real, rank int, "dedupeKey" varchar, "externalId" varchar)
         ON CONFLICT (dedupe_key) WHERE status IN ('open', 'accepted') DO UPDATE
            SET reason = EXCLUDED.reason, reason_factors = EXCLUDED.reason_factors, expected_impact = EXCLUDED.expected_impact,
                rank = EXCLUDED.rank, owner_crm_user_id = EXCLUDED.owner_crm_user_id, updated_at = now(),
                due_date = CASE WHEN recommendations.status = 'open' THEN EXCLUDED.due_date ELSE recommendations.due_date END
         RETURNING (xmax = 0) AS inserted`,
        [JSON.stringify(slice)],
      );
      for (const r of rows) (r.inserted ? inserted++ : updated++);
    }
    return { inserted, updated };
  }

  async listForAccount(accountId: string, statuses: RecommendationStatus[] = ['open', 'accepted']): Promise<Recommendation[]> {
    return this.dataSource
      .getRepository(Recommendation)
      .createQueryBuilder('r')
      .where('r.accountId = :accountId AND r.status IN (:...statuses)', { accountId, statuses })
      .orderBy('r.rank', 'ASC')
      .addOrderBy('r.expectedImpact', 'DESC')
      .getMany();
  }

  /** Every recommendation with its outcome, in keyset pages (for `abm export recommendations`). */
  async *streamAll(): AsyncIterable<Record<string, unknown>> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<Record<string, unknown> & { id: string }> = await this.dataSource.query(
        `SELECT id, account_id AS "accountId", contact_id AS "contactId", track_id AS "trackId", action, reason, reason_factors AS "reasonFactors",
                owner_type AS "ownerType", owner_crm_user_id AS "ownerCrmUserId", due_date::text AS "dueDate", expected_impact AS "expectedImpact",
                rank, status, external_id AS "externalId", created_at AS "createdAt", status_changed_at AS "statusChangedAt"
           FROM recommendations WHERE id > $1 ORDER BY id LIMIT 1000`,
        [after],
      );
      for (const r of rows) yield r;
      if (rows.length < 1000) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** Rep's decision; done/dismissed close the CRM task on the next write-back. */
  async setStatus(id: string, status: Exclude<RecommendationStatus, 'expired'>): Promise<Recommendation> {
    const repo = this.dataSource.getRepository(Recommendation);
    const rec = await repo.findOne({ where: { id } });
    if (!rec) throw new NotFoundException(`No recommendation ${id}`);
    if (rec.status !== status) {
      rec.status = status;
      rec.statusChangedAt = new Date();
      await repo.save(rec);
    }
    return rec;
  }
}

/** Highest expected impact first, at most `max` per rep; ranks are assigned per account afterwards. */
export function capPerRep(candidates: Candidate[], max: number): Array<Candidate & { rank: number }> {
  const sorted = [...candidates].sort((a, b) => b.expectedImpact - a.expectedImpact || a.dedupeKey.localeCompare(b.dedupeKey));
  const perRep = new Map<string, number>();
  const kept: Array<Candidate & { rank: number }> = [];
  for (const c of sorted) {
    const owner = c.ownerType === 'marketing' ? 'marketing' : (c.ownerCrmUserId ?? 'unassigned');
    const n = perRep.get(owner) ?? 0;
    if (c.ownerType === 'rep' && n >= max) continue;
    perRep.set(owner, n + 1);
    kept.push({ ...c, rank: 0 });
  }
  const perAccount = new Map<string, number>();
  for (const c of kept) {
    const r = (perAccount.get(c.accountId) ?? 0) + 1;
    perAccount.set(c.accountId, r);
    c.rank = r;
  }
  return kept;
}
