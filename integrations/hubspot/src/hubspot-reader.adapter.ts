import type { CrmReader } from '../../../src/sync/ports/crm-reader.port';
import type { ChangeWindow, CrmObjectSchema, CrmRecord, DeletedRef, ObjectReadSpec, ReadCheckpoint, ReadPage } from '../../../src/sync/ports/crm-types';
import type { HubspotHttpClient } from './hubspot-http.client';

interface HsObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type?: string }> }>;
}

interface HsPage {
  results: HsObject[];
  paging?: { next?: { after: string } };
  total?: number;
}

/** Search's hard cap: paging past 10,000 results answers 400 (crm-apis-and-sync.md §2.2, failure 7). */
const SEARCH_CAP = 10_000;
const SEARCH_PAGE = 200;
const LIST_PAGE = 100;
/** Ids per v4 association batch read. */
const ASSOC_BATCH = 1000;

/** Contacts keep their modification stamp in `lastmodifieddate`, everything else in `hs_lastmodifieddate`. */
export function modifiedProperty(crmObject: string): string {
  return crmObject === 'contacts' || crmObject === '0-1' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

export interface HubspotReaderOptions {
  accountKey: string;
  /** Association object types → our kinds, e.g. { companies: 'account' }. */
  associationKinds?: Record<string, 'account' | 'contact' | 'opportunity'>;
}

/**
 * Reads HubSpot CRM objects. Initial: the list endpoint, 100 per page, only the mapped properties,
 * associations inline. Incremental: search on the modification stamp inside [from, until), sorted by
 * hs_object_id and restarted at `hs_object_id > last` before the 10,000 cap (Airbyte's strategy,
 * components.py), associations by one v4 batch read per page (search does not return them).
 */
export class HubspotReader implements CrmReader {
  readonly provider = 'hubspot' as const;

  constructor(private readonly http: HubspotHttpClient, private readonly options: HubspotReaderOptions) {}

  async accountKey(): Promise<string> {
    return this.options.accountKey;
  }

  async describe(crmObject: string): Promise<CrmObjectSchema> {
    const res = await this.http.request<{ results: Array<{ name: string; type: string; label?: string }> }>({ method: 'GET', path: `/crm/v3/properties/${encodeURIComponent(crmObject)}`, endpoint: 'hs-properties' });
    return { crmObject, fields: res.results.map((p) => ({ name: p.name, type: p.type, label: p.label })) };
  }

  private properties(spec: ObjectReadSpec): string[] {
    return [...new Set([...spec.fields, modifiedProperty(spec.crmObject), 'hs_object_id'])];
  }

  private toRecord(spec: ObjectReadSpec, o: HsObject): CrmRecord {
    const stamp = o.properties[modifiedProperty(spec.crmObject)] ?? o.updatedAt ?? null;
    const associations: CrmRecord['associations'] = {};
    for (const [type, kind] of Object.entries(this.options.associationKinds ?? {})) {
      const found = o.associations?.[type]?.results;
      if (found) associations[kind] = found.map((a) => ({ id: String(a.id), labels: a.type ? [a.type] : [] }));
    }
    return {
      id: String(o.id),
      modifiedAt: stamp ? new Date(stamp) : null,
      modifiedBy: o.properties.hs_updated_by_user_id ?? null,
      deleted: o.archived === true,
      fields: o.properties,
      associations,
    };
  }

  async *readAll(spec: ObjectReadSpec, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage> {
    let after = (resumeFrom?.after as string | undefined) ?? undefined;
    const properties = this.properties(spec).join(',');
    const held: ReadPage[] = [];
    let heldRecords = 0;
    for (;;) {
      const qs: Record<string, string> = { limit: String(LIST_PAGE), properties, archived: 'false' };
      // Inline associations name a label only by its internal name; labelled ones come from the v4 batch read.
      const inline = (spec.associations ?? []).filter((t) => !spec.labelledAssociations?.includes(t));
      if (inline.length) qs.associations = inline.join(',');
      if (after) qs.after = after;
      const page = await this.http.request<HsPage>({ method: 'GET', path: `/crm/v3/objects/${encodeURIComponent(spec.crmObject)}`, qs, endpoint: 'hs-list' });
      after = page.paging?.next?.after;
      const records = page.results.map((o) => this.toRecord(spec, o));
      if (!spec.labelledAssociations?.length) {
        yield { records, checkpoint: after ? { after } : null };
        if (!after) return;
        continue;
      }
      // Labels for several list pages in one v4 batch read (1,000 ids a call, a list page holds 100):
      // ~1.1 calls per page instead of 2. Each page still yields with its own checkpoint.
      held.push({ records, checkpoint: after ? { after } : null });
      heldRecords += records.length;
      if (after && heldRecords + LIST_PAGE <= ASSOC_BATCH) continue;
      const all = held.flatMap((p) => p.records);
      if (all.length) await this.attachAssociations({ ...spec, associations: spec.labelledAssociations }, all);
      yield* held.splice(0);
      heldRecords = 0;
      if (!after) return;
    }
  }

  async *readChanges(spec: ObjectReadSpec, window: ChangeWindow, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage> {
    const stampProp = modifiedProperty(spec.crmObject);
    let minId = (resumeFrom?.minId as string | undefined) ?? '0';
    let after = Number(resumeFrom?.after ?? 0);
    for (;;) {
      const body = {
        filterGroups: [{ filters: [
          { propertyName: stampProp, operator: 'GTE', value: String(window.from.getTime()) },
          { propertyName: stampProp, operator: 'LT', value: String(window.until.getTime()) },
          { propertyName: 'hs_object_id', operator: 'GT', value: minId },
        ] }],
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        properties: this.properties(spec),
        limit: SEARCH_PAGE,
        after: after || undefined,
      };
      const page = await this.http.request<HsPage>({ method: 'POST', path: `/crm/v3/objects/${encodeURIComponent(spec.crmObject)}/search`, body, endpoint: 'hs-search', search: true });
      const records = page.results.map((o) => this.toRecord(spec, o));
      if (spec.associations?.length && records.length) await this.attachAssociations(spec, records);
      const next = page.paging?.next?.after;
      let checkpoint: ReadCheckpoint | null = null;
      if (next && page.results.length > 0) {
        if (Number(next) + SEARCH_PAGE > SEARCH_CAP) {
          // Restart the query past the last id instead of paging into the cap.
          minId = page.results[page.results.length - 1].id;
          after = 0;
        } else {
          after = Number(next);
        }
        checkpoint = { minId, after };
      }
      yield { records, checkpoint };
      if (!checkpoint) return;
    }
  }

  /** v4 batch read of the page's associations (≤1,000 ids per call). */
  private async attachAssociations(spec: ObjectReadSpec, records: CrmRecord[]): Promise<void> {
    for (const toType of spec.associations ?? []) {
      const kind = this.options.associationKinds?.[toType];
      if (!kind) continue;
      for (let i = 0; i < records.length; i += 1000) {
        const chunk = records.slice(i, i + 1000);
        const res = await this.http.request<{ results: Array<{ from: { id: string }; to: Array<{ toObjectId: string | number; associationTypes?: Array<{ label?: string | null }> }> }> }>({
          method: 'POST',
          path: `/crm/v4/associations/${encodeURIComponent(spec.crmObject)}/${encodeURIComponent(toType)}/batch/read`,
          body: { inputs: chunk.map((r) => ({ id: r.id })) },
          endpoint: 'hs-assoc-batch',
        });
        const byId = new Map(res.results.map((r) => [String(r.from.id), r.to]));
        for (const r of chunk) {
          const to = byId.get(r.id) ?? [];
          r.associations = { ...(r.associations ?? {}), [kind]: to.map((t) => ({ id: String(t.toObjectId), labels: (t.associationTypes ?? []).map((a) => a.label ?? '').filter(Boolean) })) };
        }
      }
    }
  }

  async readDeleted(spec: ObjectReadSpec, from: Date, until: Date): Promise<DeletedRef[]> {
    const out: DeletedRef[] = [];
    let after: string | undefined;
    for (;;) {
      const qs: Record<string, string> = { limit: String(LIST_PAGE), archived: 'true', properties: 'hs_object_id' };
      if (after) qs.after = after;
      const page = await this.http.request<HsPage>({ method: 'GET', path: `/crm/v3/objects/${encodeURIComponent(spec.crmObject)}`, qs, endpoint: 'hs-list-archived' });
      for (const o of page.results) {
        const at = o.archivedAt ? new Date(o.archivedAt) : null;
        if (!at || (at >= from && at < until)) out.push({ id: String(o.id), deletedAt: at });
      }
      after = page.paging?.next?.after;
      if (!after) return out;
    }
  }

  async *listIds(spec: ObjectReadSpec): AsyncIterable<string[]> {
    let after: string | undefined;
    for (;;) {
      const qs: Record<string, string> = { limit: String(LIST_PAGE), properties: 'hs_object_id', archived: 'false' };
      if (after) qs.after = after;
      const page = await this.http.request<HsPage>({ method: 'GET', path: `/crm/v3/objects/${encodeURIComponent(spec.crmObject)}`, qs, endpoint: 'hs-list-ids' });
      yield page.results.map((o) => String(o.id));
      after = page.paging?.next?.after;
      if (!after) return;
    }
  }

  /**
   * Only the labelled associations of records we already hold (v4 batch read, 1,000 ids a call): label
   * changes do not move a record's modification stamp, so incremental runs re-read them this way.
   * Records without any association come back with an empty list.
   */
  async readAssociations(spec: ObjectReadSpec, ids: string[]): Promise<CrmRecord[]> {
    const records: CrmRecord[] = ids.map((id) => ({ id, modifiedAt: null, modifiedBy: null, deleted: false, fields: {}, associations: {} }));
    if (records.length && spec.labelledAssociations?.length) await this.attachAssociations({ ...spec, associations: spec.labelledAssociations }, records);
    return records;
  }

  async readByIds(spec: ObjectReadSpec, ids: string[]): Promise<CrmRecord[]> {
    const out: CrmRecord[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const res = await this.http.request<HsPage>({
        method: 'POST',
        path: `/crm/v3/objects/${encodeURIComponent(spec.crmObject)}/batch/read`,
        body: { inputs: ids.slice(i, i + 100).map((id) => ({ id })), properties: this.properties(spec) },
        endpoint: 'hs-batch-read',
      });
      out.push(...res.results.map((o) => this.toRecord(spec, o)));
    }
    if (spec.associations?.length && out.length) await this.attachAssociations(spec, out);
    return out;
  }
}
