import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { ConnectedApp, OAuthError, OAuthService } from './auth/oauth.service';
import { BulkIngestJobs, MAX_UPLOAD_BYTES } from './bulk/bulk-ingest-jobs.service';
import { BulkJobs } from './bulk/bulk-jobs.service';
import { BulkQueryJobs } from './bulk/bulk-query-jobs.service';
import { CallAccounting } from './call-accounting.service';
import { SfApiError } from './errors.util';
import { FaultConfig, FaultInjector } from './faults.service';
import { handleAdmin } from './http/admin.handler';
import { ApiRequest, ApiResponse, SandboxServices } from './http/api-types';
import { QueryCursors } from './http/query-cursors.service';
import { dispatchInternal, findRoute, RouterOptions, SUPPORTED_VERSIONS, versionsBody } from './http/router';
import { ApiLimits, LimitsConfig } from './limits.service';
import { SoqlExecutor } from './soql/soql-executor';
import { INTEGRATION_USER_ID, SObjectStore } from './store/sobject-store';
import { secondsOf } from './store/value-codec.util';

/**
 * A local stand-in for one Salesforce org: REST API, Bulk API 2.0 and the OAuth token endpoint on one
 * loopback port (login URL and instance URL are the same origin). Unmodified jsforce pointed at
 * `baseUrl` (instanceUrl) and `loginUrl` (oauth2.loginUrl) works against it.
 */
export interface SalesforceSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Injectable clock; pin it to make SystemModstamp values predictable. */
  clock?: () => Date;
  /** Session lifetime (Salesforce default session timeout is 2 hours). */
  sessionTtlMs?: number;
  limits?: Partial<LimitsConfig>;
  faults?: Partial<FaultConfig>;
  /** PEM public key / certificate of the default connected app, enabling the JWT bearer grant. */
  jwtPublicKeyPem?: string;
  /** Extra connected apps (per-client accounting is keyed by their client ids). */
  apps?: ConnectedApp[];
  /** Time a Bulk 2.0 query job takes from UploadComplete to JobComplete. */
  bulkJobDurationMs?: number;
  /** Delay before each 10,000-record internal batch of an ingest job. */
  bulkIngestBatchDelayMs?: number;
  /** Rows per Bulk 2.0 results page when the client sends no maxRecords (Salesforce picks by size). */
  bulkDefaultMaxRecords?: number;
}

export interface SandboxClientCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  username: string;
  /** A fresh access token for the default app (as if the user had just logged in). */
  accessToken: string;
}

export interface SalesforceSandbox {
  baseUrl: string;
  loginUrl: string;
  store: SObjectStore;
  faults: FaultInjector;
  calls: CallAccounting;
  limits: ApiLimits;
  oauth: OAuthService;
  clientCredentials: SandboxClientCredentials;
  /** Issues another access token for a client (default: the default app). */
  issueAccessToken(clientId?: string): string;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new SfApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const store = new SObjectStore({ clock: options.clock });
  const nowMs = (): number => store.clock().getTime();
  let sessionTtl = options.sessionTtlMs ?? 2 * 60 * 60 * 1000;
  const defaultApp: ConnectedApp = {
    clientId: `3MVG9${randomBytes(20).toString('base64url')}`,
    clientSecret: randomBytes(24).toString('hex').toUpperCase(),
    refreshTokens: [`5Aep861${randomBytes(32).toString('base64url')}`],
    username: 'integration@abm.sandbox',
    userId: INTEGRATION_USER_ID,
    jwtPublicKeyPem: options.jwtPublicKeyPem,
  };
  const oauth = new OAuthService([defaultApp, ...(options.apps ?? [])], store.orgId, () => sessionTtl, nowMs);
  const faults = new FaultInjector(options.faults, () => oauth.expireAll());
  const limits = new ApiLimits(options.limits);
  const calls = new CallAccounting();
  const executor = new SoqlExecutor(store);
  const routerOpts: RouterOptions = { defaultMaxRecords: options.bulkDefaultMaxRecords ?? 100000 };
  const bulk = new BulkJobs(
    new BulkQueryJobs(executor, () => store.nowSeconds(), () => options.bulkJobDurationMs ?? 300),
    new BulkIngestJobs(store, faults, limits, () => options.bulkIngestBatchDelayMs ?? 20),
  );
  const services: SandboxServices = {
    store, executor, cursors: new QueryCursors(nowMs), bulk, faults, limits, calls,
    dispatch: (req) => dispatchInternal(services, req, routerOpts),
  };
  let baseUrl = '';

  const send = (req: IncomingMessage, res: ServerResponse, r: ApiResponse): void => {
    const headers: Record<string, string> = { 'Sforce-Limit-Info': limits.header(), ...(r.headers ?? {}) };
    if (r.stream) {
      headers['Content-Type'] = r.contentType ?? 'text/csv';
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzip) headers['Content-Encoding'] = 'gzip';
      res.writeHead(r.status, headers);
      // Errors mid-stream (client gone) just end the response; pipeline destroys both sides.
      if (gzip) pipeline(r.stream, createGzip(), res, () => undefined);
      else pipeline(r.stream, res, () => undefined);
      return;
    }
    if (r.body === undefined) {
      res.writeHead(r.status, headers);
      res.end();
      return;
    }
    headers['Content-Type'] = r.contentType ?? 'application/json;charset=UTF-8';
    res.writeHead(r.status, headers);
    res.end(typeof r.body === 'string' && !headers['Content-Type'].startsWith('application/json') ? r.body : JSON.stringify(r.body));
  };
  const sendError = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
    if (err instanceof SfApiError) return send(req, res, { status: err.status, body: err.toBody() });
    const message = err instanceof Error ? err.message : String(err);
    send(req, res, { status: 500, body: [{ message: `An unexpected error occurred: ${message}`, errorCode: 'UNKNOWN_EXCEPTION' }] });
  };

  /** Identity URL (`id` of the token response; jsforce `conn.identity()`), OAuth "Identity URLs". */
  const identity = (orgId: string, userId: string, req: IncomingMessage): ApiResponse => {
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const session = oauth.authenticate(token);
    if (!session) return { status: 403, body: 'Bad_OAuth_Token', contentType: 'text/plain' };
    const user = store.table('User')?.rowById(userId);
    if (orgId !== store.orgId || !user || session.userId !== userId) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const users = store.table('User');
    const get = (name: string): unknown => users?.storedByName(user, name) ?? null;
    return {
      status: 200,
      body: {
        id: `${baseUrl}/id/${orgId}/${userId}`, asserted_user: true, user_id: userId, organization_id: orgId,
        username: get('Username'), display_name: get('Name'), email: get('Email'), active: true, user_type: 'STANDARD',
        urls: { rest: `${baseUrl}/services/data/v{version}/`, sobjects: `${baseUrl}/services/data/v{version}/sobjects/`, query: `${baseUrl}/services/data/v{version}/query/` },
      },
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const body = await readBody(req, MAX_UPLOAD_BYTES + 1024 * 1024);
    if (path.startsWith('/__sandbox/')) {
      const parsed = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      return send(req, res, handleAdmin(services, method, path, parsed, () => oauth.expireAll()));
    }
    if (path === '/services/oauth2/token' && method === 'POST') {
      const params = new URLSearchParams(body.toString('utf8'));
      calls.record('oauth-token', params.get('client_id') ?? 'unknown');
      try {
        return send(req, res, { status: 200, body: oauth.token(params, baseUrl, baseUrl) });
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        return send(req, res, { status: err.status, body: { error: err.error, error_description: err.description } });
      }
    }
    if (path === '/services/oauth2/revoke' && method === 'POST') {
      oauth.revoke(new URLSearchParams(body.toString('utf8')).get('token') ?? '');
      return send(req, res, { status: 200 });
    }
    if ((path === '/services/data' || path === '/services/data/') && method === 'GET') {
      return send(req, res, { status: 200, body: versionsBody() });
    }
    const idUrl = /^\/id\/(00D\w{15})\/(005\w{15})$/.exec(path);
    if (idUrl && method === 'GET') return send(req, res, identity(idUrl[1], idUrl[2], req));
    const m = /^\/services\/data\/v(\d+\.\d)(?:\/(.*))?$/.exec(path);
    if (!m || !SUPPORTED_VERSIONS.includes(m[1])) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const auth = String(req.headers.authorization ?? '');
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(auth)?.[1] ?? '';
    const session = oauth.authenticate(token);
    if (!session) throw new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    const apiReq: ApiRequest = {
      method, version: m[1], segments: (m[2] ?? '').split('/').map(decodeURIComponent), query: url.searchParams,
      headers: req.headers, body, session, ctx: { userId: session.userId, now: secondsOf(store.clock()) }, internal: false,
    };
    if (apiReq.segments.length > 1 && apiReq.segments[apiReq.segments.length - 1] === '') apiReq.segments.pop();
    const route = findRoute(services, apiReq, routerOpts);
    if (!route) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    calls.record(route.kind, session.clientId);
    if (limits.exhausted) throw new SfApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    limits.apiRequestsUsed++;
    const decision = faults.decide(route.kind);
    if (decision.fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (decision.fault === 'hang') return;
    if (decision.fault === 'session-expired') {
      oauth.revoke(token);
      throw new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    if (decision.fault === 'server-error') {
      throw new SfApiError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.');
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    send(req, res, await route.handle(apiReq));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendError(req, res, err);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    loginUrl: baseUrl,
    store,
    faults,
    calls,
    limits,
    oauth,
    clientCredentials: {
      clientId: defaultApp.clientId,
      clientSecret: defaultApp.clientSecret,
      refreshToken: defaultApp.refreshTokens[0],
      username: defaultApp.username,
      accessToken: oauth.issueSession(defaultApp.clientId).accessToken,
    },
    issueAccessToken: (clientId = defaultApp.clientId) => oauth.issueSession(clientId).accessToken,
    stop: async () => {
      bulk.stop();
      sessionTtl = 0;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
