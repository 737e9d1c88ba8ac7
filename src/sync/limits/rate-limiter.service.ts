import { queryRows } from '../../account-graph/sync/sql-rows.util';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A rolling-window limit expressed as a token bucket: at most `share × limit` calls in any window. */
export interface BucketPolicy {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Fraction of the CRM's limit we allow ourselves (default 0.9) so other integrations keep headroom. */
  share?: number;
}

/**
 * Capacity and refill such that capacity + window × refill = share × limit: a bucket can never let more
 * than the budget through in any rolling window. The capacity is what a sustained run gives up (a paginated
 * read never bursts), so it is kept to 2.5 % of the budget: enough for a reader to take a few tokens per round
 * trip (CallTracker), and the long-run rate stays within 2.5 % of our share (at 5 %, a HubSpot backfill took
 * 1.06× the time our share allows).
 */
export function bucketShape(p: BucketPolicy): { capacity: number; refillPerSecond: number } {
  const budget = p.limit * (p.share ?? 0.9);
  const capacity = Math.max(1, Math.floor(budget * 0.025));
  return { capacity, refillPerSecond: Math.max(0.01, (budget - capacity) / p.windowSeconds) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Token buckets in api_rate_buckets, shared by every worker process: each take is one atomic UPDATE
 * holding the row lock for the refill-and-take, so N workers together stay under the budget.
 * Never called inside a sync transaction (PGlite has one connection).
 */
@Injectable()
export class RateLimiterService {
  constructor(private readonly dataSource: DataSource) {}

  async take(policy: BucketPolicy): Promise<number> {
    return (await this.takeUpTo(policy, 1)).waited;
  }

  /**
   * Waits for at least one token and takes up to `want` at once (as many as the bucket holds): a caller
   * whose database session is often busy (PGlite's single session during a page commit) pays one round
   * trip for several calls. Tokens must be spent at once (see CallTracker.token), or the window bound slips.
   */
  async takeUpTo(policy: BucketPolicy, want: number): Promise<{ granted: number; waited: number }> {
    const { capacity, refillPerSecond } = bucketShape(policy);
    let waited = 0;
    for (;;) {
      const rows = await queryRows<{ avail: number; blocked_ms: number; granted: number }>(this.dataSource, `WITH ensure AS (
           INSERT INTO api_rate_buckets (key, tokens, capacity, refill_per_second, refilled_at, blocked_until)
           VALUES ($1, $2, $2, $3, clock_timestamp(), NULL) ON CONFLICT (key) DO NOTHING RETURNING key),
         cur AS (
           SELECT key, LEAST($2::float8, tokens + GREATEST(0, EXTRACT(EPOCH FROM (clock_timestamp() - refilled_at))) * $3::float8) AS avail,
                  GREATEST(0, EXTRACT(EPOCH FROM (blocked_until - clock_timestamp())) * 1000) AS blocked_ms
           FROM api_rate_buckets WHERE key = $1 FOR UPDATE),
         grant_ AS (
           SELECT key, avail, blocked_ms, CASE WHEN avail >= 1 AND COALESCE(blocked_ms, 0) = 0 THEN LEAST(floor(avail), $4::float8) ELSE 0 END AS n FROM cur)
         UPDATE api_rate_buckets b SET
           tokens = g.avail - g.n, refilled_at = clock_timestamp(), capacity = $2, refill_per_second = $3
         FROM grant_ g WHERE b.key = g.key
         RETURNING g.avail::float8 AS avail, COALESCE(g.blocked_ms, 0)::float8 AS blocked_ms, g.n::int AS granted`,
        [policy.key, capacity, refillPerSecond, Math.max(1, Math.floor(want))],
      );
      const row = rows[0];
      if (!row) continue; // first use of the key: the row was inserted by this statement's CTE; take again
      if (row.granted > 0) return { granted: row.granted, waited };
      const wait = row.blocked_ms > 0 ? row.blocked_ms : Math.ceil(((1 - row.avail) / refillPerSecond) * 1000);
      const ms = Math.max(5, Math.min(wait, 60_000));
      waited += ms;
      await sleep(ms);
    }
  }

  /** Nobody calls on this bucket before `until` (Retry-After, daily exhaustion). */
  async block(key: string, until: Date): Promise<void> {
    await this.dataSource.query(`UPDATE api_rate_buckets SET blocked_until = GREATEST(COALESCE(blocked_until, $2), $2) WHERE key = $1`, [key, until]);
  }
}
