import type { SandboxClock } from './clock.util';
import { HubspotHttpError, errorBody } from './hubspot-errors.util';
import type { Principal } from './auth.service';

/**
 * Limits per tier as HubSpot states them (developers.hubspot.com/apisbytier and the changelog
 * "increasing our API limits"; reference section 2.2): burst per 10 s rolling window for private apps,
 * daily per account. The API Limit Increase pack sets the burst to 250 and adds 1,000,000 a day.
 * Public (OAuth) apps get 110 per 10 s per installed account.
 */
export const RATE_TIERS = {
  'free-starter': { burst: 100, daily: 250_000 },
  professional: { burst: 190, daily: 650_000 },
  enterprise: { burst: 190, daily: 1_000_000 },
  'enterprise-api-pack': { burst: 250, daily: 2_000_000 },
} as const;

export type RateTier = keyof typeof RATE_TIERS;

export const OAUTH_APP_BURST = 110;
/** CRM search: 5 requests per second per token (changelog "CRM search API rate limit increase"). */
export const SEARCH_PER_SECOND = 5;
const WINDOW_MS = 10_000;

/** Timestamps of accepted requests inside a rolling window. */
class RollingWindow {
  private stamps: number[] = [];
  private head = 0;

  count(now: number, windowMs: number): number {
    while (this.head < this.stamps.length && this.stamps[this.head] <= now - windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  countSince(since: number): number {
    let n = 0;
    for (let i = this.stamps.length - 1; i >= this.head && this.stamps[i] > since; i--) n++;
    return n;
  }

  /** Milliseconds until the oldest request leaves the window. */
  msUntilFree(now: number, windowMs: number): number {
    this.count(now, windowMs);
    const oldest = this.stamps[this.head];
    return oldest === undefined ? 0 : Math.max(0, oldest + windowMs - now);
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

export class RateLimiter {
  enabled = true;
  tier: RateTier;
  private readonly burst = new Map<string, RollingWindow>();
  private readonly search = new Map<string, RollingWindow>();
  private dailyDay = -1;
  private dailyUsed = 0;

  constructor(
    private readonly clock: SandboxClock,
    tier: RateTier,
    private readonly portalId: number,
  ) {
    this.tier = tier;
  }

  private window(map: Map<string, RollingWindow>, key: string): RollingWindow {
    let window = map.get(key);
    if (!window) {
      window = new RollingWindow();
      map.set(key, window);
    }
    return window;
  }

  private burstMax(principal: Principal): number {
    return principal.kind === 'oauth' ? OAUTH_APP_BURST : RATE_TIERS[this.tier].burst;
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / 86_400_000);
    if (day !== this.dailyDay) {
      this.dailyDay = day;
      this.dailyUsed = 0;
    }
  }

  /**
   * The live 429 body has no `category`; the spec's Error schema requires one, so we add HubSpot's
   * documented error category for rate limits ("RATE_LIMITS") next to the fields the SDK reads.
   * `groupName` follows the recorded form `publicapi:hapikey-api-calls-ten-secondly:<portal>`
   * (HubSpot/hubspot-api-python#117). HubSpot sends `Retry-After` (seconds) on 429s and its usage
   * guidelines ask clients to honour it (quoted in PostHog/posthog PR #64726); the SDK ignores it.
   */
  private tooMany(message: string, policyName: string, principal: Principal, policy: string, retryAfterMs: number): HubspotHttpError {
    const groupName = `publicapi:${principal.kind}-api-calls-${policy}:${this.portalId}`;
    const body = errorBody('RATE_LIMITS', message, { errorType: 'RATE_LIMIT', policyName, groupName });
    return new HubspotHttpError(429, body, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
  }

  /**
   * Admits one request or throws the 429 HubSpot sends. Returns the `X-HubSpot-RateLimit-*` headers.
   * Search has its own per-token limit and the sandbox sends none of these headers on search responses
   * (whether HubSpot does is not documented; treat it as unverified).
   */
  admit(principal: Principal, isSearch: boolean): Record<string, string> {
    const now = this.clock.now();
    // The daily allowance resets at midnight in the account's time zone; the sandbox uses UTC.
    this.rollDay(now);
    const key = `${principal.kind}:${principal.appId}`;
    const daily = RATE_TIERS[this.tier].daily;
    if (!this.enabled) return {};
    if (this.dailyUsed >= daily) throw this.tooMany('You have reached your daily limit.', 'DAILY', principal, 'daily', 86_400_000 - (now % 86_400_000));
    if (isSearch) {
      const window = this.window(this.search, principal.label);
      if (window.count(now, 1000) >= SEARCH_PER_SECOND) throw this.tooMany('You have reached your secondly limit.', 'SECONDLY', principal, 'search-secondly', window.msUntilFree(now, 1000));
      window.add(now);
      this.dailyUsed++;
      return {};
    }
    const window = this.window(this.burst, key);
    const max = this.burstMax(principal);
    const used = window.count(now, WINDOW_MS);
    if (used >= max) throw this.tooMany('You have reached your ten_secondly_rolling limit.', 'TEN_SECONDLY_ROLLING', principal, 'ten-secondly', window.msUntilFree(now, WINDOW_MS));
    window.add(now);
    this.dailyUsed++;
    const secondly = Math.ceil(max / 10);
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(WINDOW_MS),
      'X-HubSpot-RateLimit-Max': String(max),
      'X-HubSpot-RateLimit-Remaining': String(max - used - 1),
      'X-HubSpot-RateLimit-Secondly': String(secondly),
      'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, secondly - window.countSince(now - 1000))),
    };
    // Usage-details docs: the daily headers are not included for OAuth-authenticated requests.
    if (principal.kind === 'private-app') {
      headers['X-HubSpot-RateLimit-Daily'] = String(daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(daily - this.dailyUsed);
    }
    return headers;
  }

  /** Test hook: pretend `used` calls were already made today. */
  setDailyUsed(used: number): void {
    this.rollDay(this.clock.now());
    this.dailyUsed = used;
  }
}
