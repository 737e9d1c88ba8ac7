import { validationError } from './hubspot-errors.util';
import { propertyValue } from './record-view.util';
import type { CompactRecord, TypeStore } from './type-store';
import type { PropertyDefinition } from './default-properties.util';

/**
 * CRM search (`POST /crm/v3/objects/{type}/search`) per HubSpot's search guide and changelogs:
 * up to 5 filterGroups (OR), 10 filters per group (AND) and 25 filters in total (changelog "Breaking
 * Change: Expanded Filtering Capabilities…", 2024-08-26); pages of up to 200 (spec: "up to 200 objects");
 * no more than 10,000 results reachable per query (paging past it is a 400, HubSpot/hubspot-api-nodejs#132);
 * archived records never appear; writes become visible only after an indexing lag.
 */
export const SEARCH_LIMITS = { maxGroups: 5, maxFiltersPerGroup: 10, maxFilters: 25, maxLimit: 200, maxResults: 10_000, maxQueryLength: 3000 };

const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
}

interface Sort {
  propertyName: string;
  descending: boolean;
}

export interface SearchQuery {
  groups: Filter[][];
  sorts: Sort[];
  query?: string;
}

function asString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** Validates and normalises a search body (filters, sorts in either `"-prop"`/`{propertyName,direction}` form). */
export function parseSearch(store: TypeStore, body: Record<string, unknown>): SearchQuery {
  const rawGroups = body.filterGroups ?? [];
  if (!Array.isArray(rawGroups)) throw validationError('Invalid input JSON: filterGroups must be an array');
  if (rawGroups.length > SEARCH_LIMITS.maxGroups) throw validationError(`Too many filter groups: ${rawGroups.length}. The maximum is ${SEARCH_LIMITS.maxGroups}.`);
  let total = 0;
  const groups = rawGroups.map((group) => {
    const filters = (group as { filters?: unknown }).filters;
    if (!Array.isArray(filters)) throw validationError('Invalid input JSON: every filter group needs filters');
    if (filters.length > SEARCH_LIMITS.maxFiltersPerGroup) throw validationError(`Too many filters in a filter group: ${filters.length}. The maximum is ${SEARCH_LIMITS.maxFiltersPerGroup}.`);
    total += filters.length;
    return filters.map((raw) => {
      const f = raw as Record<string, unknown>;
      const filter: Filter = { propertyName: String(f.propertyName ?? ''), operator: String(f.operator ?? 'EQ'), value: asString(f.value), highValue: asString(f.highValue) };
      if (Array.isArray(f.values)) filter.values = f.values.map((v) => String(v));
      if (!OPERATORS.has(filter.operator)) throw validationError(`Unknown filter operator: ${filter.operator}`);
      if (!store.properties.has(filter.propertyName)) throw validationError(`There was a problem with the request: property ${filter.propertyName} does not exist on ${store.def.name}`);
      return filter;
    });
  });
  if (total > SEARCH_LIMITS.maxFilters) throw validationError(`Too many filters: ${total}. The maximum is ${SEARCH_LIMITS.maxFilters}.`);
  const rawSorts = body.sorts ?? [];
  if (!Array.isArray(rawSorts)) throw validationError('Invalid input JSON: sorts must be an array');
  const sorts = rawSorts.map((raw): Sort => {
    if (typeof raw === 'string') return raw.startsWith('-') ? { propertyName: raw.slice(1), descending: true } : { propertyName: raw, descending: false };
    const s = raw as Record<string, unknown>;
    return { propertyName: String(s.propertyName ?? ''), descending: String(s.direction ?? 'ASCENDING').toUpperCase() === 'DESCENDING' };
  });
  for (const sort of sorts) if (!store.properties.has(sort.propertyName)) throw validationError(`Cannot sort on unknown property ${sort.propertyName}`);
  const query = asString(body.query);
  if (query !== undefined && query.length > SEARCH_LIMITS.maxQueryLength) throw validationError(`query is longer than ${SEARCH_LIMITS.maxQueryLength} characters`);
  return { groups, sorts, query };
}

const NUMERIC_TYPES = new Set(['number', 'date', 'datetime']);

function numeric(value: string): number {
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value);
}

type Key = number | string;

/** Numbers compare numerically, anything else case-insensitively as text (values are pre-lowercased). */
function cmp(a: Key, b: Key): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  const x = String(a);
  const y = String(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * A fast reader for one property: system properties come straight from record metadata (no ISO
 * formatting and re-parsing per record), numeric/date values are parsed once, text is lower-cased.
 * This keeps a filtered scan of 1M contacts well under a second.
 */
function keyReader(store: TypeStore, name: string): (r: CompactRecord) => Key | undefined {
  const def = store.def;
  if (name === 'hs_object_id') return (r) => r.id;
  if (name === def.createdDateProp) return (r) => r.createdAt;
  if (name === def.modifiedDateProp) return (r) => r.updatedAt;
  const slot = store.existingSlot(name);
  if (slot === undefined) return () => undefined;
  const property = store.properties.get(name) as PropertyDefinition | undefined;
  if (property && NUMERIC_TYPES.has(property.type)) {
    return (r) => {
      const v = r.values[slot];
      if (v === undefined || v === '') return undefined;
      const n = numeric(v);
      return Number.isNaN(n) ? v.toLowerCase() : n;
    };
  }
  return (r) => {
    const v = r.values[slot];
    return v === undefined || v === '' ? undefined : v.toLowerCase();
  };
}

function isNumericProperty(store: TypeStore, name: string): boolean {
  if (name === 'hs_object_id' || name === store.def.createdDateProp || name === store.def.modifiedDateProp) return true;
  const type = store.properties.get(name)?.type;
  return type !== undefined && NUMERIC_TYPES.has(type);
}

function tokens(value: string): string[] {
  return value.toLowerCase().split(/[^\p{L}\p{N}@._-]+/u).filter(Boolean).flatMap((t) => [t, ...t.split(/[@._-]+/).filter(Boolean)]);
}

function tokenMatcher(pattern: string): (value: string) => boolean {
  const p = pattern.toLowerCase();
  if (!p.includes('*')) return (value) => tokens(value).includes(p);
  const regex = new RegExp(`^${p.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (value) => tokens(value).some((t) => regex.test(t)) || regex.test(value.toLowerCase());
}

/** Compiles one filter into a predicate (filter values converted once, not per record). */
function compileFilter(store: TypeStore, filter: Filter): (r: CompactRecord) => boolean {
  const read = keyReader(store, filter.propertyName);
  const numericProperty = isNumericProperty(store, filter.propertyName);
  const convert = (v: string | undefined): Key => {
    const text = v ?? '';
    const n = numericProperty ? numeric(text) : NaN;
    return Number.isNaN(n) ? text.toLowerCase() : n;
  };
  const value = convert(filter.value);
  const high = convert(filter.highValue);
  const values = (filter.values ?? []).map(convert);
  const raw = (r: CompactRecord): string => propertyValue(store, r, filter.propertyName) ?? '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return (r) => read(r) !== undefined;
    case 'NOT_HAS_PROPERTY':
      return (r) => read(r) === undefined;
    case 'EQ':
      return (r) => {
        const k = read(r);
        return k !== undefined && cmp(k, value) === 0;
      };
    case 'NEQ':
      return (r) => {
        const k = read(r);
        return k === undefined || cmp(k, value) !== 0;
      };
    case 'LT':
    case 'LTE':
    case 'GT':
    case 'GTE': {
      const ok = { LT: (c: number) => c < 0, LTE: (c: number) => c <= 0, GT: (c: number) => c > 0, GTE: (c: number) => c >= 0 }[filter.operator];
      return (r) => {
        const k = read(r);
        return k !== undefined && ok(cmp(k, value));
      };
    }
    case 'BETWEEN':
      return (r) => {
        const k = read(r);
        return k !== undefined && cmp(k, value) >= 0 && cmp(k, high) <= 0;
      };
    case 'IN':
      return (r) => {
        const k = read(r);
        return k !== undefined && values.some((v) => cmp(k, v) === 0);
      };
    case 'NOT_IN':
      return (r) => {
        const k = read(r);
        return k === undefined || !values.some((v) => cmp(k, v) === 0);
      };
    case 'CONTAINS_TOKEN': {
      const match = tokenMatcher(filter.value ?? '');
      return (r) => read(r) !== undefined && match(raw(r));
    }
    case 'NOT_CONTAINS_TOKEN': {
      const match = tokenMatcher(filter.value ?? '');
      return (r) => read(r) === undefined || !match(raw(r));
    }
    default:
      return () => false;
  }
}

function matchQuery(store: TypeStore, record: CompactRecord, query: string): boolean {
  const needle = query.toLowerCase();
  return store.def.defaultReadProps.some((name) => (propertyValue(store, record, name) ?? '').toLowerCase().includes(needle));
}

/** The record as the (lagging) search index sees it right now, or null when not indexed / archived. */
function indexedView(store: TypeStore, record: CompactRecord, now: number): CompactRecord | null {
  const shadow = store.searchShadows.size === 0 ? undefined : store.searchShadows.get(record.id);
  if (shadow) {
    if (shadow.visibleFrom > now) return shadow.before;
    store.searchShadows.delete(record.id);
  }
  return record.archivedAt ? null : record;
}

/** Lowest value of `property` any group admits (from GT/GTE/EQ/BETWEEN filters on it); -Infinity if unbounded. */
function lowerBound(query: SearchQuery, property: string): number {
  if (query.groups.length === 0) return -Infinity;
  let bound = Infinity;
  for (const group of query.groups) {
    let groupBound = -Infinity;
    for (const f of group) {
      if (f.propertyName !== property || !['GT', 'GTE', 'EQ', 'BETWEEN'].includes(f.operator)) continue;
      const v = numeric(f.value ?? '');
      if (!Number.isNaN(v)) groupBound = Math.max(groupBound, v);
    }
    bound = Math.min(bound, groupBound);
  }
  return bound;
}

/**
 * Runs a search; returns matching records (as indexed) in result order. The two orders sync code uses
 * avoid a sort: by id (the default) walks the id order, by modification date walks the
 * modification-time index from the lowest admissible time.
 */
export function runSearch(store: TypeStore, query: SearchQuery, now: number): CompactRecord[] {
  const groups = query.groups.map((group) => group.map((f) => compileFilter(store, f)));
  const keep = (live: CompactRecord): CompactRecord | undefined => {
    const record = indexedView(store, live, now);
    if (!record || record.archivedAt) return undefined;
    if (query.query && !matchQuery(store, record, query.query)) return undefined;
    if (groups.length > 0 && !groups.some((group) => group.every((predicate) => predicate(record)))) return undefined;
    return record;
  };
  const sorts = query.sorts.length > 0 ? query.sorts : [{ propertyName: 'hs_object_id', descending: false }];
  const single = sorts.length === 1 && !sorts[0].descending ? sorts[0].propertyName : undefined;
  const matches: CompactRecord[] = [];
  if (single === 'hs_object_id') {
    // Airbyte-style "hs_object_id > last id" restarts start at the bound instead of the first id.
    const ids = store.ids();
    const from = lowerBound(query, 'hs_object_id');
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < ids.length; i++) {
      const live = store.byId.get(ids[i]);
      const record = live && keep(live);
      if (record) matches.push(record);
    }
    return matches;
  }
  if (single === store.def.modifiedDateProp && !hasPendingIndexing(store, now)) {
    for (const live of store.modified.from(lowerBound(query, store.def.modifiedDateProp), store.byId)) {
      const record = keep(live);
      if (record) matches.push(record);
    }
    return matches;
  }
  for (const live of store.byId.values()) {
    const record = keep(live);
    if (record) matches.push(record);
  }
  const readers = sorts.map((s) => keyReader(store, s.propertyName));
  const keyed = matches.map((record) => ({ record, keys: readers.map((read) => read(record)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sorts.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = cmp(x, y);
      if (c !== 0) return sorts[i].descending ? -c : c;
    }
    return a.record.id - b.record.id;
  });
  return keyed.map((k) => k.record);
}

/** True while some write is still inside the indexing lag (results then depend on time, not just data). */
export function hasPendingIndexing(store: TypeStore, now: number): boolean {
  for (const shadow of store.searchShadows.values()) if (shadow.visibleFrom > now) return true;
  return false;
}
