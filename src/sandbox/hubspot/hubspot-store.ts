import type { SandboxClock } from './clock.util';
import { AssociationStore } from './association-store';
import { buildProperty, CUSTOM_OBJECT_SYSTEM_SEEDS, DEFAULT_PROPERTY_SEEDS, normaliseValue, type PropertyDefinition, type PropertySeed } from './default-properties.util';
import { HubspotHttpError, errorBody, propertyDoesntExist, validationError } from './hubspot-errors.util';
import { derivedPropertyNames, STANDARD_OBJECT_TYPES, type ObjectTypeDef } from './object-types.util';
import { CompactRecord, TypeStore } from './type-store';

/** Who made a change: drives webhook `changeSource`/`sourceId` and property-history `sourceType`. */
export interface ChangeSource {
  changeSource: string;
  sourceId?: string;
}

export const CRM_UI_SOURCE: ChangeSource = { changeSource: 'CRM_UI', sourceId: 'userId:1' };
export const IMPORT_SOURCE: ChangeSource = { changeSource: 'IMPORT' };

export interface StoreChange {
  kind: 'creation' | 'propertyChange' | 'deletion' | 'associationChange';
  type: ObjectTypeDef;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  occurredAt: number;
  source: ChangeSource;
  association?: { toType: ObjectTypeDef; toObjectId: number; typeId: number; removed: boolean };
}

export interface BulkRecord {
  id?: string;
  properties: Record<string, string | null>;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface StoreOptions {
  portalId: number;
  clock: SandboxClock;
  searchLagMs: number;
}

/**
 * The sandbox's CRM data: object types, property definitions, records and associations. Routes go
 * through it, tests and the data generator may use it directly (`insertMany`/`associateMany` load data
 * without counting API calls).
 */
export class HubspotStore {
  readonly associations: AssociationStore;
  private readonly types = new Map<string, TypeStore>();
  private readonly listeners: Array<(change: StoreChange) => void> = [];
  private nextId = 1001;
  private nextCustomType = 1;
  searchLagMs: number;

  constructor(private readonly options: StoreOptions) {
    this.searchLagMs = options.searchLagMs;
    for (const def of STANDARD_OBJECT_TYPES) this.registerType(def, DEFAULT_PROPERTY_SEEDS[def.name] ?? []);
    this.associations = new AssociationStore((name) => this.typeStore(name).def);
  }

  get portalId(): number {
    return this.options.portalId;
  }

  onChange(listener: (change: StoreChange) => void): void {
    this.listeners.push(listener);
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private registerType(def: ObjectTypeDef, seeds: PropertySeed[]): TypeStore {
    const store = new TypeStore(def);
    const nowIso = new Date(this.options.clock.now()).toISOString();
    const group = def.custom ? `${def.name}_information` : `${def.singular}information`;
    store.groups.set(group, { name: group, label: `${def.singular} information`, displayOrder: 0, archived: false });
    seeds.forEach((seed, index) => store.properties.set(seed.name, buildProperty(seed, group, !def.custom || index < CUSTOM_OBJECT_SYSTEM_SEEDS.length, nowIso, index)));
    for (const name of [def.name, def.objectTypeId, def.fullyQualifiedName, def.singular]) this.types.set(name.toLowerCase(), store);
    return store;
  }

  /** Resolves a path object type (name, singular, `0-1`/`2-…` id or fully qualified name). */
  findType(name: string): TypeStore | undefined {
    return this.types.get(name.toLowerCase());
  }

  typeStore(name: string): TypeStore {
    const store = this.findType(name);
    // Live API wording for an unknown object type in a path.
    if (!store) throw new HubspotHttpError(400, errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${name}`));
    return store;
  }

  allTypes(): TypeStore[] {
    return [...new Set(this.types.values())];
  }

  /** Creates a custom object type (`2-<n>`, `p{portal}_{name}`) with system properties plus `seeds`. */
  createCustomType(name: string, singular: string, seeds: PropertySeed[], primaryDisplayProperty?: string): TypeStore {
    const def: ObjectTypeDef = {
      name,
      objectTypeId: `2-${this.options.portalId % 1000}${String(this.nextCustomType++).padStart(4, '0')}`,
      singular,
      fullyQualifiedName: `p${this.options.portalId}_${name}`,
      createdDateProp: 'hs_createdate',
      modifiedDateProp: 'hs_lastmodifieddate',
      defaultReadProps: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
      custom: true,
      primaryDisplayProperty,
    };
    const store = this.registerType(def, [...CUSTOM_OBJECT_SYSTEM_SEEDS, ...seeds]);
    const now = this.options.clock.now();
    const label = name.charAt(0).toUpperCase() + name.slice(1);
    store.schemaMeta = {
      id: String(10_000_000 + Number(def.objectTypeId.split('-')[1])),
      labels: { singular: label, plural: `${label}s` },
      requiredProperties: [],
      searchableProperties: [],
      secondaryDisplayProperties: [],
      createdAt: now,
      updatedAt: now,
    };
    return store;
  }

  defineProperty(type: string, seed: PropertySeed, hubspotDefined = false): PropertyDefinition {
    const store = this.typeStore(type);
    const group = [...store.groups.keys()][0];
    const property = buildProperty(seed, group, hubspotDefined, new Date(this.options.clock.now()).toISOString(), store.properties.size);
    store.properties.set(seed.name, property);
    store.version++;
    return property;
  }

  private allocateId(requested?: string): number {
    if (requested === undefined) return this.nextId++;
    const id = Number(requested);
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`invalid record id ${requested}`);
    if (id >= this.nextId) this.nextId = id + 1;
    return id;
  }

  /**
   * Validates a write the way the live API does: unknown property -> 400 PROPERTY_DOESNT_EXIST, value not
   * among an enumeration's options -> 400 INVALID_OPTION, read-only value (hs_object_id, the modification
   * date, hs_updated_by_user_id, …) -> 400 READ_ONLY_VALUE.
   */
  validateWrite(store: TypeStore, properties: Record<string, unknown>): void {
    const unknown = Object.keys(properties).filter((name) => store.properties.get(name)?.archived !== false);
    if (unknown.length > 0) throw propertyDoesntExist(unknown, this.options.portalId);
    for (const [name, value] of Object.entries(properties)) {
      const def = store.properties.get(name) as PropertyDefinition;
      if (value !== null && typeof value !== 'string') throw validationError(`Invalid input JSON: property ${name} must be a string`);
      if (def.modificationMetadata.readOnlyValue) {
        throw validationError(`Property values were not valid: ${JSON.stringify([{ isValid: false, message: `${name} is a read only property; its value cannot be set.`, error: 'READ_ONLY_VALUE', name }])}`);
      }
      if (def.type === 'enumeration' && def.options.length > 0 && typeof value === 'string' && value !== '') {
        const allowed = new Set(def.options.map((o) => o.value));
        const bad = value.split(';').filter((part) => !allowed.has(part));
        if (bad.length > 0) {
          const message = `${bad[0]} was not one of the allowed options: [${def.options.map((o) => o.value).join(', ')}]`;
          throw validationError(`Property values were not valid: ${JSON.stringify([{ isValid: false, message, error: 'INVALID_OPTION', name }])}`);
        }
      }
      if (def.type === 'number' && typeof value === 'string' && value !== '' && !Number.isFinite(Number(value))) {
        throw validationError(`Property values were not valid: ${JSON.stringify([{ isValid: false, message: `${value} is not a valid number`, error: 'INVALID_FLOAT', name }])}`);
      }
    }
  }

  private applyValues(store: TypeStore, record: CompactRecord, properties: Record<string, string | null>, at: number, source: ChangeSource, track: boolean): string[] {
    const derived = derivedPropertyNames(store.def);
    const changed: string[] = [];
    for (const [name, written] of Object.entries(properties)) {
      if (derived.includes(name)) continue;
      const previous = store.getValue(record, name);
      const value = normaliseValue(store.properties.get(name), written);
      if (!store.setValue(record, name, value)) continue;
      changed.push(name);
      if (track) {
        if (previous !== undefined && !store.historyOf(record, name)) {
          store.recordHistory(record, name, { value: previous, timestamp: record.updatedAt, sourceType: IMPORT_SOURCE.changeSource });
        }
        store.recordHistory(record, name, { value: value ?? '', timestamp: at, sourceType: source.changeSource, sourceId: source.sourceId });
      }
    }
    return changed;
  }

  create(type: string, properties: Record<string, string | null>, source: ChangeSource = CRM_UI_SOURCE): CompactRecord {
    const store = this.typeStore(type);
    this.validateWrite(store, properties);
    const now = this.options.clock.now();
    const record = new CompactRecord(this.allocateId(), now, now, 0, []);
    this.applyValues(store, record, properties, now, source, true);
    store.shadow(null, record.id, now + this.searchLagMs, now);
    store.add(record);
    this.emit({ kind: 'creation', type: store.def, objectId: record.id, occurredAt: now, source });
    for (const name of Object.keys(properties)) {
      const value = store.getValue(record, name);
      if (value !== undefined && value !== '') this.emit({ kind: 'propertyChange', type: store.def, objectId: record.id, propertyName: name, propertyValue: value, occurredAt: now, source });
    }
    return record;
  }

  /** Live record by id (archived records are invisible unless `archived` is asked for). */
  get(type: string, id: number | string, archived = false): CompactRecord | undefined {
    const record = this.typeStore(type).byId.get(Number(id));
    if (!record || Boolean(record.archivedAt) !== archived) return undefined;
    return record;
  }

  /** Every write bumps the modification time, even when no value changed (our own writes echo back). */
  update(type: string, id: number, properties: Record<string, string | null>, source: ChangeSource = CRM_UI_SOURCE): CompactRecord | undefined {
    const store = this.typeStore(type);
    this.validateWrite(store, properties);
    const record = this.get(type, id);
    if (!record) return undefined;
    const now = this.options.clock.now();
    store.shadow(record, record.id, now + this.searchLagMs, now);
    const changed = this.applyValues(store, record, properties, now, source, true);
    record.updatedAt = Math.max(now, record.updatedAt);
    store.touched(record);
    for (const name of changed) {
      this.emit({ kind: 'propertyChange', type: store.def, objectId: record.id, propertyName: name, propertyValue: store.getValue(record, name) ?? '', occurredAt: now, source });
    }
    return record;
  }

  /** Archiving sets `archivedAt` but leaves the modification date alone (airbytehq/airbyte#35017). */
  archive(type: string, id: number, source: ChangeSource = CRM_UI_SOURCE): boolean {
    const store = this.typeStore(type);
    const record = this.get(type, id);
    if (!record) return false;
    const now = this.options.clock.now();
    store.shadow(record, record.id, now + this.searchLagMs, now);
    record.archivedAt = now;
    store.version++;
    this.emit({ kind: 'deletion', type: store.def, objectId: record.id, occurredAt: now, source });
    return true;
  }

  /**
   * Bulk loader for generated data: no API accounting, no search lag, no webhooks. Unknown properties
   * are an error unless `autoDefine` adds them as string properties.
   */
  insertMany(objectType: string, records: BulkRecord[], options: { autoDefine?: boolean } = {}): string[] {
    const store = this.typeStore(objectType);
    const now = this.options.clock.now();
    const derived = new Set(derivedPropertyNames(store.def));
    const ids: string[] = [];
    for (const input of records) {
      for (const name of Object.keys(input.properties)) {
        if (store.properties.has(name)) continue;
        if (!options.autoDefine) throw new Error(`Property "${name}" does not exist on ${store.def.name}`);
        this.defineProperty(objectType, { name });
      }
      const created = input.createdAt?.getTime() ?? now;
      const record = new CompactRecord(this.allocateId(input.id), created, input.updatedAt?.getTime() ?? created, 0, []);
      if (store.byId.has(record.id)) throw new Error(`duplicate id ${record.id} for ${store.def.name}`);
      for (const [name, value] of Object.entries(input.properties)) {
        if (!derived.has(name)) store.setValue(record, name, normaliseValue(store.properties.get(name), value));
      }
      // Arrays grown element by element keep spare capacity; a copy is exactly sized (big saving at 1M records).
      record.values = record.values.slice();
      store.add(record);
      ids.push(String(record.id));
    }
    return ids;
  }

  /** Bulk association loader (default unlabeled type, or the type carrying `label`). */
  associateMany(fromType: string, toType: string, pairs: Array<[string | number, string | number]>, label?: string): number {
    const from = this.typeStore(fromType).def;
    const to = this.typeStore(toType).def;
    const types = this.associations.typesBetween(from.objectTypeId, to.objectTypeId);
    const type = label === undefined ? this.associations.defaultType(from.objectTypeId, to.objectTypeId) : types.find((t) => t.label === label);
    if (!type) throw new Error(`no association type ${label ?? '(unlabeled)'} between ${from.name} and ${to.name}`);
    let added = 0;
    for (const [fromId, toId] of pairs) if (this.associations.add(type.typeId, Number(fromId), Number(toId))) added++;
    return added;
  }

  /** Associates two records through the API (emits `associationChange`, bumps nothing: HubSpot doesn't). */
  associate(typeId: number, from: TypeStore, fromId: number, to: TypeStore, toId: number, source: ChangeSource, removed = false): void {
    const now = this.options.clock.now();
    if (removed) this.associations.remove(from.def.objectTypeId, to.def.objectTypeId, fromId, toId, typeId);
    else this.associations.add(typeId, fromId, toId);
    this.emit({ kind: 'associationChange', type: from.def, objectId: fromId, occurredAt: now, source, association: { toType: to.def, toObjectId: toId, typeId, removed } });
  }
}
