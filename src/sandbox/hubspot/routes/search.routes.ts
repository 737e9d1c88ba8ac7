import { validationError } from '../hubspot-errors.util';
import { toPublicObject } from '../record-view.util';
import type { SandboxDeps } from '../sandbox-deps.types';
import type { SandboxRouter } from '../sandbox-router';
import { SEARCH_LIMITS, hasPendingIndexing, parseSearch, runSearch } from '../search-engine.service';
import type { CompactRecord } from '../type-store';
import { objectBody, stringArray } from './route-helpers.util';

/** Small cache of full result lists so paging through a big result set doesn't rescan 1M records per page. */
class SearchCache {
  private readonly entries = new Map<string, CompactRecord[]>();

  get(key: string): CompactRecord[] | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: CompactRecord[]): void {
    this.entries.set(key, value);
    if (this.entries.size > 8) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export function registerSearchRoutes(router: SandboxRouter, deps: SandboxDeps): void {
  const cache = new SearchCache();
  router.add({
    method: 'POST',
    template: '/crm/v3/objects/{objectType}/search',
    auth: 'token',
    search: true,
    handler: (ctx) => {
      const store = deps.store.typeStore(ctx.params.objectType);
      const body = objectBody(ctx.body);
      const query = parseSearch(store, body);
      const limit = body.limit === undefined ? 10 : Number(body.limit);
      if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMITS.maxLimit) throw validationError(`limit must be between 0 and ${SEARCH_LIMITS.maxLimit}, got ${String(body.limit)}`);
      const afterRaw = body.after === undefined || body.after === null || body.after === '' ? '0' : String(body.after);
      if (!/^\d+$/.test(afterRaw)) throw validationError(`Invalid paging cursor: ${afterRaw}`);
      const after = Number(afterRaw);
      // Paging past the 10,000th result is rejected (HubSpot/hubspot-api-nodejs#132, airbytehq/airbyte PR #10700).
      if (after >= SEARCH_LIMITS.maxResults) throw validationError(`The maximum number of results that can be paged through is ${SEARCH_LIMITS.maxResults}; after=${after} is beyond it.`);
      const now = deps.clock.now();
      const key = `${store.def.objectTypeId}|${store.version}|${JSON.stringify(query)}`;
      let matches = hasPendingIndexing(store, now) ? undefined : cache.get(key);
      if (!matches) {
        matches = runSearch(store, query, now);
        if (!hasPendingIndexing(store, now)) cache.set(key, matches);
      }
      const end = Math.min(after + limit, matches.length, SEARCH_LIMITS.maxResults);
      const page = matches.slice(after, end);
      const selection = { properties: stringArray(body.properties, 'properties') };
      const result: Record<string, unknown> = { total: matches.length, results: page.map((r) => toPublicObject(store, r, selection)) };
      if (end < matches.length && limit > 0) result.paging = { next: { after: String(end), link: `${deps.publicUrl()}${ctx.path}?after=${end}` } };
      return { status: 200, body: result };
    },
  });
}
