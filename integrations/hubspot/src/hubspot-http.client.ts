import { Client } from '@hubspot/api-client';
import { CrmError, type CrmErrorInfo } from '../../../src/sync/ports/crm-errors';
import type { CallHooks } from '../../../src/sync/ports/crm-types';
import { classifyHubspotError } from './hubspot-errors.util';

/** Auth material for one HubSpot connection. */
export type HubspotCredentials =
  | { type: 'private_app'; accessToken: string }
  | { type: 'oauth'; clientId: string; clientSecret: string; refreshToken: string; accessToken?: string; expiresAt?: number };

export interface HubspotHttpOptions {
  baseUrl: string;
  credentials: HubspotCredentials;
  hooks: CallHooks;
  /** Called when OAuth hands out new tokens, so the connection row stays current (rotation-safe). */
  onTokens?: (tokens: { accessToken: string; refreshToken: string; expiresAt: number }) => Promise<void>;
  maxAttempts?: number;
  /** Refresh OAuth tokens this long before they expire (HubSpot: 30 min TTL, refresh by TTL, not on 401). */
  refreshMarginMs?: number;
  /** Per-request timeout; a hung socket becomes a retryable error. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface HubspotRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  qs?: Record<string, string>;
  body?: unknown;
  /** Endpoint kind for accounting, e.g. 'hs-list'. */
  endpoint: string;
  search?: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one HTTP path to HubSpot. Uses @hubspot/api-client's `apiRequest` (its auth and transport) but
 * with the library's retry and limiter decorators off: they ignore Retry-After and live in a
 * process-wide singleton (crm-apis-and-sync.md §6.2). Retries, Retry-After, the shared token bucket
 * (hooks.beforeCall) and OAuth refresh-by-TTL are done here instead.
 */
export class HubspotHttpClient {
  private readonly client: Client;
  private credentials: HubspotCredentials;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HubspotHttpOptions) {
    this.credentials = options.credentials;
    this.sleep = options.sleep ?? defaultSleep;
    this.client = new Client({ basePath: options.baseUrl.replace(/\/$/, ''), numberOfApiCallRetries: 0 });
  }

  private async accessToken(force = false): Promise<string> {
    const c = this.credentials;
    if (c.type === 'private_app') return c.accessToken;
    const margin = this.options.refreshMarginMs ?? 5 * 60_000;
    if (!force && c.accessToken && c.expiresAt && c.expiresAt - margin > Date.now()) return c.accessToken;
    await this.options.hooks.beforeCall('hs-oauth-token', false);
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: c.clientId, client_secret: c.clientSecret, refresh_token: c.refreshToken });
    const res = await this.client.apiRequest({ method: 'POST', path: '/oauth/v1/token', body: form.toString() as never, defaultJson: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const json = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; expires_in?: number; message?: string };
    this.options.hooks.afterCall({ provider: 'hubspot', endpoint: 'hs-oauth-token', status: res.status });
    if (!res.ok || !json.access_token) {
      throw new CrmError({ kind: 'permanent', code: 'OAUTH_REFRESH_FAILED', status: res.status, message: `OAuth refresh failed: ${json.message ?? res.status}` });
    }
    const next = { accessToken: json.access_token, refreshToken: json.refresh_token ?? c.refreshToken, expiresAt: Date.now() + (json.expires_in ?? 1800) * 1000 };
    this.credentials = { ...c, ...next };
    await this.options.onTokens?.(next);
    return next.accessToken;
  }

  async request<T>(req: HubspotRequest): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    let forceRefresh = false;
    let lastError: CrmErrorInfo | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const token = await this.accessToken(forceRefresh);
      forceRefresh = false;
      await this.options.hooks.beforeCall(req.endpoint, req.search === true);
      let status = 0;
      let body: unknown;
      let headers: Record<string, string | undefined> = {};
      let networkCode: string | undefined;
      try {
        const res = await this.withTimeout(
          this.client.apiRequest({ method: req.method, path: req.path, qs: req.qs, body: req.body as never, headers: { Authorization: `Bearer ${token}` } }),
        );
        status = res.status;
        headers = Object.fromEntries(res.headers.entries());
        const text = await res.text();
        body = text ? JSON.parse(text) : undefined;
      } catch (err) {
        networkCode = (err as { code?: string }).code ?? (err as Error).name ?? 'NETWORK';
        if (err instanceof SyntaxError) networkCode = 'BAD_JSON';
      }
      const daily = headers['x-hubspot-ratelimit-daily'];
      const dailyRemaining = headers['x-hubspot-ratelimit-daily-remaining'];
      const usage = daily && dailyRemaining ? { used: Number(daily) - Number(dailyRemaining), max: Number(daily) } : undefined;
      this.options.hooks.afterCall({ provider: 'hubspot', endpoint: req.endpoint, status, usage });
      if (status >= 200 && status < 300 && !networkCode) return body as T;
      const info = classifyHubspotError({ status, body, headers, networkCode });
      lastError = info;
      if (info.kind === 'permanent' || info.daily) throw new CrmError(info);
      if (info.kind === 'auth_expired') {
        if (this.credentials.type === 'private_app' || attempt > 2) throw new CrmError(info);
        forceRefresh = true;
        continue;
      }
      const backoff = info.retryAfterMs ?? Math.min(30_000, 250 * 2 ** (attempt - 1));
      await this.sleep(backoff);
    }
    throw new CrmError(lastError ?? { kind: 'retryable', message: 'HubSpot request failed' });
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.options.timeoutMs ?? 60_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })), ms);
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  }
}
