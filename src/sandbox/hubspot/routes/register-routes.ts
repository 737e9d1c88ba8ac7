import type { SandboxDeps } from '../sandbox-deps.types';
import type { SandboxRouter } from '../sandbox-router';
import { registerAdminRoutes } from './admin.routes';
import { registerAssociationRoutes } from './associations.routes';
import { registerBatchRoutes } from './batch.routes';
import { registerLabelRoutes } from './labels.routes';
import { registerOAuthRoutes } from './oauth.routes';
import { registerObjectRoutes } from './objects.routes';
import { registerPropertyRoutes } from './properties.routes';
import { registerSchemaRoutes } from './schemas.routes';
import { registerSearchRoutes } from './search.routes';
import { registerWebhookSettingsRoutes } from './webhook-settings.routes';

export function registerAllRoutes(router: SandboxRouter, deps: SandboxDeps, developerApiKey: string): void {
  registerObjectRoutes(router, deps);
  registerBatchRoutes(router, deps);
  registerSearchRoutes(router, deps);
  registerAssociationRoutes(router, deps);
  registerLabelRoutes(router, deps);
  registerPropertyRoutes(router, deps);
  registerSchemaRoutes(router, deps);
  registerOAuthRoutes(router, deps);
  registerWebhookSettingsRoutes(router, deps, developerApiKey);
  registerAdminRoutes(router, deps);
}
