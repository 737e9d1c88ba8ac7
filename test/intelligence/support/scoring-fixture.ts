import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { AuditService } from '../../../src/platform/audit/audit.service';
import { ScoreConfigService } from '../../../src/intelligence/config/score-config.service';
import { ScoringEngineService } from '../../../src/intelligence/scoring/scoring-engine.service';
import type { ScoreFactor } from '../../../src/intelligence/entities/account-score.entity';
import { ScoreQueryService, type ScoreView } from '../../../src/intelligence/scoring/score-query.service';

/**
 * Writes account-graph rows the way the sync leaves them, so scoring scenarios read like a story:
 * "an account with a CFO, a renewal in 85 days, …". Every helper returns the new row's id.
 */
export class ScoringFixture {
  readonly connectionId = randomUUID();
  private seq = 0;
  readonly configs: ScoreConfigService;
  readonly engine: ScoringEngineService;
  readonly query: ScoreQueryService;

  constructor(readonly ds: DataSource) {
    // Run summaries are logged at info level; scenario output stays readable without them.
    Logger.overrideLogger(['error', 'warn']);
    this.configs = new ScoreConfigService(ds, new AuditService(ds));
    this.engine = new ScoringEngineService(ds, this.configs);
    this.query = new ScoreQueryService(ds, this.configs);
  }

  private crmId(): string {
    return `X${++this.seq}`;
  }

  async clean(): Promise<void> {
    await this.ds.query(`TRUNCATE account_scores, account_current_scores, scoring_runs, committee_memberships, score_configs, activities, license_records,
      account_contact_roles, opportunity_contact_roles, opportunities, contacts, accounts, audit_log CASCADE`);
  }

  async account(fields: { name?: string; industry?: string; employees?: number; country?: string; technologies?: string[]; customFields?: Record<string, unknown> } = {}): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO accounts (name, normalized_name, industry, employees, country, technologies, custom_fields)
       VALUES ($1::text, lower($1::text), $2, $3, $4, $5, $6) RETURNING id`,
      [fields.name ?? `Account ${++this.seq}`, fields.industry ?? null, fields.employees ?? null, fields.country ?? null,
        JSON.stringify(fields.technologies ?? []), JSON.stringify(fields.customFields ?? {})],
    );
    return row.id;
  }

  async contact(accountId: string, title: string, opts: { emailOptOut?: boolean } = {}): Promise<string> {
    const [row] = await this.ds.query(`INSERT INTO contacts (account_id, title, email_opt_out) VALUES ($1, $2, $3) RETURNING id`, [accountId, title, opts.emailOptOut ?? false]);
    return row.id;
  }

  async role(accountId: string, contactId: string, role: string, source = 'inferred_title', confidence = 0.9): Promise<void> {
    await this.ds.query(`INSERT INTO account_contact_roles (account_id, contact_id, role, source, confidence) VALUES ($1, $2, $3, $4, $5)`, [accountId, contactId, role, source, confidence]);
  }

  /** An opportunity (deal) of the account; `createdAt` is when it was created in the CRM. */
  async opportunity(accountId: string, opts: { createdAt?: Date; deletedAt?: Date } = {}): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO opportunities (account_id, name, crm_created_at, deleted_at, connection_id, provider, object_type, crm_id)
       VALUES ($1, 'Deal', $2, $3, $4, 'salesforce', 'Opportunity', $5) RETURNING id`,
      [accountId, opts.createdAt ?? null, opts.deletedAt ?? null, this.connectionId, this.crmId()],
    );
    return row.id;
  }

  /** A contact's role on an opportunity (Salesforce OpportunityContactRole, or a HubSpot deal–contact label). */
  async opportunityRole(opportunityId: string, contactId: string, role: string | null, provider: 'salesforce' | 'hubspot' = 'salesforce'): Promise<void> {
    await this.ds.query(
      `INSERT INTO opportunity_contact_roles (opportunity_id, contact_id, role, crm_role, connection_id, provider, object_type, crm_id)
       VALUES ($1, $2, $3, $3, $4, $5, 'OpportunityContactRole', $6)`,
      [opportunityId, contactId, role, this.connectionId, provider, this.crmId()],
    );
  }

  async activity(accountId: string, contactId: string | null, type: string, occurredAt: Date, opts: { isOurs?: boolean; direction?: 'inbound' | 'outbound' } = {}): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO activities (account_id, contact_id, type, direction, occurred_at, is_ours, connection_id, provider, object_type, crm_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'salesforce', 'Task', $8) RETURNING id`,
      [accountId, contactId, type, opts.direction ?? null, occurredAt, opts.isOurs ?? false, this.connectionId, this.crmId()],
    );
    return row.id;
  }

  async license(accountId: string, rec: { kind: string; event?: string; start?: string; end?: string; quantity?: number; amount?: number; severity?: string; openedAt?: Date; contactId?: string; status?: string }): Promise<string> {
    const [row] = await this.ds.query(
      `INSERT INTO license_records (account_id, contact_id, kind, event, start_date, end_date, quantity, amount, severity, opened_at, status,
                                    connection_id, provider, object_type, crm_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'salesforce', 'Asset', $13) RETURNING id`,
      [accountId, rec.contactId ?? null, rec.kind, rec.event ?? null, rec.start ?? null, rec.end ?? null, rec.quantity ?? null, rec.amount ?? null,
        rec.severity ?? null, rec.openedAt ?? null, rec.status ?? null, this.connectionId, this.crmId()],
    );
    return row.id;
  }

  async score(asOf: Date, accountIds?: string[]) {
    return this.engine.run({ kind: accountIds ? 'incremental' : 'full', asOf, accountIds });
  }

  /** The account's current score as the API shows it (factors expanded, reasons in words). */
  async current(accountId: string): Promise<ScoreView> {
    const { current } = await this.query.accountScore(accountId);
    if (!current) throw new Error('no current score');
    return current;
  }

  static factor(score: ScoreView, signal: string): ScoreFactor | undefined {
    return score.factors.find((f) => f.signal === signal);
  }
}

export const days = (n: number) => n * 86_400_000;

/**
 * One fresh migrated database and fixture for a scenario file (created before its tests, closed after).
 * Read `fx` and `dataSource` inside tests, not at module load.
 */
export function useScenarioDatabase(): { readonly fx: ScoringFixture; readonly dataSource: DataSource } {
  let db: TestDatabase | undefined;
  let fixture: ScoringFixture | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = new ScoringFixture(db.dataSource);
  });
  afterAll(async () => db?.close());
  return {
    get fx() {
      if (!fixture) throw new Error('scenario database is not ready: use it inside a test');
      return fixture;
    },
    get dataSource() {
      if (!db) throw new Error('scenario database is not ready: use it inside a test');
      return db.dataSource;
    },
  };
}
