import type { EntityManager } from 'typeorm';
import type { MetricsService } from '../../platform/metrics/metrics.service';
import type { ApiCallEvent, CallHooks } from '../ports/crm-types';
import type { BudgetGuard } from './budget-guard.util';
import type { BucketPolicy, RateLimiterService } from './rate-limiter.service';

/** Burst-bucket tokens taken per database round trip (see `token`). */
const STASH_TOKENS = 4;

/**
 * The CallHooks of one run: budget guard and shared token bucket before each call, per-endpoint counts
 * after it. Counts reach api_usage_daily and sync_runs.api_calls inside each page's transaction (flush).
 */
export class CallTracker implements CallHooks {
  readonly calls: Record<string, number> = {};
  /** Calls the CRM answered 429 (or Salesforce REQUEST_LIMIT_EXCEEDED): the limiter's miss rate. */
  throttled = 0;
  private pending = new Map<string, { calls: number; used: number | null; max: number | null }>();
  private readonly stash = new Map<string, { tokens: number; takenAt: number }>();

  constructor(
    private readonly limiter: RateLimiterService,
    private readonly buckets: { burst: BucketPolicy; search?: BucketPolicy },
    private readonly guard: BudgetGuard,
    private readonly metrics?: MetricsService,
  ) {}

  async beforeCall(_endpoint: string, search: boolean): Promise<void> {
    this.guard.beforeCall();
    if (search && this.buckets.search) await this.token(this.buckets.search, 1);
    await this.token(this.buckets.burst, STASH_TOKENS);
  }

  /**
   * One token of a bucket, from the stash when it holds a fresh one. Tokens are taken a few at a time so
   * that a busy database session (PGlite commits a page while the next is read) blocks the reader once
   * per few calls, not on every call. A stashed token is spent within 5 % of the bucket's window or
   * dropped: the calls in any window then stay under capacity + 1.05 × window × refill < the CRM's limit.
   */
  private async token(policy: BucketPolicy, want: number): Promise<void> {
    const s = this.stash.get(policy.key);
    if (s && s.tokens > 0 && Date.now() - s.takenAt <= policy.windowSeconds * 50) {
      s.tokens--;
      return;
    }
    const { granted } = await this.limiter.takeUpTo(policy, want);
    this.stash.set(policy.key, { tokens: granted - 1, takenAt: Date.now() });
  }

  afterCall(e: ApiCallEvent): void {
    this.calls[e.endpoint] = (this.calls[e.endpoint] ?? 0) + 1;
    if (e.status === 429) {
      this.throttled++;
      this.stash.clear(); // the CRM disagrees with our buckets: no call on tokens taken before it said so
    }
    const p = this.pending.get(e.endpoint) ?? { calls: 0, used: null, max: null };
    p.calls++;
    if (e.usage) {
      p.used = e.usage.used;
      p.max = e.usage.max;
    }
    this.pending.set(e.endpoint, p);
    this.guard.observe(e.usage);
    this.metrics?.crmCalls.inc({ provider: e.provider, endpoint: e.endpoint, outcome: e.status >= 200 && e.status < 300 ? 'ok' : String(e.status || 'network') });
  }

  total(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  /** Adds the calls made since the last flush to api_usage_daily (one multi-row upsert). */
  async flush(m: EntityManager, connectionId: string): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.entries()].map(([endpoint, p]) => ({ endpoint, calls: p.calls, used: p.used, max: p.max }));
    this.pending = new Map();
    await m.query(
      `INSERT INTO api_usage_daily (connection_id, day, endpoint, calls, crm_used, crm_max)
       SELECT $2, (now() AT TIME ZONE 'UTC')::date, v.endpoint, v.calls, v.used, v.max FROM jsonb_to_recordset($1::jsonb) AS v(endpoint text, calls integer, used integer, max integer)
       ON CONFLICT (connection_id, day, endpoint) DO UPDATE SET calls = api_usage_daily.calls + EXCLUDED.calls,
         crm_used = COALESCE(EXCLUDED.crm_used, api_usage_daily.crm_used), crm_max = COALESCE(EXCLUDED.crm_max, api_usage_daily.crm_max)`,
      [JSON.stringify(rows), connectionId],
    );
  }
}
