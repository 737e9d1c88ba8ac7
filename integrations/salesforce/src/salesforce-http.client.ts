import { createSign } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Connection } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api';
import streamRequest from 'jsforce/lib/request';
import { CrmError, type CrmErrorInfo } from '../../../src/sync/ports/crm-errors';
import type { CallHooks } from '../../../src/sync/ports/crm-types';
import { classifySalesforceError, parseLimitInfo } from './salesforce-errors.util';

/** Auth material for one Salesforce connection (web-server OAuth refresh, JWT bearer, client credentials). */
export type SalesforceCredentials =
  | { type: 'oauth_refresh'; clientId: string; clientSecret?: string; refreshToken: string; accessToken?: string }
  | { type: 'jwt_bearer'; clientId: string; username: string; privateKeyPem: string; accessToken?: string }
  | { type: 'client_credentials'; clientId: string; clientSecret: string; accessToken?: string };

export interface SalesforceHttpOptions {
  instanceUrl: string;
  loginUrl: string;
  credentials: SalesforceCredentials;
  hooks: CallHooks;
  apiVersion?: string;
  /** Persist rotated tokens (a refresh may hand back a new refresh token when rotation is on). */
  onTokens?: (tokens: { accessToken: string; refreshToken?: string; instanceUrl?: string }) => Promise<void>;
  maxAttempts?: number;
  /** Per-request timeout; a hung request becomes a retryable error. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SalesforceRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below /services/data/vXX.X, e.g. '/queryAll?q=…'. */
  path: string;
  body?: unknown;
  endpoint: string;
  /** 'text' returns the raw body (Bulk 2.0 CSV results). */
  responseType?: 'json' | 'text';
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON-encoding `body` (Bulk 2.0 CSV upload). */
  rawBody?: string;
}

export interface SalesforceResponse<T> {
  body: T;
  headers: Record<string, string | undefined>;
}

/** A response whose body is still to be read: the caller consumes it (and so decides what is held). */
export interface SalesforceStreamResponse {
  headers: Record<string, string | undefined>;
  body: Readable;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function jwtAssertion(clientId: string, username: string, audience: string, privateKeyPem: string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ iss: clientId, sub: username, aud: audience, exp: Math.floor(Date.now() / 1000) + 180 })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKeyPem).toString('base64url')}`;
}

/**
 * The one HTTP path to Salesforce: a jsforce Connection (its OAuth2 client and session-refresh delegate
 * refresh on INVALID_SESSION_ID, since Salesforce returns no expires_in) and jsforce's HttpApi, used
 * directly so we see status and headers (Sforce-Locator, Sforce-Limit-Info) and retry POSTs too —
 * jsforce itself retries only GET/PUT/HEAD/OPTIONS/DELETE (crm-apis-and-sync.md §6.1).
 */
export class SalesforceHttpClient {
  readonly conn: Connection;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly apiVersion: string;

  constructor(private readonly options: SalesforceHttpOptions) {
    this.sleep = options.sleep ?? defaultSleep;
    this.apiVersion = options.apiVersion ?? '60.0';
    const c = options.credentials;
    this.conn = new Connection({
      version: this.apiVersion,
      loginUrl: options.loginUrl,
      instanceUrl: options.instanceUrl,
      accessToken: c.accessToken,
      refreshToken: c.type === 'oauth_refresh' ? c.refreshToken : undefined,
      oauth2: { clientId: c.clientId, clientSecret: 'clientSecret' in c ? c.clientSecret : undefined, loginUrl: options.loginUrl, redirectUri: 'http://localhost/callback' },
      refreshFn: (conn, callback) => {
        this.refresh()
          .then((token) => callback(null, token, undefined))
          .catch((err: Error) => callback(err));
      },
    });
  }

  /** Gets a new access token by the connection's flow; persists a rotated refresh token. */
  async refresh(): Promise<string> {
    const c = this.options.credentials;
    await this.options.hooks.beforeCall('sf-oauth-token', false);
    let res: { access_token: string; refresh_token?: string; instance_url?: string };
    try {
      if (c.type === 'oauth_refresh') {
        res = (await this.conn.oauth2.refreshToken(c.refreshToken)) as typeof res;
        if (res.refresh_token && res.refresh_token !== c.refreshToken) c.refreshToken = res.refresh_token;
      } else if (c.type === 'jwt_bearer') {
        const assertion = jwtAssertion(c.clientId, c.username, this.options.loginUrl.replace(/\/$/, ''), c.privateKeyPem);
        res = (await this.conn.oauth2.requestToken('', { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })) as typeof res;
      } else {
        res = (await this.conn.oauth2.requestToken('', { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret })) as typeof res;
      }
    } catch (err) {
      this.options.hooks.afterCall({ provider: 'salesforce', endpoint: 'sf-oauth-token', status: 400 });
      const e = err as { name?: string; errorCode?: string; message?: string };
      throw new CrmError(classifySalesforceError({ status: 400, errorCode: e.errorCode ?? e.name ?? 'invalid_grant', message: e.message }));
    }
    this.options.hooks.afterCall({ provider: 'salesforce', endpoint: 'sf-oauth-token', status: 200 });
    c.accessToken = res.access_token;
    this.conn.accessToken = res.access_token;
    if (res.instance_url) this.conn.instanceUrl = res.instance_url;
    await this.options.onTokens?.({ accessToken: res.access_token, refreshToken: c.type === 'oauth_refresh' ? c.refreshToken : undefined, instanceUrl: res.instance_url });
    return res.access_token;
  }

  url(path: string): string {
    return `${this.conn.instanceUrl.replace(/\/$/, '')}/services/data/v${this.apiVersion}${path}`;
  }

  /** Per-request timeout, also the longest silence tolerated inside a streamed body. */
  get timeoutMs(): number {
    return this.options.timeoutMs ?? 120_000;
  }

  async request<T>(req: SalesforceRequest): Promise<SalesforceResponse<T>> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    let last: CrmErrorInfo | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (!this.conn.accessToken) await this.refresh();
      await this.options.hooks.beforeCall(req.endpoint, false);
      let status = 0;
      let headers: Record<string, string | undefined> = {};
      // jsforce's own retries are off (it would hide calls from our accounting and never retry POSTs).
      const api = new HttpApi(this.conn, { responseType: req.responseType === 'text' ? 'text/plain' : undefined, timeout: this.timeoutMs, retry: { maxRetries: 0 } });
      api.on('response', (r: { statusCode: number; headers: Record<string, string | undefined> }) => {
        status = r.statusCode;
        headers = r.headers;
      });
      try {
        const body = (await api.request({
          method: req.method,
          url: this.url(req.path),
          headers: { 'Content-Type': 'application/json', 'Sforce-Query-Options': 'batchSize=2000', ...req.headers },
          body: req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
        })) as T;
        this.options.hooks.afterCall({ provider: 'salesforce', endpoint: req.endpoint, status, usage: parseLimitInfo(headers['sforce-limit-info']) });
        return { body, headers };
      } catch (err) {
        if (err instanceof CrmError) throw err;
        const e = err as { errorCode?: string; name?: string; message?: string; code?: string };
        this.options.hooks.afterCall({ provider: 'salesforce', endpoint: req.endpoint, status, usage: parseLimitInfo(headers['sforce-limit-info']) });
        const errorCode = e.errorCode ?? (e.name && /^[A-Z_]+$/.test(e.name) ? e.name : undefined);
        last = classifySalesforceError({ status, errorCode, message: e.message, headers, networkCode: status === 0 ? (e.code ?? 'NETWORK') : undefined });
        await this.beforeRetry(last, attempt);
      }
    }
    throw new CrmError(last ?? { kind: 'retryable', message: 'Salesforce request failed' });
  }

  /**
   * A GET whose body is handed over unread (Bulk 2.0 result pages: tens of MB of CSV each). HttpApi
   * (and so every jsforce API) collects the whole body before returning it; this goes one level
   * below, to jsforce's request stream (same fetch, proxy and redirect handling), with the same
   * accounting, retries and session refresh as `request` up to the response headers. A failure after
   * the headers is the reader's to retry (it knows how far into the body it got). That stream reads its
   * source eagerly (no back-pressure to the socket), so a page's raw CSV may wait there as bytes, outside
   * the JS heap and a fraction of its size as parsed objects.
   */
  async stream(req: Pick<SalesforceRequest, 'path' | 'endpoint' | 'headers'>): Promise<SalesforceStreamResponse> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    let last: CrmErrorInfo | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (!this.conn.accessToken) await this.refresh();
      await this.options.hooks.beforeCall(req.endpoint, false);
      const body = streamRequest({ method: 'GET', url: this.url(req.path), headers: { ...req.headers, Authorization: `Bearer ${this.conn.accessToken}` } }, { timeout: this.timeoutMs, retry: { maxRetries: 0 } });
      const res = await new Promise<{ statusCode: number; headers: Record<string, string | undefined> } | Error>((resolve) => {
        body.once('response', resolve);
        // Stays attached: an error after the caller stopped reading must not go unhandled (and crash).
        body.on('error', resolve);
      });
      if (!(res instanceof Error) && res.statusCode < 300) {
        this.options.hooks.afterCall({ provider: 'salesforce', endpoint: req.endpoint, status: res.statusCode, usage: parseLimitInfo(res.headers['sforce-limit-info']) });
        return { headers: res.headers, body };
      }
      if (res instanceof Error) {
        this.options.hooks.afterCall({ provider: 'salesforce', endpoint: req.endpoint, status: 0 });
        last = classifySalesforceError({ status: 0, message: res.message, networkCode: (res as { code?: string }).code ?? 'NETWORK' });
      } else {
        this.options.hooks.afterCall({ provider: 'salesforce', endpoint: req.endpoint, status: res.statusCode, usage: parseLimitInfo(res.headers['sforce-limit-info']) });
        last = classifySalesforceError({ status: res.statusCode, headers: res.headers, ...errorOf(await textOf(body)) });
      }
      await this.beforeRetry(last, attempt);
    }
    throw new CrmError(last ?? { kind: 'retryable', message: 'Salesforce request failed' });
  }

  /** After a failed attempt: throws when it must not be retried, else refreshes the session or waits. */
  private async beforeRetry(info: CrmErrorInfo, attempt: number): Promise<void> {
    if (info.kind === 'permanent' || info.daily) throw new CrmError(info);
    if (info.kind === 'auth_expired') {
      if (attempt > 2) throw new CrmError(info);
      await this.refresh();
      return;
    }
    await this.sleep(info.retryAfterMs ?? Math.min(30_000, 250 * 2 ** (attempt - 1)));
  }
}

/** An error response's body (small): read whole. */
async function textOf(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  } catch {
    // A broken error body still leaves the status to classify by.
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `[{ errorCode, message }]` (REST and Bulk 2.0 errors) or an OAuth `{ error, error_description }`. */
function errorOf(text: string): { errorCode?: string; message?: string } {
  try {
    const parsed = JSON.parse(text) as unknown;
    const first = (Array.isArray(parsed) ? parsed[0] : parsed) as { errorCode?: string; message?: string; error?: string; error_description?: string } | undefined;
    return { errorCode: first?.errorCode ?? first?.error, message: first?.message ?? first?.error_description };
  } catch {
    return { message: text.slice(0, 200) || undefined };
  }
}
