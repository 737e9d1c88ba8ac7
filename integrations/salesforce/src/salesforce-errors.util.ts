import type { CrmErrorInfo } from '../../../src/sync/ports/crm-errors';

export interface SalesforceErrorInput {
  /** HTTP status; 0 for network failures. */
  status: number;
  /** Salesforce errorCode (REST body `[{errorCode, message}]`) or OAuth `error`. */
  errorCode?: string;
  message?: string;
  headers?: Record<string, string | undefined>;
  networkCode?: string;
}

const RETRYABLE_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'QUERY_TIMEOUT', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG', 'INVALID_QUERY_LOCATOR', 'TXN_SECURITY_METERING_ERROR']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ESOCKETTIMEDOUT', 'ABORT_ERR']);

/**
 * Classifies a Salesforce REST/Bulk 2.0/OAuth failure, after the REST API status-code table
 * (developer.salesforce.com …/errorcodes.htm) and the connectors in crm-apis-and-sync.md §3.1–3.2:
 * - 401 INVALID_SESSION_ID → auth expired (refresh, retry once);
 * - 403 REQUEST_LIMIT_EXCEEDED "TotalRequests" → the rolling 24 h allocation is spent: stop and resume
 *   later (Airbyte ends the sync successfully; sleeping is useless); other REQUEST_LIMIT_EXCEEDED
 *   (concurrent long-running requests) → rate limited, short wait;
 * - UNABLE_TO_LOCK_ROW, QUERY_TIMEOUT, 5xx, 420/429 and network errors → retryable;
 * - INVALID_FIELD "No such column 'X'" → permanent but names the field so the engine can drop it;
 * - invalid_grant (revoked/expired refresh token) and every other 4xx → permanent.
 */
export function classifySalesforceError(input: SalesforceErrorInput): CrmErrorInfo {
  const code = input.errorCode ?? (input.networkCode ? input.networkCode : undefined);
  const message = input.message ?? code ?? `HTTP ${input.status}`;
  const base = { message, code, status: input.status };
  if (input.status === 0 || (code && NETWORK_CODES.has(code))) return { ...base, kind: 'retryable' };
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    if (/TotalRequests|total requests/i.test(message)) return { ...base, kind: 'rate_limited', daily: true };
    return { ...base, kind: 'rate_limited', retryAfterMs: 5000 };
  }
  if (input.status === 401 || code === 'INVALID_SESSION_ID') {
    return { ...base, kind: 'auth_expired' };
  }
  if (code === 'invalid_grant' || code === 'invalid_client' || code === 'invalid_client_id') return { ...base, kind: 'permanent' };
  if (code && RETRYABLE_CODES.has(code)) return { ...base, kind: 'retryable' };
  if (input.status === 420 || input.status === 429) {
    const after = input.headers?.['retry-after'];
    return { ...base, kind: 'rate_limited', retryAfterMs: after && /^\d+$/.test(after) ? Number(after) * 1000 : 5000 };
  }
  if (input.status >= 500 || input.status === 408) return { ...base, kind: 'retryable' };
  if (code === 'INVALID_FIELD') {
    const m = /No such column '([^']+)'/.exec(message);
    return { ...base, kind: 'permanent', invalidField: m?.[1] };
  }
  return { ...base, kind: 'permanent' };
}

/** Parses `Sforce-Limit-Info: api-usage=123/15000` (jsforce connection.ts reads the same header). */
export function parseLimitInfo(header: string | undefined): { used: number; max: number } | undefined {
  const m = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
  return m ? { used: Number(m[1]), max: Number(m[2]) } : undefined;
}
