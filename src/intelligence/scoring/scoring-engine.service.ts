import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { candidatesSql, committeeSql, engagedContactsSql, membersSql, persistMembersSql } from '../committees/committee-sql.util';
import type { ScoringDefinition } from '../config/scoring-definition.types';
import { effectiveWeights } from '../config/scoring-definition.util';
import { contactActivitySql, engagementSql } from '../engagement/engagement-sql.util';
import { fitSql } from '../fit/fit-sql.util';
import { loyaltyRawSql, loyaltySql } from '../loyalty/loyalty-sql.util';
import { deltaSql } from './change-reasons-sql.util';
import { finalSql } from './combine-sql.util';
import { ScoreConfigService } from '../config/score-config.service';
import { signalLabels } from './packed-factor.util';
import { SqlParams, sqlContext } from './sql-params.util';

export interface ScoringRequest {
  kind: 'full' | 'incremental' | 'backtest';
  /** Defaults to now. Backtests score the past with only data from before this moment. */
  asOf?: Date;
  /** Incremental runs: the accounts to rescore (deleted ones just lose their current score). */
  accountIds?: string[];
  /** Score with this definition instead of the active one (backtesting a draft). */
  config?: { version: number; definition: ScoringDefinition };
  onProgress?: (done: number, total: number, step: string) => void;
  /** Concurrent chunks for all-account runs (capped by the connection pool). Default 2. */
  parallelism?: number;
}

export interface ScoringRunSummary {
  runId: string;
  kind: ScoringRequest['kind'];
  asOf: string;
  configVersion: number;
  modelVersion: string;
  accountsScored: number;
  accountsRetired: number;
  tiers: Record<'A' | 'B' | 'C' | 'D', number>;
  meanScore: number | null;
  durationMs: number;
  /** Milliseconds per step, to see where time goes at volume. */
  stepMs: Record<string, number>;
}

type Statement = { sql: string; params: unknown[] };

/** Steps of a run over many accounts; a run over a few has one fewer (committee candidates are inlined). */
const STEP_COUNT = 12;
const SMALL_RUN = 20;

interface ChunkResult {
  rows: Array<{ tier: 'A' | 'B' | 'C' | 'D'; n: number; total: number }>;
  retired: number;
  stepMs: Record<string, number>;
}

interface ChunkJob {
  ctx: ReturnType<typeof sqlContext>;
  def: ScoringDefinition;
  w: ScoringDefinition['weights'];
  live: boolean;
  ids: string[] | null;
  runId: string;
  startedMs: number;
  version: number;
  modelVersion: string;
  chunks: number;
}

/**
 * Temporary tables (dropped at commit) to ANALYZE after a step, before a later step joins them: fresh temp
 * tables have no statistics, and the planner's default guess turns joins against them into sequential scans
 * of the big tables (one account) or nested loops (all accounts). Only the join keys: statistics of the wide
 * text and JSON columns cost most of an ANALYZE and no plan reads them. Batched to save round trips.
 */
const ANALYZE_AFTER: Record<string, string> = {
  accounts: 'sc_scope (account_id)',
  activities: 'sc_activity_type (account_id, type)',
  'engaged contacts': 'sc_engaged (account_id, contact_id)',
  'committee candidates': 'sc_cand (account_id, contact_id)',
  'committee members': 'sc_members (account_id, contact_id, role)',
  'license records': 'sc_fit (account_id), sc_engagement (account_id), sc_committee (account_id), sc_loyalty_raw (raw_account_id)',
  loyalty: 'sc_loyalty (account_id)',
  score: 'sc_final (account_id)',
};

/**
 * Scores accounts with set-based SQL only: each component is one GROUP BY statement into a temporary table,
 * and the scores are written with one INSERT … SELECT, so 100k accounts cost a handful of statements, not
 * 100k round trips. Everything runs in one transaction: the previous score stops being current exactly when
 * the new one is written, and a failed run leaves nothing behind.
 */
@Injectable()
export class ScoringEngineService {
  private readonly logger = new Logger('Scoring');

  constructor(
    private readonly dataSource: DataSource,
    private readonly configs: ScoreConfigService,
  ) {}

  async run(request: ScoringRequest): Promise<ScoringRunSummary> {
    const started = Date.now();
    const asOf = request.asOf ?? new Date();
    const ctx = sqlContext(asOf);
    const active = request.config ?? (await this.configs.active());
    const def = active.definition;
    const modelVersion = def.learned?.modelVersion ?? 'rules';
    const w = effectiveWeights(def);
    const live = request.kind !== 'backtest';
    const ids = request.accountIds ? [...new Set(request.accountIds)] : null;

    // The run row is written once, complete, at the end: inside the transaction for a single chunk (one commit
    // for an incremental rescore), after all chunks otherwise. account_scores rows carry its id meanwhile.
    const run = { id: randomUUID() };
    // All accounts: split by a hash of the id into one chunk per pooled connection (2 on PostgreSQL here, 1 on
    // PGlite) scored concurrently, each chunk its own transaction; a few accounts: one transaction.
    const chunks = ids ? 1 : Math.max(1, Math.min(request.parallelism ?? 2, this.poolSize()));
    const job: ChunkJob = { ctx, def, w, live, ids, runId: run.id, startedMs: started, version: active.version, modelVersion, chunks };
    let done = 0;
    const steps = ids !== null && ids.length <= SMALL_RUN ? STEP_COUNT - 1 : STEP_COUNT;
    const progress = (label: string) => request.onProgress?.(++done, (steps + 1) * chunks, label);
    let summary: ScoringRunSummary | undefined;
    const finish = async (manager: EntityManager, parts: ChunkResult[]) => {
      summary = this.summarise(request, job, parts, asOf, started);
      await manager.query(
        `INSERT INTO scoring_runs (id, kind, as_of, config_version, model_version, started_at, finished_at, accounts_scored, stats)
         VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8)`,
        [run.id, request.kind, asOf, active.version, modelVersion, new Date(started), summary.accountsScored,
          JSON.stringify({ tiers: summary.tiers, meanScore: summary.meanScore, retired: summary.accountsRetired, durationMs: summary.durationMs, stepMs: summary.stepMs, chunks })],
      );
    };
    const parts = await Promise.all(
      Array.from({ length: chunks }, (_, chunk) => this.runChunk(job, chunk, progress, chunks === 1 ? (m, part) => finish(m, [part]) : undefined)),
    );
    if (chunks > 1) await finish(this.dataSource.manager, parts);
    this.logger.log(`${request.kind} scoring run ${run.id}: ${summary!.accountsScored} accounts in ${summary!.durationMs} ms`);
    return summary!;
  }

  private summarise(request: ScoringRequest, job: ChunkJob, parts: ChunkResult[], asOf: Date, started: number): ScoringRunSummary {
    const tiers = { A: 0, B: 0, C: 0, D: 0 };
    let count = 0;
    let sum = 0;
    let retired = 0;
    const stepMs: Record<string, number> = {};
    for (const part of parts) {
      for (const r of part.rows) {
        tiers[r.tier] += r.n;
        count += r.n;
        sum += r.total;
      }
      retired += part.retired;
      for (const [k, v] of Object.entries(part.stepMs)) stepMs[k] = Math.max(stepMs[k] ?? 0, v);
    }
    return {
      runId: job.runId,
      kind: request.kind,
      asOf: asOf.toISOString(),
      configVersion: job.version,
      modelVersion: job.modelVersion,
      accountsScored: count,
      accountsRetired: retired,
      tiers,
      meanScore: count ? Math.round((sum / count) * 100) / 100 : null,
      durationMs: Date.now() - started,
      stepMs,
    };
  }

  private poolSize(): number {
    return (this.dataSource.options as { poolSize?: number }).poolSize ?? 1;
  }

  private runChunk(job: ChunkJob, chunk: number, progress: (label: string) => void, finish?: (manager: EntityManager, part: ChunkResult) => Promise<void>): Promise<ChunkResult> {
    const { ctx, def, w, live, ids } = job;
    return this.dataSource.transaction(async (manager) => {
      // Short, big statements: JIT compilation costs more than it saves here. Hashing wants more than 4 MB: the
      // per-contact activity aggregate of 100k accounts needs ~130 MB, and a spilled hash costs it a second pass.
      // A few accounts: only the scope table needs statistics (every big table is reached through it); the
      // other ANALYZE round trips would dominate a single-account rescore.
      const small = ids !== null && ids.length <= SMALL_RUN;
      // Many accounts: every join is over whole tables, so hash joins are right; a misestimated row count over a
      // CTE must not turn one into a nested loop that re-runs an aggregate per row.
      // A sample of 3,000 rows (statistics target 10) is plenty for the key columns of tables this simple, and
      // ANALYZE reads 30,000 at the default.
      await manager.query(
        `SET LOCAL jit = off; SET LOCAL work_mem = '${small ? '64MB' : '256MB'}'${small ? '' : '; SET LOCAL enable_nestloop = off; SET LOCAL default_statistics_target = 10'}`,
      );
      const steps: Array<[string, Statement | Statement[]]> = [
        ['accounts', this.scopeSql(ctx.asOf, ids, job.chunks, chunk)],
        ['activities', contactActivitySql(def, ctx)],
        ['engaged contacts', engagedContactsSql(def, ctx)],
        ...(small ? [] : [['committee candidates', candidatesSql(def, ctx)] as [string, Statement]]),
        ['committee members', membersSql(ctx, small ? def : undefined)],
        ['fit', fitSql(def, w.fit)],
        ['engagement', engagementSql(def, w.engagement)],
        ['committee', committeeSql(def, ctx, w.committee)],
        ['license records', loyaltyRawSql(def, ctx)],
        ['loyalty', loyaltySql(def, ctx, w.loyalty)],
        ['score', finalSql(def, w, job.startedMs)],
        ['changes', deltaSql(ctx, !live, signalLabels(def), ids)],
      ];
      const stepMs: Record<string, number> = {};
      for (const [label, stmts] of steps) {
        const t0 = Date.now();
        try {
          for (const stmt of Array.isArray(stmts) ? stmts : [stmts]) await manager.query(stmt.sql, stmt.params);
        } catch (err) {
          (err as Error).message = `scoring step "${label}": ${(err as Error).message}`;
          throw err;
        }
        if (ANALYZE_AFTER[label] && (!small || label === 'accounts')) await manager.query(`ANALYZE ${ANALYZE_AFTER[label]}`);
        stepMs[label] = Date.now() - t0;
        progress(label);
      }
      const t1 = Date.now();
      const rows = (await manager.query(
        `WITH ins AS (
           INSERT INTO account_scores (id, account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors,
                                       contributions_x100, factor_signature, delta, delta_reasons, config_version, model_version, as_of, computed_at)
           SELECT f.id, f.account_id, $1, f.score, f.tier, f.fit, f.engagement, f.committee, f.loyalty, f.factors,
                  f.contributions_x100, f.factor_signature, d.delta, coalesce(d.reasons, '[]'::jsonb), $2, $3, $4, now()
           FROM sc_final f LEFT JOIN sc_delta d ON d.account_id = f.account_id
           RETURNING tier, score)
         SELECT tier, count(*)::int AS n, sum(score)::float8 AS total FROM ins GROUP BY tier`,
        [job.runId, job.version, job.modelVersion, ctx.asOf],
      )) as Array<{ tier: 'A' | 'B' | 'C' | 'D'; n: number; total: number }>;
      const retired = live ? await this.moveCurrent(manager, ids, chunk === 0, ctx.asOf) : 0;
      if (live) {
        const persist = persistMembersSql();
        await manager.query(persist.sql, persist.params);
      }
      stepMs.saved = Date.now() - t1;
      progress('saved');
      const part = { rows, retired, stepMs };
      if (finish) await finish(manager, part);
      return part;
    });
  }

  /** Accounts alive at `asOf` (all, or the requested ones). */
  private scopeSql(asOf: Date, ids: string[] | null, chunks: number, chunk: number): Statement {
    const p = new SqlParams();
    const at = p.add(asOf, 'timestamptz');
    const filter = ids ? ` AND a.id = ANY(${p.add(ids, 'uuid[]')})` : chunks > 1 ? ` AND abs(hashtext(a.id::text) % ${chunks}) = ${chunk}` : '';
    return {
      sql: `CREATE TEMP TABLE sc_scope ON COMMIT DROP AS
        SELECT a.id AS account_id, a.industry, a.country, a.employees, a.annual_revenue, a.technologies, a.custom_fields
        FROM accounts a WHERE (a.deleted_at IS NULL OR a.deleted_at > ${at})${filter}`,
      params: p.values,
    };
  }

  /**
   * The new scores become current: one narrow pointer per account is upserted (the score rows themselves are
   * never updated). Accounts that are gone (deleted at `asOf`, or no longer in the table) lose theirs, and their
   * persisted committee; returns how many were retired.
   */
  private async moveCurrent(manager: EntityManager, ids: string[] | null, sweepDeleted: boolean, asOf: Date): Promise<number> {
    // Existing pointers are moved by a joined UPDATE (in place on their half-empty pages, no index change); only
    // accounts scored for the first time go through the upsert, which also settles a race with a concurrent run.
    // A few accounts: their ids as an index condition, so moving one pointer never scans the table.
    await manager.query(
      `UPDATE account_current_scores c SET score_id = f.id FROM sc_final f WHERE c.account_id = f.account_id${ids ? ' AND c.account_id = ANY($1::uuid[])' : ''}`,
      ids ? [ids] : [],
    );
    await manager.query(
      `INSERT INTO account_current_scores AS c (account_id, score_id)
       SELECT f.account_id, f.id FROM sc_final f WHERE NOT EXISTS (SELECT 1 FROM account_current_scores x WHERE x.account_id = f.account_id)
       ON CONFLICT (account_id) DO UPDATE SET score_id = EXCLUDED.score_id`,
    );
    if (ids) {
      const gone = `NOT EXISTS (SELECT 1 FROM sc_scope s WHERE s.account_id = x.account_id)`;
      await manager.query(`DELETE FROM account_current_scores x WHERE x.account_id = ANY($1::uuid[]) AND ${gone}`, [ids]);
      const [r] = (await manager.query(`SELECT count(*)::int AS n FROM unnest($1::uuid[]) x(account_id) WHERE ${gone}`, [ids])) as Array<{ n: number }>;
      await manager.query(`DELETE FROM committee_memberships x WHERE x.account_id = ANY($1::uuid[]) AND ${gone}`, [ids]);
      return r.n;
    }
    if (!sweepDeleted) return 0;
    // One chunk also retires accounts that are gone (no other chunk has them in scope).
    const alive = `EXISTS (SELECT 1 FROM accounts a WHERE a.id = x.account_id AND (a.deleted_at IS NULL OR a.deleted_at > $1))`;
    const [r] = (await manager.query(
      `WITH gone AS (DELETE FROM account_current_scores x WHERE NOT ${alive} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [asOf],
    )) as Array<{ n: number }>;
    await manager.query(`DELETE FROM committee_memberships x WHERE NOT ${alive}`, [asOf]);
    return r.n;
  }
}
