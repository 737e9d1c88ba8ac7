import * as fs from 'node:fs';
import type { Command } from 'commander';
import { ConnectionService } from '../../sync/connections/connection.service';
import { AUTH_TYPES_BY_PROVIDER, REQUIRED_SECRETS, type NewConnection } from '../../sync/connections/connection.types';
import { SyncScheduler } from '../../sync/sync-scheduler.service';
import type { CliCommand } from '../cli-command';
import { output, withCliRuntime } from '../cli-runtime.util';

interface ConnectOptions {
  name: string;
  baseUrl: string;
  loginUrl?: string;
  authType?: NewConnection['authType'];
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  username?: string;
  privateKeyFile?: string;
  accessToken?: string;
  webhookSecret?: string;
  integrationUser?: string;
  settings?: string;
  sandbox?: boolean;
  json?: boolean;
}

/** The flag that supplies each secret. */
const SECRET_FLAGS: Record<string, string> = {
  clientId: '--client-id', clientSecret: '--client-secret', refreshToken: '--refresh-token', username: '--username', privateKeyPem: '--private-key-file', accessToken: '--access-token',
};

/** `abm connect salesforce|hubspot --name N …`: creates or updates a connection; secrets are sealed at rest. */
export const connectCommand: CliCommand = {
  register(program: Command) {
    program
      .command('connect <provider>')
      .description('add or update a CRM connection (salesforce | hubspot)')
      .requiredOption('--name <name>', 'connection name, unique per installation')
      .requiredOption('--base-url <url>', 'Salesforce instance URL or HubSpot API base URL (https://api.hubapi.com)')
      .option('--login-url <url>', 'Salesforce login URL (default https://login.salesforce.com)')
      .option('--auth-type <type>', 'salesforce: oauth_refresh | jwt_bearer | client_credentials; hubspot: private_app | oauth')
      .option('--client-id <id>', 'connected app / HubSpot app client id (salesforce: all auth types; hubspot: oauth)')
      .option('--client-secret <secret>', 'connected app / HubSpot app client secret (salesforce client_credentials; hubspot oauth)')
      .option('--refresh-token <token>', 'OAuth refresh token (salesforce oauth_refresh; hubspot oauth)')
      .option('--username <username>', 'JWT bearer subject').option('--private-key-file <file>', 'JWT bearer private key (PEM)')
      .option('--access-token <token>', 'HubSpot private-app token')
      .option('--webhook-secret <secret>', 'HubSpot app client secret used to verify webhook signatures')
      .option('--integration-user <id>', 'CRM user id our writes appear as (echo suppression)')
      .option('--settings <json>', 'settings JSON (objects, intervals, budget, rateLimit, hubspotTier, lookbackSeconds)')
      .option('--sandbox', 'mark as a sandbox connection')
      .option('--json', 'print JSON')
      .action(async (provider: string, o: ConnectOptions) => {
        if (provider !== 'salesforce' && provider !== 'hubspot') throw new Error('provider must be salesforce or hubspot');
        const authType = o.authType ?? (provider === 'salesforce' ? (o.privateKeyFile ? 'jwt_bearer' : o.refreshToken ? 'oauth_refresh' : 'client_credentials') : o.accessToken ? 'private_app' : 'oauth');
        const secrets: Record<string, string> = {};
        const put = (k: string, v: string | undefined) => { if (v) secrets[k] = v; };
        put('clientId', o.clientId); put('clientSecret', o.clientSecret); put('refreshToken', o.refreshToken); put('username', o.username);
        put('accessToken', o.accessToken); put('webhookSecret', o.webhookSecret);
        if (o.privateKeyFile) secrets.privateKeyPem = fs.readFileSync(o.privateKeyFile, 'utf8');
        // Checked before the database is opened, and in flag names rather than the API's secrets.* names.
        const allowed = AUTH_TYPES_BY_PROVIDER[provider];
        if (!allowed.includes(authType)) throw new Error(`--auth-type must be one of ${allowed.join(', ')} for ${provider}`);
        const missing = REQUIRED_SECRETS[authType].filter((k) => !secrets[k]);
        if (missing.length) throw new Error(`${authType} needs ${missing.map((k) => SECRET_FLAGS[k] ?? k).join(', ')}${o.authType ? '' : ' (or choose another --auth-type)'}`);
        let settings: Record<string, unknown> | undefined;
        try {
          settings = o.settings ? (JSON.parse(o.settings) as Record<string, unknown>) : undefined;
        } catch {
          throw new Error('--settings must be a JSON object, e.g. \'{"hubspotTier":"professional"}\'');
        }
        await withCliRuntime(async (runtime) => {
          const view = await runtime.app.get(ConnectionService).upsert({
            name: o.name, provider, authType, baseUrl: o.baseUrl, loginUrl: o.loginUrl ?? (provider === 'salesforce' ? 'https://login.salesforce.com' : null),
            secrets, settings, integrationUserId: o.integrationUser ?? null, isSandbox: o.sandbox ?? false,
          });
          await runtime.app.get(SyncScheduler).scheduleConnection(view.id);
          output(o.json === true, view, () => `connection ${view.name} (${view.provider}, ${view.authType}) saved: ${view.id}\nnext: abm setup ${view.name}   (our CRM fields), then abm sync --connection ${view.name}`);
        });
      });
  },
};
