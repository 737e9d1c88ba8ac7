import { Injectable } from '@nestjs/common';
import { HubspotHttpClient, type HubspotCredentials } from '../../../integrations/hubspot/src/hubspot-http.client';
import { HubspotReader } from '../../../integrations/hubspot/src/hubspot-reader.adapter';
import { SalesforceHttpClient, type SalesforceCredentials } from '../../../integrations/salesforce/src/salesforce-http.client';
import { SalesforceReader } from '../../../integrations/salesforce/src/salesforce-reader.adapter';
import type { CrmConnection } from '../entities/crm-connection.entity';
import type { BucketPolicy } from '../limits/rate-limiter.service';
import type { CrmReader } from '../ports/crm-reader.port';
import type { CallHooks } from '../ports/crm-types';
import { ConnectionService } from './connection.service';
import { BULK_MAX_RECORDS_DEFAULT } from './connection-settings.util';

/** HubSpot burst limits per 10 s by tier (crm-apis-and-sync.md §2.2); public OAuth apps get 110. */
export const HUBSPOT_TIER_BURST: Record<string, number> = { 'free-starter': 100, professional: 190, enterprise: 190, 'enterprise-api-pack': 250 };

/** Stable key of the CRM account behind a connection: two connections to one portal/org share buckets. */
export function accountKeyOf(conn: CrmConnection): string {
  const s = conn.settings as { accountKey?: string };
  return s.accountKey ?? `${conn.provider}:${conn.baseUrl.replace(/\/$/, '')}`;
}

/** The shared token buckets of a connection, from its settings (rateLimit, hubspotTier) or safe defaults. */
export function bucketPolicies(conn: CrmConnection): { burst: BucketPolicy; search?: BucketPolicy } {
  const s = conn.settings as { rateLimit?: { limit?: number; windowSeconds?: number; share?: number; searchPerSecond?: number }; hubspotTier?: string };
  const key = accountKeyOf(conn);
  const share = s.rateLimit?.share ?? 0.9;
  if (conn.provider === 'hubspot') {
    const limit = s.rateLimit?.limit ?? (conn.authType === 'oauth' ? 110 : HUBSPOT_TIER_BURST[s.hubspotTier ?? 'free-starter'] ?? 100);
    return {
      burst: { key: `${key}:ten_secondly`, limit, windowSeconds: s.rateLimit?.windowSeconds ?? 10, share },
      search: { key: `${key}:search`, limit: s.rateLimit?.searchPerSecond ?? 5, windowSeconds: 1, share },
    };
  }
  // Salesforce has no per-second limit; a generous bucket only smooths bursts across workers.
  return { burst: { key: `${key}:burst`, limit: s.rateLimit?.limit ?? 500, windowSeconds: s.rateLimit?.windowSeconds ?? 10, share } };
}

/**
 * Builds the CRM adapters for a connection. The only place that knows both the connection rows and the
 * integrations/* adapters; write-back reuses `salesforceHttp` / `hubspotHttp` for its writers.
 */
@Injectable()
export class CrmAdapterFactory {
  constructor(private readonly connections: ConnectionService) {}

  salesforceHttp(conn: CrmConnection, hooks: CallHooks): SalesforceHttpClient {
    const secrets = this.connections.secrets(conn);
    const credentials = { type: conn.authType, ...secrets } as unknown as SalesforceCredentials;
    return new SalesforceHttpClient({
      instanceUrl: conn.baseUrl,
      loginUrl: conn.loginUrl ?? conn.baseUrl,
      credentials,
      hooks,
      apiVersion: (conn.settings as { apiVersion?: string }).apiVersion,
      timeoutMs: (conn.settings as { requestTimeoutMs?: number }).requestTimeoutMs,
      onTokens: async (t) => this.connections.saveSecrets(conn.id, { accessToken: t.accessToken, refreshToken: t.refreshToken }),
    });
  }

  hubspotHttp(conn: CrmConnection, hooks: CallHooks): HubspotHttpClient {
    const secrets = this.connections.secrets(conn);
    const credentials: HubspotCredentials = conn.authType === 'oauth'
      ? { type: 'oauth', clientId: secrets.clientId, clientSecret: secrets.clientSecret, refreshToken: secrets.refreshToken, accessToken: secrets.accessToken, expiresAt: secrets.expiresAt ? Number(secrets.expiresAt) : undefined }
      : { type: 'private_app', accessToken: secrets.accessToken };
    return new HubspotHttpClient({
      baseUrl: conn.baseUrl,
      credentials,
      hooks,
      timeoutMs: (conn.settings as { requestTimeoutMs?: number }).requestTimeoutMs,
      onTokens: async (t) => this.connections.saveSecrets(conn.id, { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: String(t.expiresAt) }),
    });
  }

  reader(conn: CrmConnection, hooks: CallHooks): CrmReader {
    const s = conn.settings as { useBulk?: boolean; bulkMaxRecords?: number; bulkPartRecords?: number; restPageSize?: number };
    if (conn.provider === 'salesforce') {
      return new SalesforceReader(this.salesforceHttp(conn, hooks), { accountKey: accountKeyOf(conn), useBulk: s.useBulk, bulkMaxRecords: s.bulkMaxRecords ?? BULK_MAX_RECORDS_DEFAULT, bulkPartRecords: s.bulkPartRecords, restPageSize: s.restPageSize });
    }
    return new HubspotReader(this.hubspotHttp(conn, hooks), { accountKey: accountKeyOf(conn), associationKinds: { companies: 'account', contacts: 'contact' } });
  }
}
