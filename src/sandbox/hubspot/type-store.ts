import type { ObjectTypeDef } from './object-types.util';
import type { PropertyDefinition } from './default-properties.util';
import { ModifiedIndex } from './modified-index';

/**
 * One CRM record, kept small on purpose: the store must hold 100k companies + 1M contacts + 300k custom
 * records in one process. Property values live in a slot array indexed by the type's property slot
 * (see TypeStore.slotOf), unset values are holes, and low-cardinality values are interned, so a record
 * costs one object + one array + its distinct strings. Timestamps are epoch milliseconds.
 */
export class CompactRecord {
  constructor(
    public id: number,
    public createdAt: number,
    public updatedAt: number,
    /** 0 while the record is live. */
    public archivedAt: number,
    public values: Array<string | undefined>,
  ) {}

  clone(): CompactRecord {
    return new CompactRecord(this.id, this.createdAt, this.updatedAt, this.archivedAt, this.values.slice());
  }
}

export interface HistoryEntry {
  value: string;
  timestamp: number;
  sourceType: string;
  sourceId?: string;
}

export interface PropertyGroupDefinition {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** Interning stops once a property shows many distinct values (emails, names): interning them buys nothing. */
const INTERN_LIMIT = 4096;

/** Definition details of a custom object schema (`/crm-object-schemas/v3/schemas`). */
export interface SchemaMeta {
  id: string;
  labels: { singular?: string; plural?: string };
  requiredProperties: string[];
  searchableProperties: string[];
  secondaryDisplayProperties: string[];
  createdAt: number;
  updatedAt: number;
}

/** Per-object-type storage: records by id, an id order for list paging, property slots and definitions. */
export class TypeStore {
  readonly properties = new Map<string, PropertyDefinition>();
  readonly groups = new Map<string, PropertyGroupDefinition>();
  readonly byId = new Map<number, CompactRecord>();
  /** Property history, kept only for values written after bulk loading (bulk rows have one implicit entry). */
  readonly history = new Map<number, Map<number, HistoryEntry[]>>();
  /**
   * What search still sees for recently written records: search indexing lags behind writes
   * (airbytehq/airbyte PR #69203, supaglue#665). `before === null` = not yet indexed at all.
   */
  readonly searchShadows = new Map<number, { visibleFrom: number; before: CompactRecord | null }>();
  schemaMeta?: SchemaMeta;
  /** Custom object schema archived (DELETE …/schemas/{objectType}): gone from the schema list, its name still taken. */
  schemaArchived = false;
  /** Records by (modification time, id) for "modified since" searches. */
  readonly modified = new ModifiedIndex();
  /** Bumped on every change; search result caches key on it. */
  version = 0;
  private readonly slots = new Map<string, number>();
  private readonly slotNames: string[] = [];
  private readonly interners: Array<Map<string, string> | null | undefined> = [];
  private orderedIds: number[] = [];
  private orderDirty = false;
  private readonly uniqueIndexes = new Map<number, Map<string, number>>();

  constructor(readonly def: ObjectTypeDef) {}

  slotOf(name: string): number {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      slot = this.slotNames.length;
      this.slots.set(name, slot);
      this.slotNames.push(name);
    }
    return slot;
  }

  existingSlot(name: string): number | undefined {
    return this.slots.get(name);
  }

  intern(slot: number, value: string): string {
    let table = this.interners[slot];
    if (table === null) return value;
    if (table === undefined) {
      table = new Map();
      this.interners[slot] = table;
    }
    const known = table.get(value);
    if (known !== undefined) return known;
    if (table.size >= INTERN_LIMIT) {
      this.interners[slot] = null;
      return value;
    }
    table.set(value, value);
    return value;
  }

  getValue(record: CompactRecord, name: string): string | undefined {
    const slot = this.slots.get(name);
    return slot === undefined ? undefined : record.values[slot];
  }

  /** Sets a value (undefined/null clears); returns whether it changed. Keeps unique indexes current. */
  setValue(record: CompactRecord, name: string, value: string | null | undefined): boolean {
    const slot = this.slotOf(name);
    const previous = record.values[slot];
    const next = value === null || value === undefined ? undefined : this.intern(slot, value);
    if (previous === next) return false;
    const index = this.uniqueIndexes.get(slot);
    if (index) {
      if (previous !== undefined) index.delete(previous.toLowerCase());
      if (next !== undefined) index.set(next.toLowerCase(), record.id);
    }
    if (next === undefined && slot === record.values.length - 1) record.values.length = slot;
    else record.values[slot] = next;
    return true;
  }

  add(record: CompactRecord): void {
    const last = this.orderedIds[this.orderedIds.length - 1];
    if (last !== undefined && record.id < last) this.orderDirty = true;
    this.byId.set(record.id, record);
    this.orderedIds.push(record.id);
    this.modified.append(record, false);
    for (const [slot, index] of this.uniqueIndexes) {
      const value = record.values[slot];
      if (value !== undefined) index.set(value.toLowerCase(), record.id);
    }
    this.version++;
  }

  /** Call after a record's `updatedAt` moved (every write does). */
  touched(record: CompactRecord): void {
    this.modified.append(record, true);
    this.version++;
  }

  /** Ids in ascending order (the order of the list endpoint, whose `after` cursor is an id). */
  ids(): number[] {
    if (this.orderDirty) {
      this.orderedIds.sort((a, b) => a - b);
      this.orderDirty = false;
    }
    return this.orderedIds;
  }

  /** Looks a record up by a unique-value property (email, or a custom `hasUniqueValue` property). */
  findByUnique(name: string, value: string): CompactRecord | undefined {
    const slot = this.slotOf(name);
    let index = this.uniqueIndexes.get(slot);
    if (!index) {
      index = new Map();
      for (const record of this.byId.values()) {
        const current = record.values[slot];
        if (current !== undefined && !record.archivedAt) index.set(current.toLowerCase(), record.id);
      }
      this.uniqueIndexes.set(slot, index);
    }
    const id = index.get(value.toLowerCase());
    const record = id === undefined ? undefined : this.byId.get(id);
    return record && !record.archivedAt ? record : undefined;
  }

  /** Remembers the pre-write state for search until `visibleFrom` (first write inside a lag window wins). */
  shadow(record: CompactRecord | null, id: number, visibleFrom: number, now: number): void {
    const existing = this.searchShadows.get(id);
    if (existing && existing.visibleFrom > now) {
      existing.visibleFrom = visibleFrom;
      return;
    }
    this.searchShadows.set(id, { visibleFrom, before: record ? record.clone() : null });
  }

  recordHistory(record: CompactRecord, name: string, entry: HistoryEntry): void {
    const slot = this.slotOf(name);
    let perRecord = this.history.get(record.id);
    if (!perRecord) {
      perRecord = new Map();
      this.history.set(record.id, perRecord);
    }
    let list = perRecord.get(slot);
    if (!list) {
      list = [];
      perRecord.set(slot, list);
    }
    list.unshift(entry);
  }

  historyOf(record: CompactRecord, name: string): HistoryEntry[] | undefined {
    const slot = this.slots.get(name);
    return slot === undefined ? undefined : this.history.get(record.id)?.get(slot);
  }
}
