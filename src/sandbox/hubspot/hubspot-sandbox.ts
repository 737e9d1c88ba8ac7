import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AuthService } from './auth.service';
import { CallAccounting } from './call-accounting.service';
import { systemClock } from './clock.util';
import { FaultInjector } from './faults.service';
import { HubspotHttpError, errorBody } from './hubspot-errors.util';
import type { HubspotSandboxOptions } from './hubspot-sandbox.types';
import { HubspotStore } from './hubspot-store';
import { RateLimiter } from './rate-limiter.service';
import { registerAllRoutes } from './routes/register-routes';
import type { SandboxDeps } from './sandbox-deps.types';
import { SandboxRouter, type HttpMethod, type RequestContext, type RouteResult } from './sandbox-router';
import { WebhookDispatcher } from './webhook-dispatcher.service';

export interface HubspotSandbox extends SandboxDeps {
  /** Base URL for `new Client({ basePath })` (same value as `url`). */
  baseUrl: string;
  url: string;
  privateAppToken: string;
  developerApiKey: string;
  oauth: { clientId: string; clientSecret: string; refreshToken: string; redirectUri: string };
  stop(): Promise<void>;
}

/** Scopes our app requests (CRM objects, custom objects and schemas), reported by token metadata. */
const DEFAULT_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
];

/**
 * Starts the local HubSpot stand-in: CRM v3 objects/properties/schemas, associations v4, OAuth and
 * webhooks on one node:http server. Point unmodified `@hubspot/api-client` at it with
 * `new Client({ accessToken: sandbox.privateAppToken, basePath: sandbox.url })`.
 */
export async function startHubspotSandbox(options: HubspotSandboxOptions = {}): Promise<HubspotSandbox> {
  const clock = options.clock ?? systemClock;
  const portalId = options.portalId ?? 4_455_667;
  const appId = options.appId ?? 1_160_452;
  const oauth = {
    clientId: options.oauth?.clientId ?? randomUUID(),
    clientSecret: options.oauth?.clientSecret ?? randomUUID(),
    refreshToken: options.oauth?.refreshToken ?? randomUUID(),
    redirectUri: options.oauth?.redirectUri ?? 'http://localhost/oauth-callback',
    accessTokenTtlMs: options.oauth?.accessTokenTtlMs ?? 30 * 60 * 1000,
    scopes: options.oauth?.scopes ?? DEFAULT_SCOPES,
  };
  const privateAppToken = options.privateAppToken ?? `pat-na1-${randomUUID()}`;
  const developerApiKey = options.developerApiKey ?? randomUUID();
  const faults = new FaultInjector(options.faults);
  const limiter = new RateLimiter(clock, options.rateLimits?.tier ?? 'professional', portalId);
  limiter.enabled = options.rateLimits?.enabled ?? true;
  const store = new HubspotStore({ portalId, clock, searchLagMs: options.searchLagMs ?? 1000 });
  const webhooks = new WebhookDispatcher(clock, faults, portalId, appId, oauth.clientSecret, options.webhooks);
  store.onChange((change) => webhooks.handle(change));
  let url = '';
  const deps: SandboxDeps = {
    store,
    auth: new AuthService(clock, privateAppToken, oauth, appId, portalId),
    limiter,
    faults,
    calls: new CallAccounting(),
    webhooks,
    clock,
    portalId,
    appId,
    associationPageSize: options.associationPageSize ?? 500,
    publicUrl: () => url,
  };
  const router = new SandboxRouter();
  registerAllRoutes(router, deps, developerApiKey);

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const parsed = new URL(req.url ?? '/', 'http://sandbox');
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    const matched = router.match(method, parsed.pathname);
    if (!matched || !('def' in matched)) {
      const status = matched ? 405 : 404;
      return send(res, { status, body: errorBody(status === 404 ? 'OBJECT_NOT_FOUND' : 'VALIDATION_ERROR', status === 404 ? `Not found: ${parsed.pathname}` : `Method ${method} not allowed`) });
    }
    const route = matched.def;
    const endpoint = `${method} ${route.template}`;
    const ctx: RequestContext = { method, path: parsed.pathname, params: matched.params, query: parsed.searchParams, body: undefined, rawBody, headers: req.headers };
    let result: RouteResult;
    let counted = false;
    let rateHeaders: Record<string, string> = {};
    try {
      if (!route.admin) {
        const fault = faults.pick(parsed.pathname);
        if (fault === 'drop') {
          deps.calls.record(endpoint, undefined, 0, false);
          req.socket.destroy();
          return;
        }
        if (fault === 'hang') {
          deps.calls.record(endpoint, undefined, 0, false);
          return; // never answered; stop() destroys the socket
        }
        if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, faults.config.slowMs));
        if (fault === 'expireToken') deps.auth.expireAllAccessTokens();
        if (fault === 'server5xx') {
          const status = [500, 502, 503, 504][Math.floor(faults.next() * 4)];
          throw new HubspotHttpError(status, errorBody('INTERNAL_ERROR', 'internal error'));
        }
        if (fault === 'rate429') {
          const body = errorBody('RATE_LIMITS', 'You have reached your ten_secondly_rolling limit.', { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', groupName: `publicapi:private-app-api-calls-ten-secondly:${portalId}` });
          throw new HubspotHttpError(429, body, { 'Retry-After': '10' });
        }
      }
      if (route.auth === 'token') {
        ctx.principal = deps.auth.authenticate(req.headers.authorization);
        rateHeaders = limiter.admit(ctx.principal, route.search === true);
        counted = true;
      }
      if (rawBody.length > 0 && String(req.headers['content-type'] ?? '').includes('json')) {
        try {
          ctx.body = JSON.parse(rawBody);
        } catch (error) {
          throw new HubspotHttpError(400, errorBody('VALIDATION_ERROR', `Invalid input JSON on line 1: ${(error as Error).message}`));
        }
      }
      result = await route.handler(ctx);
    } catch (error) {
      if (!(error instanceof HubspotHttpError)) {
        result = { status: 500, body: errorBody('INTERNAL_ERROR', 'internal error') };
      } else {
        result = { status: error.httpStatus, body: error.body, headers: error.headers };
      }
    }
    // Counted requests carry the rate-limit headers whatever their outcome.
    result.headers = { ...rateHeaders, ...result.headers };
    if (!route.admin) {
      deps.calls.record(endpoint, ctx.principal?.label, result.status, counted);
      options.onResponse?.({ method, path: parsed.pathname, template: route.template, spec: route.spec, status: result.status, body: result.body });
    }
    send(res, result);
  }

  function send(res: ServerResponse, result: RouteResult): void {
    const headers: Record<string, string> = { ...result.headers, 'X-HubSpot-Correlation-Id': randomUUID() };
    if (result.body === undefined) {
      res.writeHead(result.status, headers).end();
      return;
    }
    const payload = JSON.stringify(result.body);
    headers['Content-Type'] = 'application/json;charset=utf-8';
    res.writeHead(result.status, headers).end(payload);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    ...deps,
    url,
    baseUrl: url,
    privateAppToken,
    developerApiKey,
    oauth: { clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: oauth.refreshToken, redirectUri: oauth.redirectUri },
    async stop(): Promise<void> {
      webhooks.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
