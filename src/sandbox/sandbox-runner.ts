import { loadWorld, type LoadWorldResult } from './generator/world-loader.service';
import { startHubspotSandbox, type HubspotSandbox } from './hubspot';
import { SUPPORTED_VERSIONS } from './salesforce/http/router';
import { startSalesforceSandbox, type SalesforceSandbox } from './salesforce/salesforce-sandbox';
import {
  TIER_LIMITS,
  type RunningSandboxes,
  type SandboxConnectionInfo,
  type SandboxWorldSpec,
  type StartSandboxesOptions,
} from './sandbox-runner.types';

export function startOfUtcDay(d: Date = new Date()): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function connectionInfo(
  sf: SalesforceSandbox | null,
  hs: HubspotSandbox | null,
  world: { spec: SandboxWorldSpec; asOf: Date; result: LoadWorldResult } | null,
  tier: SandboxConnectionInfo['tier'],
): SandboxConnectionInfo {
  return {
    salesforce: sf
      ? {
          baseUrl: sf.baseUrl,
          loginUrl: sf.loginUrl,
          instanceUrl: sf.baseUrl,
          apiVersion: SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1],
          username: sf.clientCredentials.username,
          clientId: sf.clientCredentials.clientId,
          clientSecret: sf.clientCredentials.clientSecret,
          refreshToken: sf.clientCredentials.refreshToken,
          accessToken: sf.clientCredentials.accessToken,
        }
      : null,
    hubspot: hs
      ? { baseUrl: hs.url, portalId: hs.portalId, privateAppToken: hs.privateAppToken, oauth: { ...hs.oauth } }
      : null,
    world: world
      ? {
          seed: world.spec.seed,
          sizes: world.spec.sizes,
          overlap: world.spec.overlap,
          asOf: world.asOf.toISOString(),
          generated: world.result.generated,
          presence: world.result.presence,
          timingMs: world.result.timingMs,
          notes: world.result.notes,
        }
      : null,
    tier,
  };
}

/**
 * Starts the local Salesforce and HubSpot sandboxes in this process (each on its own loopback port),
 * loads a generated world into their stores directly (no API calls are counted), and returns how to
 * connect. Faults are configured at start; the world load bypasses them because it does not go through
 * HTTP. On a failure after a sandbox started, whatever started is stopped before the error propagates.
 */
export async function startSandboxes(options: StartSandboxesOptions = {}): Promise<RunningSandboxes> {
  const tier = options.tier ?? 'pro';
  const limits = TIER_LIMITS[tier];
  const faults = options.faults ?? {};
  let sf: SalesforceSandbox | null = null;
  let hs: HubspotSandbox | null = null;
  const stop = async (): Promise<void> => {
    await Promise.all([sf?.stop(), hs?.stop()]);
  };
  try {
    if (options.salesforce !== false) {
      const o = options.salesforce ?? {};
      sf = await startSalesforceSandbox({
        ...o,
        limits: { dailyApiRequests: limits.salesforceDailyApiRequests, ...o.limits },
        faults: {
          ...(faults.seed !== undefined ? { seed: faults.seed } : {}),
          serverErrorRate: faults.rate5xx ?? 0,
          hangRate: faults.timeoutRate ?? 0,
          ...o.faults,
        },
      });
    }
    if (options.hubspot !== false) {
      const o = options.hubspot ?? {};
      hs = await startHubspotSandbox({
        ...o,
        rateLimits: { tier: limits.hubspot, ...o.rateLimits },
        faults: {
          ...(faults.seed !== undefined ? { seed: faults.seed } : {}),
          rate429: faults.rate429 ?? 0,
          rate5xx: faults.rate5xx ?? 0,
          hangRate: faults.timeoutRate ?? 0,
          ...o.faults,
        },
      });
    }
    let world: { spec: SandboxWorldSpec; asOf: Date; result: LoadWorldResult } | null = null;
    if (options.world) {
      const spec = options.world;
      const asOf = spec.asOf ?? startOfUtcDay();
      const result = await loadWorld({
        seed: spec.seed,
        sizes: spec.sizes,
        overlap: spec.overlap,
        asOf,
        ...(spec.titlesDir !== undefined ? { titlesDir: spec.titlesDir } : {}),
        ...(sf ? { salesforce: sf.store } : {}),
        ...(hs ? { hubspot: hs.store } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      world = { spec, asOf, result };
    }
    return { salesforce: sf, hubspot: hs, world: world?.result ?? null, connection: connectionInfo(sf, hs, world, tier), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
