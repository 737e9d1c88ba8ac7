import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PackedFactor, ScoreFactor } from '../entities/account-score.entity';
import type { ScoringDefinition } from '../config/scoring-definition.types';
import { expandFactors } from './packed-factor.util';
import { ScoreConfigService } from '../config/score-config.service';

export interface ScoreView {
  score: number;
  tier: string;
  components: { fit: number; engagement: number; committee: number; loyalty: number };
  delta: number | null;
  reasons: string[];
  factors: ScoreFactor[];
  configVersion: number;
  modelVersion: string;
  asOf: string;
  computedAt: string;
}

export interface CommitteeView {
  template: string;
  coverage: number;
  members: Array<{ contactId: string; title: string | null; role: string; source: string; confidence: number; engaged: boolean; evidence: string[] }>;
  missingRoles: string[];
  engagedMembers: number;
  silentMembers: number;
  singleThreaded: boolean;
}

interface ScoreRow {
  account_id: string;
  score: number;
  tier: string;
  fit: number;
  engagement: number;
  committee: number;
  loyalty: number;
  delta: number | null;
  delta_reasons: string[];
  factors: PackedFactor[];
  config_version: number;
  model_version: string;
  as_of: Date;
  computed_at: Date;
}

/** Reads scores for the API, the CLI export and the in-CRM cards. */
@Injectable()
export class ScoreQueryService {
  private readonly cache = new Map<number, ScoringDefinition>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly configs: ScoreConfigService,
  ) {}

  async accountScore(accountId: string, historyLimit = 20): Promise<{ accountId: string; current: ScoreView | null; history: ScoreView[]; committee: CommitteeView }> {
    const exists = await this.dataSource.query(`SELECT 1 FROM accounts WHERE id = $1`, [accountId]);
    if (!exists.length) throw new NotFoundException(`account ${accountId} not found`);
    const rows = (await this.dataSource.query(
      `SELECT s.*, (cs.score_id IS NOT NULL) AS is_current FROM account_scores s JOIN scoring_runs r ON r.id = s.scoring_run_id
       LEFT JOIN account_current_scores cs ON cs.score_id = s.id AND cs.account_id = s.account_id
       WHERE s.account_id = $1 AND r.kind <> 'backtest' ORDER BY s.computed_at DESC LIMIT $2`,
      [accountId, historyLimit],
    )) as Array<ScoreRow & { is_current: boolean }>;
    const current = rows.find((r) => r.is_current);
    const defs = await this.definitions(rows.map((r) => r.config_version));
    return {
      accountId,
      current: current ? view(current, defs.get(current.config_version)!) : null,
      history: rows.map((r) => view(r, defs.get(r.config_version)!)),
      committee: await this.committee(accountId),
    };
  }

  /** The resolved committee as last persisted, measured against the account's template. */
  async committee(accountId: string): Promise<CommitteeView> {
    const { definition } = await this.configs.active();
    const [acct] = (await this.dataSource.query(`SELECT custom_fields FROM accounts WHERE id = $1`, [accountId])) as Array<{ custom_fields: Record<string, unknown> }>;
    const wanted = acct?.custom_fields?.[definition.committee.templateField];
    const template = typeof wanted === 'string' && definition.committee.templates[wanted] ? wanted : 'default';
    const roles = definition.committee.templates[template];
    const members = (await this.dataSource.query(
      `SELECT m.contact_id, c.title, m.role, m.source, m.confidence, m.engaged, m.evidence
       FROM committee_memberships m JOIN contacts c ON c.id = m.contact_id WHERE m.account_id = $1 ORDER BY m.role, m.confidence DESC`,
      [accountId],
    )) as Array<{ contact_id: string; title: string | null; role: string; source: string; confidence: number; engaged: boolean; evidence: string[] }>;
    const held = new Set(members.map((m) => m.role));
    const engagedPeople = new Set(members.filter((m) => m.engaged).map((m) => m.contact_id));
    const people = new Set(members.map((m) => m.contact_id));
    return {
      template,
      coverage: roles.length ? roles.filter((r) => held.has(r.role)).length / roles.length : 0,
      members: members.map((m) => ({ contactId: m.contact_id, title: m.title, role: m.role, source: m.source, confidence: m.confidence, engaged: m.engaged, evidence: m.evidence })),
      missingRoles: roles.filter((r) => !held.has(r.role)).map((r) => r.role),
      engagedMembers: engagedPeople.size,
      silentMembers: people.size - engagedPeople.size,
      singleThreaded: engagedPeople.size <= 1,
    };
  }

  async list(options: { tier?: string; sort: 'score' | 'name' | 'delta'; limit: number; offset: number }) {
    const params: unknown[] = [options.limit, options.offset];
    const tierFilter = options.tier ? `AND s.tier = $${params.push(options.tier)}` : '';
    const order = options.sort === 'name' ? 'a.name ASC' : options.sort === 'delta' ? 'abs(coalesce(s.delta, 0)) DESC' : 's.score DESC';
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.name, a.domain, a.owner_crm_user_id, s.score, s.tier, s.fit, s.engagement, s.committee, s.loyalty, s.delta, s.delta_reasons
       FROM account_current_scores cs JOIN account_scores s ON s.id = cs.score_id JOIN accounts a ON a.id = cs.account_id
       WHERE a.deleted_at IS NULL ${tierFilter}
       ORDER BY ${order}, a.id LIMIT $1 OFFSET $2`,
      params,
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      domain: r.domain,
      ownerCrmUserId: r.owner_crm_user_id,
      score: r.score,
      tier: r.tier,
      components: { fit: r.fit, engagement: r.engagement, committee: r.committee, loyalty: r.loyalty },
      delta: r.delta,
      reasons: r.delta_reasons,
    }));
  }

  /** The definitions behind some config versions (a version's definition never changes once stored). */
  private async definitions(versions: number[]): Promise<Map<number, ScoringDefinition>> {
    const out = new Map<number, ScoringDefinition>();
    for (const v of new Set(versions)) {
      let def = this.cache.get(v);
      if (!def) {
        def = (await this.configs.get(v)).definition;
        this.cache.set(v, def);
      }
      out.set(v, def);
    }
    return out;
  }

  /** Every current score, in pages, for exports: no full table in memory. */
  async *streamCurrent(batch = 2000): AsyncGenerator<Record<string, unknown>> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT s.*, a.name FROM account_current_scores cs JOIN account_scores s ON s.id = cs.score_id JOIN accounts a ON a.id = cs.account_id
         WHERE cs.account_id > $1 ORDER BY cs.account_id LIMIT $2`,
        [after, batch],
      )) as Array<ScoreRow & { name: string }>;
      if (!rows.length) return;
      const defs = await this.definitions(rows.map((r) => r.config_version));
      for (const r of rows) yield { accountId: r.account_id, name: r.name, ...view(r, defs.get(r.config_version)!) };
      after = rows[rows.length - 1].account_id;
    }
  }
}

function view(r: ScoreRow, def: ScoringDefinition): ScoreView {
  return {
    score: r.score,
    tier: r.tier,
    components: { fit: r.fit, engagement: r.engagement, committee: r.committee, loyalty: r.loyalty },
    delta: r.delta,
    reasons: r.delta_reasons,
    factors: expandFactors(r.factors, def),
    configVersion: r.config_version,
    modelVersion: r.model_version,
    asOf: new Date(r.as_of).toISOString(),
    computedAt: new Date(r.computed_at).toISOString(),
  };
}
