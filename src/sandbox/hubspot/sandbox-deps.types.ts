import type { AuthService } from './auth.service';
import type { CallAccounting } from './call-accounting.service';
import type { SandboxClock } from './clock.util';
import type { FaultInjector } from './faults.service';
import type { ChangeSource, HubspotStore } from './hubspot-store';
import type { RateLimiter } from './rate-limiter.service';
import type { Principal } from './auth.service';
import type { WebhookDispatcher } from './webhook-dispatcher.service';

/** Everything route modules need, passed in explicitly. */
export interface SandboxDeps {
  store: HubspotStore;
  auth: AuthService;
  limiter: RateLimiter;
  faults: FaultInjector;
  calls: CallAccounting;
  webhooks: WebhookDispatcher;
  clock: SandboxClock;
  portalId: number;
  appId: number;
  associationPageSize: number;
  publicUrl: () => string;
}

/**
 * Writes through the API by an app show up in webhooks as `changeSource: "INTEGRATION"` with the app id
 * as `sourceId`, which is how an integration recognises its own echoes.
 */
export function sourceOf(principal: Principal | undefined): ChangeSource {
  return { changeSource: 'INTEGRATION', sourceId: String(principal?.appId ?? 0) };
}
