import type { AssociationStore } from './association-store';
import type { CompactRecord, TypeStore } from './type-store';

/** What a read asks for (query parameters of GET list/get, or the body of batch read / search). */
export interface ReadSelection {
  properties?: string[];
  propertiesWithHistory?: string[];
  associations?: Array<{ key: string; store: TypeStore }>;
  isArchived?: (toStore: TypeStore, id: number) => boolean;
}

export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, Array<{ value: string; timestamp: string; sourceType: string; sourceId?: string }>>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Value of one property as the API shows it: derived system properties are computed, not stored. */
export function propertyValue(store: TypeStore, record: CompactRecord, name: string): string | undefined {
  const def = store.def;
  if (name === 'hs_object_id') return String(record.id);
  if (name === def.createdDateProp) return iso(record.createdAt);
  if (name === def.modifiedDateProp) return iso(record.updatedAt);
  return store.getValue(record, name);
}

/**
 * Serialises a record in the `SimplePublicObject(WithAssociations)` shape of the v3 object specs.
 * Requested-but-unset properties come back as `null` and unknown names are ignored, as the live API does
 * (the recorded Airbyte records carry hundreds of `null` properties; the spec's parameter docs say
 * "If any of the specified properties are not present on the requested object(s), they will be ignored").
 */
export function toPublicObject(store: TypeStore, record: CompactRecord, selection: ReadSelection, associations?: AssociationStore): PublicObject {
  const names = selection.properties && selection.properties.length > 0 ? selection.properties : store.def.defaultReadProps;
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    if (!store.properties.has(name)) continue;
    properties[name] = propertyValue(store, record, name) ?? null;
  }
  const result: PublicObject = {
    id: String(record.id),
    properties,
    createdAt: iso(record.createdAt),
    updatedAt: iso(record.updatedAt),
    archived: record.archivedAt !== 0,
  };
  if (record.archivedAt) result.archivedAt = iso(record.archivedAt);
  if (selection.propertiesWithHistory && selection.propertiesWithHistory.length > 0) {
    result.propertiesWithHistory = {};
    for (const name of selection.propertiesWithHistory) {
      if (!store.properties.has(name)) continue;
      const history = store.historyOf(record, name);
      const current = propertyValue(store, record, name);
      const entries = history
        ? history.map((h) => ({ value: h.value, timestamp: iso(h.timestamp), sourceType: h.sourceType, ...(h.sourceId ? { sourceId: h.sourceId } : {}) }))
        : current !== undefined
          ? [{ value: current, timestamp: iso(record.updatedAt), sourceType: 'IMPORT' }]
          : [];
      result.propertiesWithHistory[name] = entries;
    }
  }
  if (associations && selection.associations && selection.associations.length > 0) {
    const grouped: NonNullable<PublicObject['associations']> = {};
    for (const { key, store: toStore } of selection.associations) {
      const targets = associations.targets(store.def.objectTypeId, toStore.def.objectTypeId, record.id);
      const results: Array<{ id: string; type: string }> = [];
      for (const target of targets) {
        if (selection.isArchived?.(toStore, target.toId)) continue;
        for (const typeId of target.typeIds) {
          const def = associations.type(typeId);
          const type = def ? (def.label === undefined && def.category === 'HUBSPOT_DEFINED' ? `${def.name}_unlabeled` : def.name) : String(typeId);
          results.push({ id: String(target.toId), type });
        }
      }
      if (results.length > 0) grouped[key] = { results };
    }
    if (Object.keys(grouped).length > 0) result.associations = grouped;
  }
  return result;
}
