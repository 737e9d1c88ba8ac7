import { validationError } from '../hubspot-errors.util';
import type { FaultConfig, FaultKind } from '../faults.service';
import { RATE_TIERS, type RateTier } from '../rate-limiter.service';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { SandboxRouter } from '../sandbox-router';
import { objectBody } from './route-helpers.util';

/**
 * Sandbox-only control endpoints under `/__sandbox` (no auth, no faults, not counted): call accounting,
 * faults, rate-limit tier, token expiry, authorization codes, webhook target.
 */
export function registerAdminRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const admin = { auth: 'none' as const, admin: true };
  router.add({ ...admin, method: 'GET', template: '/__sandbox/calls', handler: () => ({ status: 200, body: deps.calls.snapshot() }) });
  router.add({
    ...admin,
    method: 'POST',
    template: '/__sandbox/calls/reset',
    handler: () => {
      deps.calls.reset();
      return { status: 204 };
    },
  });
  router.add({ ...admin, method: 'GET', template: '/__sandbox/faults', handler: () => ({ status: 200, body: deps.faults.config }) });
  router.add({
    ...admin,
    method: 'PUT',
    template: '/__sandbox/faults',
    handler: (ctx) => ({ status: 200, body: deps.faults.configure(objectBody(ctx.body) as Partial<FaultConfig>) }),
  });
  router.add({
    ...admin,
    method: 'POST',
    template: '/__sandbox/faults/schedule',
    handler: (ctx) => {
      const body = objectBody(ctx.body);
      deps.faults.schedule(String(body.kind) as FaultKind, Number(body.count ?? 1), typeof body.pathIncludes === 'string' ? body.pathIncludes : undefined);
      return { status: 204 };
    },
  });
  router.add({
    ...admin,
    method: 'PUT',
    template: '/__sandbox/rate-limits',
    handler: (ctx) => {
      const body = objectBody(ctx.body);
      if (body.tier !== undefined) {
        if (!(String(body.tier) in RATE_TIERS)) throw validationError(`unknown tier ${String(body.tier)}; one of ${Object.keys(RATE_TIERS).join(', ')}`);
        deps.limiter.tier = body.tier as RateTier;
      }
      if (typeof body.enabled === 'boolean') deps.limiter.enabled = body.enabled;
      return { status: 200, body: { tier: deps.limiter.tier, enabled: deps.limiter.enabled } };
    },
  });
  router.add({
    ...admin,
    method: 'POST',
    template: '/__sandbox/oauth/expire',
    handler: () => {
      deps.auth.expireAllAccessTokens();
      return { status: 204 };
    },
  });
  router.add({ ...admin, method: 'POST', template: '/__sandbox/oauth/code', handler: () => ({ status: 200, body: { code: deps.auth.createAuthorizationCode() } }) });
  router.add({
    ...admin,
    method: 'PUT',
    template: '/__sandbox/webhooks',
    handler: (ctx) => {
      deps.webhooks.configure(objectBody(ctx.body));
      return { status: 200, body: { targetUrl: deps.webhooks.targetUrl ?? null } };
    },
  });
}
