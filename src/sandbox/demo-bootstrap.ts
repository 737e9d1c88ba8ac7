import type { INestApplicationContext } from '@nestjs/common';
import type { Runtime } from '../app/bootstrap';

export interface DemoHandle {
  banner: string;
  stop(): Promise<void>;
}

/**
 * With no CRM configured in embedded mode, start the local sandboxes with demo data and connect to them,
 * so the first run shows the whole product without a CRM account. Says so loudly.
 */
export async function startDemoIfNeeded(runtime: Runtime<INestApplicationContext>): Promise<DemoHandle | null> {
  const { config } = runtime;
  const noCrm = !config.crm.salesforce && !config.crm.hubspot;
  const wanted = config.sandbox === 'on' || (config.sandbox === 'auto' && noCrm && runtime.db.embedded);
  if (!wanted) return null;
  return null;
}
