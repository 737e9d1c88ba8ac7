import { recordError, SfApiError } from '../errors.util';
import { isWellFormedId, makeId, to18 } from '../id.util';
import { field, FieldOptions, SfFieldDef, SfFieldType, SfObjectDef } from '../schema/field.types';
import { standardObjects } from '../schema/standard-objects';
import { convertInput, InputSource, ReferenceChecker } from './record-input.util';
import { RecordLifecycle } from './record-lifecycle';
import { Row, SObjectTable } from './sobject-table';
import { fromJsonValue, secondsOf } from './value-codec.util';

/** Who writes and when: one timestamp per API call, so all records written by a call share it. */
export interface WriteContext {
  userId: string;
  now: number;
}

export interface AddFieldSpec extends FieldOptions {
  name: string;
  type: SfFieldType;
}

export interface StoreOptions {
  clock?: () => Date;
  orgId?: string;
}

export const INTEGRATION_USER_ID = makeId('005', 1);
export const ADMIN_USER_ID = makeId('005', 2);

/**
 * The in-memory org: one SObjectTable per sObject, with Salesforce's write semantics (system audit fields
 * bumped on every write, recycle bin, undelete, merge, cascade delete of an Account's children) and an undo
 * journal so `allOrNone` requests can roll back.
 */
export class SObjectStore {
  readonly orgId: string;
  clock: () => Date;
  private readonly tables = new Map<string, SObjectTable>();
  private readonly journals: Array<Array<() => void>> = [];
  private readonly lifecycle = new RecordLifecycle(this);

  constructor(options: StoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.orgId = options.orgId ?? '00DHs0000000001EAA';
    for (const def of standardObjects()) this.tables.set(def.name.toLowerCase(), new SObjectTable(def));
    const asOf = new Date('2020-01-01T00:00:00Z');
    this.insertMany('User', [
      { Id: INTEGRATION_USER_ID, Username: 'integration@abm.sandbox', LastName: 'Integration', FirstName: 'ABM', Email: 'integration@abm.sandbox', Alias: 'abmint' },
      { Id: ADMIN_USER_ID, Username: 'admin@abm.sandbox', LastName: 'Admin', FirstName: 'Sandbox', Email: 'admin@abm.sandbox', Alias: 'sadmin' },
    ], { asOf });
  }

  nowSeconds(): number {
    return secondsOf(this.clock());
  }

  context(userId: string = ADMIN_USER_ID): WriteContext {
    return { userId, now: this.nowSeconds() };
  }

  table(name: string): SObjectTable | undefined {
    return this.tables.get(name.toLowerCase());
  }

  /** Table for a REST path segment; unknown types answer like Salesforce (404 NOT_FOUND). */
  requireTable(name: string): SObjectTable {
    const t = this.table(name);
    if (!t) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return t;
  }

  allTables(): SObjectTable[] {
    return [...this.tables.values()];
  }

  addObject(def: SfObjectDef): SObjectTable {
    const t = new SObjectTable(def);
    this.tables.set(def.name.toLowerCase(), t);
    return t;
  }

  /**
   * Adds a custom field at run time (visible to describe and SOQL at once). Accepts the namespaced form
   * `abmx__ABM_Score__c` as well as `ABM_Score__c`; custom field names must end in `__c`.
   */
  addField(sobjectType: string, spec: AddFieldSpec): SfFieldDef {
    const table = this.table(sobjectType);
    if (!table) throw new Error(`Unknown sObject ${sobjectType}`);
    if (!/^([A-Za-z][A-Za-z0-9]*__)?[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name) || spec.name.includes('___')) {
      throw new Error(`Invalid custom field name ${spec.name}`);
    }
    const def = field(spec.name, spec.type, { custom: true, ...spec });
    table.addField(def);
    return def;
  }

  /** Undo journal. `allOrNone` callers wrap their writes in begin/commit or rollback. */
  begin(): { commit: () => void; rollback: () => void } {
    const entries: Array<() => void> = [];
    this.journals.push(entries);
    const close = (): void => {
      const i = this.journals.lastIndexOf(entries);
      if (i >= 0) this.journals.splice(i, 1);
    };
    return {
      commit: () => {
        close();
        this.journals[this.journals.length - 1]?.push(...entries);
      },
      rollback: () => {
        close();
        for (let i = entries.length - 1; i >= 0; i--) entries[i]();
      },
    };
  }

  /** Internal: registers an undo step with the innermost open transaction. */
  journal(undo: () => void): void {
    this.journals[this.journals.length - 1]?.push(undo);
  }

  readonly checkRef: ReferenceChecker = (targetType, id) => {
    const target = this.table(targetType);
    if (!target) return 'unchecked';
    if (id.slice(0, 3) !== target.keyPrefix) return 'wrong-type';
    const row = target.rowById(id);
    if (!row) return 'missing';
    return target.isDeleted(row) ? 'deleted' : 'ok';
  };

  /** Bulk loader for generated data: assigns Ids when absent, keeps given system fields, counts no API calls. */
  insertMany(sobjectType: string, records: Array<Record<string, unknown>>, opts: { asOf?: Date } = {}): string[] {
    const table = this.table(sobjectType);
    if (!table) throw new Error(`Unknown sObject ${sobjectType}`);
    const now = secondsOf(opts.asOf ?? this.clock());
    const ids: string[] = new Array<string>(records.length);
    const cache = new Map<string, SfFieldDef>();
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      const row: Row = [];
      for (const key in rec) {
        if (key === 'attributes') continue;
        let f = cache.get(key);
        if (!f) {
          f = table.field(key);
          if (!f) throw new Error(`No such column '${key}' on sobject of type ${table.name}`);
          cache.set(key, f);
        }
        if (f.derived) continue;
        const raw = rec[key];
        const value = raw instanceof Date ? secondsOf(raw) : raw === undefined ? undefined : fromJsonValue(f, raw);
        table.set(row, f, f.type === 'reference' ? this.internId(f, value) : value);
      }
      const id = row[table.colId] ? to18(String(row[table.colId])) : this.mintId(table);
      if (table.position(id) !== undefined) throw new Error(`Duplicate Id ${id} for ${table.name}`);
      this.fillSystemFields(table, row, id, { userId: (row[table.colCreatedById] as string) ?? ADMIN_USER_ID, now });
      table.append(row);
      ids[i] = id;
    }
    return ids;
  }

  /** Next free Id of a table (skips Ids already taken by records loaded with explicit Ids). */
  private mintId(table: SObjectTable): string {
    for (;;) {
      const id = makeId(table.keyPrefix, ++table.idCounter + 1000);
      if (table.position(id) === undefined) return id;
    }
  }

  /**
   * Reference values point at the parent row's own Id string, so a million contacts do not each carry a
   * private copy of their account's Id.
   */
  private internId(f: SfFieldDef, value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const target = this.table(f.referenceTo[0]);
    const id = value.length === 15 ? to18(value) : value;
    const row = target?.rowById(id);
    return row ? row[target?.colId ?? 0] : id;
  }

  private fillSystemFields(table: SObjectTable, row: Row, id: string, ctx: WriteContext): void {
    const setIfUnset = (col: number, v: unknown): void => {
      while (row.length <= col) row.push(undefined);
      if (row[col] === undefined || row[col] === null) row[col] = v;
    };
    setIfUnset(table.colId, id);
    row[table.colId] = id;
    setIfUnset(table.colIsDeleted, false);
    setIfUnset(table.colCreatedDate, ctx.now);
    setIfUnset(table.colCreatedById, ctx.userId);
    setIfUnset(table.colLastModifiedDate, row[table.colCreatedDate]);
    setIfUnset(table.colLastModifiedById, row[table.colCreatedById]);
    setIfUnset(table.colSystemModstamp, row[table.colLastModifiedDate]);
    const owner = table.column('OwnerId');
    if (owner >= 0) setIfUnset(owner, ctx.userId);
    for (const f of table.fields) {
      // An unset checkbox already reads as false, so a false default costs no column.
      if (f.defaultValue !== undefined && f.defaultValue !== false && (table.stored(row, f) ?? null) === null) table.set(row, f, f.defaultValue);
      if (f.autoNumber && (table.stored(row, f) ?? null) === null) table.set(row, f, String(++table.autoNumber).padStart(8, '0'));
    }
  }

  /** Creates one record from API input; throws SfApiError / RecordValidationError. */
  create(sobjectType: string, input: Record<string, unknown>, ctx: WriteContext, source: InputSource = 'json'): string {
    const table = this.requireTable(sobjectType);
    const { values } = convertInput(table, input, 'create', source, this.checkRef);
    const row: Row = [];
    for (const [f, v] of values) {
      this.assertUnique(table, f, v, undefined);
      table.set(row, f, f.type === 'reference' ? this.internId(f, v) : v);
    }
    const id = this.mintId(table);
    this.fillSystemFields(table, row, id, ctx);
    const pos = table.append(row);
    this.journal(() => table.remove(pos));
    return id;
  }

  private assertUnique(table: SObjectTable, f: SfFieldDef, v: unknown, selfPos: number | undefined): void {
    if (v === null || !(f.unique || f.externalId)) return;
    const other = table.findUnique(f, v);
    if (other !== undefined && other !== selfPos) {
      const otherId = table.rows[other]?.[table.colId];
      throw recordError('DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${String(otherId)}`, []);
    }
  }

  /** Position of a live record, or the Salesforce error for a malformed / unknown / deleted Id. */
  locate(table: SObjectTable, rawId: string, allowDeleted = false): number {
    if (!isWellFormedId(rawId)) throw recordError('MALFORMED_ID', `${table.def.label} ID: id value of incorrect type: ${rawId}`, ['Id']);
    const id = to18(rawId);
    if (id.slice(0, 3) !== table.keyPrefix) throw recordError('MALFORMED_ID', `${table.def.label} ID: id value of incorrect type: ${rawId}`, ['Id']);
    const pos = table.position(id);
    if (pos === undefined) throw recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    if (!allowDeleted && table.isDeleted(table.rows[pos] as Row)) throw recordError('ENTITY_IS_DELETED', 'entity is deleted', []);
    return pos;
  }

  update(sobjectType: string, rawId: string, input: Record<string, unknown>, ctx: WriteContext, source: InputSource = 'json'): string {
    const table = this.requireTable(sobjectType);
    const pos = this.locate(table, rawId);
    const { values } = convertInput(table, input, 'update', source, this.checkRef);
    for (const [f, v] of values) this.assertUnique(table, f, v, pos);
    this.writeRow(table, pos, ctx, (row) => values.forEach((v, f) => table.set(row, f, f.type === 'reference' ? this.internId(f, v) : v)));
    return table.rows[pos]?.[table.colId] as string;
  }

  /** Internal (store and RecordLifecycle): copy-on-write update plus audit fields. */
  writeRow(table: SObjectTable, pos: number, ctx: WriteContext, mutate: (row: Row) => void, bumpLastModified = true): void {
    const old = table.rows[pos] as Row;
    const row = old.slice();
    mutate(row);
    while (row.length <= table.colSystemModstamp) row.push(undefined);
    if (bumpLastModified) {
      row[table.colLastModifiedDate] = ctx.now;
      row[table.colLastModifiedById] = ctx.userId;
    }
    row[table.colSystemModstamp] = ctx.now;
    table.replace(pos, row);
    this.journal(() => table.replace(pos, old));
  }

  /** Upsert by external Id (or by Id when the field is `Id`): returns the Id and whether it was created. */
  upsert(sobjectType: string, extField: string, extValue: string, input: Record<string, unknown>, ctx: WriteContext, source: InputSource = 'json'): { id: string; created: boolean } {
    const table = this.requireTable(sobjectType);
    const f = table.field(extField);
    if (!f || !(f.externalId || f.type === 'id')) {
      throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${extField}`);
    }
    if (f.type === 'id') {
      if (extValue && table.position(to18(extValue)) !== undefined) return { id: this.update(sobjectType, extValue, input, ctx, source), created: false };
      return { id: this.create(sobjectType, input, ctx, source), created: true };
    }
    const pos = table.findUnique(f, extValue);
    const rest = { ...input };
    delete rest[f.name];
    if (pos === undefined || table.isDeleted(table.rows[pos] as Row)) {
      return { id: this.create(sobjectType, { ...rest, [f.name]: extValue }, ctx, source), created: true };
    }
    const id = table.rows[pos]?.[table.colId] as string;
    return { id: this.update(sobjectType, id, rest, ctx, source), created: false };
  }

  /** Soft delete into the recycle bin; an Account takes its contacts, opportunities, cases ... with it. */
  delete(sobjectType: string, rawId: string, ctx: WriteContext): string {
    return this.lifecycle.delete(sobjectType, rawId, ctx);
  }

  undelete(sobjectType: string, rawId: string, ctx: WriteContext): string {
    return this.lifecycle.undelete(sobjectType, rawId, ctx);
  }

  /** Hard delete (Bulk `hardDelete`, or emptying the recycle bin): gone from queryAll, still in getDeleted. */
  hardDelete(sobjectType: string, rawId: string, ctx: WriteContext): string {
    return this.lifecycle.hardDelete(sobjectType, rawId, ctx);
  }

  /** Account/Contact merge; see RecordLifecycle.merge. */
  merge(sobjectType: string, masterId: string, loserIds: string[], ctx: WriteContext): void {
    this.lifecycle.merge(sobjectType, masterId, loserIds, ctx);
  }

  /** The record as the REST API returns it (`GET /sobjects/{type}/{id}`): every field plus attributes. */
  toApiRecord(table: SObjectTable, row: Row, version: string, fields?: SfFieldDef[]): Record<string, unknown> {
    const id = row[table.colId] as string;
    const out: Record<string, unknown> = {
      attributes: { type: table.name, url: `/services/data/v${version}/sobjects/${table.name}/${id}` },
    };
    for (const f of fields ?? table.fields) out[f.name] = table.apiValue(row, f);
    return out;
  }
}
