import type { INestApplicationContext } from '@nestjs/common';
import type { Runtime } from '../app/bootstrap';
import { ConnectionService } from '../sync/connections/connection.service';
import { SyncScheduler } from '../sync/sync-scheduler.service';
import { SetupService } from '../write-back/setup/setup.service';
import { recommendationObject } from './salesforce/schema/package-objects';
import type { SfObjectDef } from './salesforce/schema/field.types';
import { startSandboxes } from './sandbox-runner';

export interface DemoHandle {
  banner: string;
  stop(): Promise<void>;
}

/** Small enough to load and sync in well under a minute on a laptop, big enough to show every feature. */
export const DEMO_WORLD = { seed: 20_260_101, sizes: { accounts: 2000, contacts: 12_000, licenses: 5000 }, overlap: 0.3 };
export const DEMO_CONNECTIONS = { salesforce: 'demo-salesforce', hubspot: 'demo-hubspot' } as const;

/**
 * In a real org these come from our SFDX package (integrations/salesforce/force-app); the sandbox org gets the
 * same fields so that `abm setup` finds them and the write-back has somewhere to write.
 */
const SALESFORCE_PACKAGE_FIELDS: Array<{ object: string; field: Record<string, unknown> }> = [
  { object: 'Account', field: { name: 'ABM_Score__c', type: 'double' } },
  { object: 'Account', field: { name: 'ABM_Tier__c', type: 'string', length: 1 } },
  { object: 'Account', field: { name: 'ABM_Reasons__c', type: 'textarea', length: 32_768 } },
  { object: 'Account', field: { name: 'ABM_Score_Updated_At__c', type: 'datetime' } },
  { object: 'Task', field: { name: 'ABM_Recommendation_Id__c', type: 'string', length: 64, externalId: true, unique: true } },
];

export function installSalesforcePackage(store: { addField(object: string, field: never): unknown; addObject(def: SfObjectDef): unknown; table(name: string): unknown }): void {
  // The package's recommendation object, for connections that write recommendations there instead of Tasks.
  const recommendation = recommendationObject();
  if (!store.table(recommendation.name)) store.addObject(recommendation);
  for (const { object, field } of SALESFORCE_PACKAGE_FIELDS) {
    try {
      store.addField(object, field as never);
    } catch (err) {
      if (!(err instanceof Error && /already exists/i.test(err.message))) throw err;
    }
  }
}

/**
 * With no CRM configured in embedded mode, start the local sandboxes with demo data and connect to them,
 * so the first run shows the whole product without a CRM account. Says so loudly.
 * Connections are upserted by name (idempotent across restarts: the sandboxes come back on new ports with
 * new tokens, the deterministic world keeps the same record ids, so the graph stays consistent).
 */
export async function startDemoIfNeeded(runtime: Runtime<INestApplicationContext>): Promise<DemoHandle | null> {
  const { config } = runtime;
  const noCrm = !config.crm.salesforce && !config.crm.hubspot;
  const connections = runtime.app.get(ConnectionService);
  if (!noCrm) await connections.ensureFromEnvironment();
  const wanted = config.sandbox === 'on' || (config.sandbox === 'auto' && noCrm && runtime.db.embedded);
  if (!wanted) return null;
  const sandboxes = await startSandboxes({ world: DEMO_WORLD, tier: 'pro' });
  if (sandboxes.salesforce) installSalesforcePackage(sandboxes.salesforce.store as never);
  const sf = sandboxes.connection.salesforce;
  const hs = sandboxes.connection.hubspot;
  const created: string[] = [];
  if (sf) {
    const view = await connections.upsert({
      name: DEMO_CONNECTIONS.salesforce, provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.instanceUrl, loginUrl: sf.loginUrl, isSandbox: true,
      secrets: { clientId: sf.clientId, clientSecret: sf.clientSecret, refreshToken: sf.refreshToken },
      settings: { accountKey: 'demo-salesforce-org', apiVersion: sf.apiVersion },
    });
    created.push(view.id);
  }
  if (hs) {
    const view = await connections.upsert({
      name: DEMO_CONNECTIONS.hubspot, provider: 'hubspot', authType: 'private_app', baseUrl: hs.baseUrl, isSandbox: true,
      secrets: { accessToken: hs.privateAppToken, webhookSecret: hs.oauth.clientSecret },
      settings: { accountKey: `demo-hubspot-${hs.portalId}`, hubspotTier: 'professional' },
    });
    created.push(view.id);
    // Near-real-time demo: the sandbox posts signed change notifications to our webhook endpoint.
    sandboxes.hubspot?.webhooks.configure({
      targetUrl: `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}/api/v1/webhooks/hubspot/${view.id}`,
      subscriptions: ['contact', 'company', 'deal'].flatMap((t) => ['creation', 'deletion', 'propertyChange'].map((k) => ({ subscriptionType: `${t}.${k}` }))),
    });
  }
  // What an admin runs once per connection: creates our HubSpot properties, checks the Salesforce package.
  const setup = runtime.app.get(SetupService);
  for (const name of [sf && DEMO_CONNECTIONS.salesforce, hs && DEMO_CONNECTIONS.hubspot]) {
    if (name) await setup.setup(name, { remove: false, dryRun: false });
  }
  const scheduler = runtime.app.get(SyncScheduler);
  for (const id of created) {
    await scheduler.scheduleConnection(id);
    if (runtime.queue.isStarted()) await runtime.queue.send('sync.connection', { connectionId: id, mode: 'incremental', trigger: 'demo' }, { singletonKey: `demo-initial:${id}` });
  }
  const w = sandboxes.world;
  const banner = [
    '',
    '┌──────────────────────────────────────────────────────────────────────────┐',
    '│  DEMO MODE: local Salesforce and HubSpot SANDBOXES with generated data.  │',
    '│  No real CRM is connected. Nothing here is customer data.                │',
    '└──────────────────────────────────────────────────────────────────────────┘',
    `  Salesforce sandbox: ${sf?.instanceUrl ?? 'off'}   HubSpot sandbox: ${hs?.baseUrl ?? 'off'}`,
    `  Demo world: ${DEMO_WORLD.sizes.accounts} accounts, ${w?.generated ? JSON.stringify(w.generated).slice(0, 120) : ''}`,
    `  Connections ${DEMO_CONNECTIONS.salesforce} and ${DEMO_CONNECTIONS.hubspot} created; the initial sync is queued (see \`abm status\`).`,
    '  Connect a real CRM with `abm connect` or SALESFORCE_* / HUBSPOT_* variables, and start with ABM_SANDBOX=off.',
    '',
  ].join('\n');
  return { banner, stop: () => sandboxes.stop() };
}
