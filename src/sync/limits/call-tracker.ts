import type { EntityManager } from 'typeorm';
import type { MetricsService } from '../../platform/metrics/metrics.service';
import type { ApiCallEvent, CallHooks } from '../ports/crm-types';
import type { BudgetGuard } from './budget-guard.util';
import type { BucketPolicy, RateLimiterService } from './rate-limiter.service';

/**
 * The CallHooks of one run: budget guard and shared token bucket before each call, per-endpoint counts
 * after it. Counts reach api_usage_daily and sync_runs.api_calls inside each page's transaction (flush).
 */
export class CallTracker implements CallHooks {
  readonly calls: Record<string, number> = {};
  /** Calls the CRM answered 429 (or Salesforce REQUEST_LIMIT_EXCEEDED): the limiter's miss rate. */
  throttled = 0;
  private pending = new Map<string, { calls: number; used: number | null; max: number | null }>();

  constructor(
    private readonly limiter: RateLimiterService,
    private readonly buckets: { burst: BucketPolicy; search?: BucketPolicy },
    private readonly guard: BudgetGuard,
    private readonly metrics?: MetricsService,
  ) {}

  async beforeCall(_endpoint: string, search: boolean): Promise<void> {
    this.guard.beforeCall();
    if (search && this.buckets.search) await this.limiter.take(this.buckets.search);
    await this.limiter.take(this.buckets.burst);
  }

  afterCall(e: ApiCallEvent): void {
    this.calls[e.endpoint] = (this.calls[e.endpoint] ?? 0) + 1;
    if (e.status === 429) this.throttled++;
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
