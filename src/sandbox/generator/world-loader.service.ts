import type { HubspotLoadTarget, SalesforceLoadTarget } from './crm-targets.types';
import { ensureHubspotSchema, loadHubspotChunk, type HubspotCounts } from './hubspot-loader.util';
import { ensureSalesforceSchema, loadSalesforceChunk, loadSalesforceUsers, SalesforceLoadContext, type SalesforceCounts } from './salesforce-loader.util';
import { addCounts, emptyCounts, streamWorld } from './world.generator';
import type { WorldCounts, WorldOptions } from './world.types';

export interface LoadWorldOptions extends WorldOptions {
  salesforce?: SalesforceLoadTarget;
  hubspot?: HubspotLoadTarget;
  /** Called after every chunk with accounts generated so far (for progress bars). */
  onProgress?: (doneAccounts: number, totalAccounts: number) => void;
  /** Checked between chunks: an aborted load stops with the signal's reason (what is loaded stays). */
  signal?: AbortSignal;
}

export interface LoadWorldResult {
  /** Everything generated (each company once, whichever CRMs it went to). */
  generated: WorldCounts;
  /** Records inserted per sObject type / HubSpot object type (and association counts `from->to`). */
  salesforce: SalesforceCounts;
  hubspot: HubspotCounts;
  /** Companies per presence: only in Salesforce, only in HubSpot, in both. */
  presence: { salesforce: number; hubspot: number; both: number };
  titleSource: 'datasets' | 'builtin';
  notes: string[];
  timingMs: { generate: number; salesforce: number; hubspot: number; total: number };
}

const now = (): number => Number(process.hrtime.bigint() / 1_000_000n);

/**
 * Generates a world and loads it into the given sandbox stores chunk by chunk, so memory holds one
 * chunk of generated records plus what the stores themselves keep. Companies whose presence is
 * 'both' go into both CRMs with the same domain (the HubSpot copy carries the Salesforce Account Id
 * for about half of them, as teams with their own sync do).
 */
export async function loadWorld(options: LoadWorldOptions): Promise<LoadWorldResult> {
  const started = now();
  const { plan, catalog, chunks } = streamWorld(options);
  const asOf = plan.options.asOf;
  const result: LoadWorldResult = {
    generated: emptyCounts(),
    salesforce: {},
    hubspot: {},
    presence: { salesforce: 0, hubspot: 0, both: 0 },
    titleSource: catalog.source,
    notes: [],
    timingMs: { generate: 0, salesforce: 0, hubspot: 0, total: 0 },
  };
  const sf = options.salesforce;
  const hs = options.hubspot;
  let userIds = new Map<string, string>();
  const sfCtx = sf ? new SalesforceLoadContext(sf, result.salesforce, asOf) : null;
  if (sf && sfCtx) {
    ensureSalesforceSchema(sf);
    userIds = await loadSalesforceUsers(sfCtx, plan.users);
  }
  const hsSchema = hs ? ensureHubspotSchema(hs) : { licenses: false, roleLabels: false };
  if (hs && !hsSchema.licenses) result.notes.push('HubSpot store cannot create custom objects: license records not loaded into HubSpot');

  const total = plan.options.sizes.accounts;
  let done = 0;
  let t = now();
  for (const chunk of chunks) {
    options.signal?.throwIfAborted();
    result.timingMs.generate += now() - t;
    for (const b of chunk) {
      addCounts(result.generated, b);
      result.presence[b.company.presence]++;
    }
    let sfIds = new Map<string, string>();
    if (sfCtx) {
      t = now();
      const inSf = chunk.filter((b) => b.company.presence !== 'hubspot');
      sfIds = await loadSalesforceChunk(sfCtx, inSf, userIds);
      result.timingMs.salesforce += now() - t;
    }
    if (hs) {
      t = now();
      const inHs = chunk.filter((b) => b.company.presence !== 'salesforce');
      await loadHubspotChunk(hs, inHs, sfIds, hsSchema, result.hubspot);
      result.timingMs.hubspot += now() - t;
    }
    done += chunk.length;
    options.onProgress?.(done, total);
    // Let timers (progress bar redraws) and already-listening servers breathe between chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
    t = now();
  }
  if (sfCtx) result.notes.push(...sfCtx.notes());
  result.timingMs.total = now() - started;
  return result;
}
