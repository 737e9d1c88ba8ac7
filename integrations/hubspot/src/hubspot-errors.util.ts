import type { CrmErrorInfo } from '../../../src/sync/ports/crm-errors';

export interface HubspotErrorInput {
  /** HTTP status; 0 for network failures (reset, timeout, DNS). */
  status: number;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  networkCode?: string;
}

function bodyField(body: unknown, key: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** Seconds or an HTTP date, per RFC 9110 §10.2.3. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * Classifies a HubSpot API failure. Follows HubSpot's error-handling and usage-details docs and the
 * @hubspot/api-client RetryDecorator (429 policyName TEN_SECONDLY_ROLLING → 10 s window; the search
 * "secondly limit" → 1 s; DAILY → stop), except that a Retry-After header, when present, wins.
 * 401 is "auth expired" (refresh once), every 5xx and network error is retryable, other 4xx permanent.
 */
export function classifyHubspotError(input: HubspotErrorInput): CrmErrorInfo {
  const message = bodyField(input.body, 'message') ?? (input.networkCode ? `network error ${input.networkCode}` : `HTTP ${input.status}`);
  const category = bodyField(input.body, 'category');
  const retryAfterMs = parseRetryAfter(input.headers?.['retry-after']);
  if (input.status === 0) return { kind: 'retryable', message, code: input.networkCode ?? 'NETWORK', status: 0 };
  if (input.status === 429) {
    const policy = bodyField(input.body, 'policyName') ?? '';
    if (policy === 'DAILY' || /daily/i.test(message)) {
      return { kind: 'rate_limited', daily: true, message, code: 'DAILY', status: 429, retryAfterMs };
    }
    if (/secondly limit/i.test(message) && policy !== 'TEN_SECONDLY_ROLLING') {
      return { kind: 'rate_limited', message, code: 'SECONDLY', status: 429, retryAfterMs: retryAfterMs ?? 1000 };
    }
    return { kind: 'rate_limited', message, code: policy || 'RATE_LIMIT', status: 429, retryAfterMs: retryAfterMs ?? 10_000 };
  }
  if (input.status === 401) return { kind: 'auth_expired', message, code: category ?? 'EXPIRED_AUTHENTICATION', status: 401 };
  if (input.status >= 500 || input.status === 408) return { kind: 'retryable', message, code: category ?? 'SERVER_ERROR', status: input.status, retryAfterMs };
  const missing = /Property "?([A-Za-z0-9_]+)"? (does not exist|doesn't exist)/.exec(message);
  return { kind: 'permanent', message, code: category ?? 'CLIENT_ERROR', status: input.status, invalidField: missing?.[1] };
}
