import type { LoadWorldResult } from './generator/world-loader.service';
import type { WorldSizes } from './generator/world.types';
import type { HubspotSandbox, HubspotSandboxOptions, RateTier } from './hubspot';
import type { SalesforceSandbox, SalesforceSandboxOptions } from './salesforce/salesforce-sandbox';

/** The world to load into the sandboxes; `asOf` defaults to the start of the current UTC day. */
export interface SandboxWorldSpec {
  seed: number;
  sizes: WorldSizes;
  overlap: number;
  asOf?: Date;
  titlesDir?: string | null;
}

/** Per-request fault probabilities (0..1) applied to both sandboxes where the CRM has the fault. */
export interface SandboxFaultRates {
  /** HubSpot only: Salesforce signals limits with 403 REQUEST_LIMIT_EXCEEDED, never 429. */
  rate429?: number;
  rate5xx?: number;
  /** Requests that never get an answer (the client's timeout fires). */
  timeoutRate?: number;
  seed?: number;
}

export type SandboxTier = 'starter' | 'pro' | 'enterprise';

export interface StartSandboxesOptions {
  /** Options for the Salesforce sandbox; `false` leaves it off. */
  salesforce?: SalesforceSandboxOptions | false;
  /** Options for the HubSpot sandbox; `false` leaves it off. */
  hubspot?: HubspotSandboxOptions | false;
  /** World to generate and load; omitted or `false` starts empty sandboxes. */
  world?: SandboxWorldSpec | false;
  faults?: SandboxFaultRates;
  /** Plan the sandboxes imitate for API limits (default 'pro'). */
  tier?: SandboxTier;
  onProgress?: (doneAccounts: number, totalAccounts: number) => void;
  /** Aborting it during the world load stops the sandboxes and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What a client needs to connect; printed by `abm sandbox`. */
export interface SandboxConnectionInfo {
  salesforce: {
    baseUrl: string;
    loginUrl: string;
    instanceUrl: string;
    apiVersion: string;
    username: string;
    clientId: string;
    clientSecret: string;
    refreshToken: string;
    accessToken: string;
  } | null;
  hubspot: {
    baseUrl: string;
    portalId: number;
    privateAppToken: string;
    oauth: { clientId: string; clientSecret: string; refreshToken: string; redirectUri: string };
  } | null;
  world: {
    seed: number;
    sizes: WorldSizes;
    overlap: number;
    asOf: string;
    generated: LoadWorldResult['generated'];
    presence: LoadWorldResult['presence'];
    timingMs: LoadWorldResult['timingMs'];
    notes: string[];
  } | null;
  tier: SandboxTier;
}

export interface RunningSandboxes {
  salesforce: SalesforceSandbox | null;
  hubspot: HubspotSandbox | null;
  world: LoadWorldResult | null;
  connection: SandboxConnectionInfo;
  stop(): Promise<void>;
}

/**
 * Tier → API allowances. HubSpot tiers are the sandbox's own (developers.hubspot.com/apisbytier).
 * Salesforce daily requests follow the limits cheat sheet (shared/reference/crm-apis-and-sync.md §1):
 * Developer Edition 15,000; Professional/Enterprise 100,000 + 1,000 per licence, here assuming 20 and
 * 50 licences.
 */
export const TIER_LIMITS: Record<SandboxTier, { hubspot: RateTier; salesforceDailyApiRequests: number }> = {
  starter: { hubspot: 'free-starter', salesforceDailyApiRequests: 15_000 },
  pro: { hubspot: 'professional', salesforceDailyApiRequests: 120_000 },
  enterprise: { hubspot: 'enterprise', salesforceDailyApiRequests: 150_000 },
};
