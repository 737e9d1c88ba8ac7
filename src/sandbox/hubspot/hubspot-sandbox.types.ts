import type { SandboxClock } from './clock.util';
import type { FaultConfig } from './faults.service';
import type { RateTier } from './rate-limiter.service';
import type { WebhookOptions } from './webhook-dispatcher.service';

export interface HubspotSandboxOptions {
  /** 0 (default) = a free loopback port. */
  port?: number;
  host?: string;
  clock?: SandboxClock;
  portalId?: number;
  appId?: number;
  privateAppToken?: string;
  /** Developer API key (`hapikey`) for the webhooks v3 management API. */
  developerApiKey?: string;
  oauth?: { clientId?: string; clientSecret?: string; refreshToken?: string; redirectUri?: string; accessTokenTtlMs?: number; scopes?: string[] };
  rateLimits?: { enabled?: boolean; tier?: RateTier };
  faults?: Partial<FaultConfig>;
  /** How long a write stays invisible to CRM search (search indexing lag). Default 1000 ms. */
  searchLagMs?: number;
  /** Associations per `from` id on one v4 batch-read page before `paging.next.after` appears. */
  associationPageSize?: number;
  webhooks?: WebhookOptions;
  /** Called for every API response (conformance tests validate bodies against the OpenAPI specs). */
  onResponse?: (info: ResponseInfo) => void;
}

export interface ResponseInfo {
  method: string;
  path: string;
  template: string;
  spec?: { file: string; path: string };
  status: number;
  body: unknown;
}
