import { SfFieldDef, SfObjectDef } from '../schema/field.types';
import { mintedCounter } from '../id.util';
import { toApiValue } from './value-codec.util';

/**
 * One record = one plain array of stored values, indexed by a physical column number. Columns are laid
 * out system fields first, then the remaining stored fields in describe order (address components and long
 * text areas last); derived fields (compound
 * addresses, Contact.Name) have no column. Trailing unset columns are simply absent, so a sparse record
 * costs little. Rows are copy-on-write: an update replaces the array instead of mutating it, so an open
 * query cursor or Bulk job that holds the old array keeps reading the values as of its query.
 */
export type Row = unknown[];

const PARENT_INDEXED = ['AccountId', 'ContactId', 'OpportunityId'];
const SYSTEM_ORDER = ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'OwnerId'];

export class SObjectTable {
  readonly name: string;
  readonly keyPrefix: string;
  readonly fields: SfFieldDef[] = [];
  /** lower-case field name -> field definition */
  private readonly byName = new Map<string, SfFieldDef>();
  /** field name -> physical column, -1 for derived fields */
  private readonly columnOf = new Map<string, number>();
  private columnCount = 0;
  readonly rows: Array<Row | undefined> = [];
  /**
   * Id -> row position. Ids minted by the sandbox encode a counter, so their position lives in a dense
   * array indexed by that counter (8 bytes a record); only foreign Ids (fixtures) use the hash map.
   */
  private readonly positionByCounter: number[] = [];
  private readonly positionById = new Map<string, number>();
  private liveCount = 0;
  /** column -> (lower-cased value -> row position) for unique / external-id fields */
  private readonly uniqueIndexes = new Map<number, Map<string, number>>();
  /**
   * column -> (parent Id -> child row positions) for the lookups that cascade deletes and merges follow
   * (AccountId, ContactId, OpportunityId), so deleting one account does not scan a million contacts.
   */
  private readonly parentIndexes = new Map<number, Map<string, number[]>>();
  /** Id -> deletion time (seconds) for rows in the recycle bin and hard-deleted rows (getDeleted). */
  readonly deletedAt = new Map<string, number>();
  autoNumber = 0;
  idCounter = 0;

  readonly colId: number;
  readonly colIsDeleted: number;
  readonly colCreatedDate: number;
  readonly colCreatedById: number;
  readonly colLastModifiedDate: number;
  readonly colLastModifiedById: number;
  readonly colSystemModstamp: number;

  constructor(readonly def: SfObjectDef) {
    this.name = def.name;
    this.keyPrefix = def.keyPrefix;
    // Address components and long text go last: they are often empty, and an empty tail costs nothing.
    const cold = (f: SfFieldDef): boolean => /^(Billing|Shipping|Mailing)/.test(f.name) || f.type === 'textarea';
    const rest = def.fields.filter((f) => !SYSTEM_ORDER.includes(f.name));
    const ordered = [
      ...SYSTEM_ORDER.map((n) => def.fields.find((f) => f.name === n)).filter((f): f is SfFieldDef => !!f),
      ...rest.filter((f) => !cold(f)),
      ...rest.filter(cold),
    ];
    for (const f of ordered) this.assignColumn(f);
    for (const f of def.fields) {
      this.fields.push(f);
      this.byName.set(f.name.toLowerCase(), f);
    }
    this.colId = this.column('Id');
    this.colIsDeleted = this.column('IsDeleted');
    this.colCreatedDate = this.column('CreatedDate');
    this.colCreatedById = this.column('CreatedById');
    this.colLastModifiedDate = this.column('LastModifiedDate');
    this.colLastModifiedById = this.column('LastModifiedById');
    this.colSystemModstamp = this.column('SystemModstamp');
  }

  private assignColumn(f: SfFieldDef): void {
    const col = f.derived ? -1 : this.columnCount++;
    this.columnOf.set(f.name, col);
    if (col >= 0 && (f.unique || f.externalId) && f.type !== 'id') this.uniqueIndexes.set(col, new Map());
    if (col >= 0 && f.type === 'reference' && PARENT_INDEXED.includes(f.name)) this.parentIndexes.set(col, new Map());
  }

  /** Positions of rows whose `fieldName` (an indexed lookup) points at `parentId`; undefined if not indexed. */
  childrenOf(fieldName: string, parentId: string): number[] | undefined {
    const index = this.parentIndexes.get(this.column(fieldName));
    return index ? [...(index.get(parentId) ?? [])] : undefined;
  }

  addField(f: SfFieldDef): void {
    if (this.byName.has(f.name.toLowerCase())) throw new Error(`Field ${f.name} already exists on ${this.name}`);
    this.assignColumn(f);
    this.fields.push(f);
    this.byName.set(f.name.toLowerCase(), f);
    const col = this.columnOf.get(f.name) ?? -1;
    const index = this.uniqueIndexes.get(col);
    if (index) this.rows.forEach((row, pos) => row && row[col] != null && index.set(String(row[col]).toLowerCase(), pos));
  }

  field(name: string): SfFieldDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  column(name: string): number {
    return this.columnOf.get(name) ?? -1;
  }

  get size(): number {
    return this.liveCount;
  }

  position(id: string): number | undefined {
    const counter = mintedCounter(id, this.keyPrefix);
    if (counter < 0) return this.positionById.get(id);
    const pos = this.positionByCounter[counter];
    return pos === undefined || pos < 0 || this.rows[pos]?.[this.colId] !== id ? undefined : pos;
  }

  rowById(id: string): Row | undefined {
    const pos = this.position(id);
    return pos === undefined ? undefined : this.rows[pos];
  }

  private indexId(id: string, pos: number | undefined): void {
    const counter = mintedCounter(id, this.keyPrefix);
    if (counter < 0) {
      if (pos === undefined) this.positionById.delete(id);
      else this.positionById.set(id, pos);
      return;
    }
    while (this.positionByCounter.length <= counter) this.positionByCounter.push(-1);
    this.positionByCounter[counter] = pos ?? -1;
  }

  /** Stored value of a field (null when unset); derived fields are computed from the row. */
  stored(row: Row, f: SfFieldDef): unknown {
    if (f.derived) return f.derived((name) => this.storedByName(row, name));
    const v = row[this.columnOf.get(f.name) ?? -1];
    return v === undefined ? null : v;
  }

  storedByName(row: Row, name: string): unknown {
    const f = this.field(name);
    return f ? this.stored(row, f) : null;
  }

  /** API (JSON) value of a field. */
  apiValue(row: Row, f: SfFieldDef): unknown {
    return toApiValue(f, this.stored(row, f));
  }

  isDeleted(row: Row): boolean {
    return row[this.colIsDeleted] === true;
  }

  findUnique(f: SfFieldDef, value: unknown): number | undefined {
    return this.uniqueIndexes.get(this.column(f.name))?.get(String(value).toLowerCase());
  }

  /** Appends a new row and indexes it; returns its position. */
  append(row: Row): number {
    const pos = this.rows.length;
    const compact = trimRow(row);
    this.rows.push(compact);
    this.indexId(compact[this.colId] as string, pos);
    this.liveCount++;
    this.indexUnique(compact, pos, true);
    return pos;
  }

  /** Replaces a row (copy-on-write update). */
  replace(pos: number, row: Row): void {
    const old = this.rows[pos];
    if (old) this.indexUnique(old, pos, false);
    const compact = trimRow(row);
    this.rows[pos] = compact;
    this.indexUnique(compact, pos, true);
  }

  /** Removes a row entirely (hard delete or rollback of a create). */
  remove(pos: number): void {
    const row = this.rows[pos];
    if (!row) return;
    this.indexUnique(row, pos, false);
    this.indexId(row[this.colId] as string, undefined);
    this.liveCount--;
    if (pos === this.rows.length - 1) this.rows.pop();
    else this.rows[pos] = undefined;
  }

  private indexUnique(row: Row, pos: number, add: boolean): void {
    for (const [col, index] of this.parentIndexes) {
      const v = row[col] as string | undefined | null;
      if (v === undefined || v === null) continue;
      const list = index.get(v);
      if (add) {
        if (list) list.push(pos);
        else index.set(v, [pos]);
      } else if (list) {
        const i = list.indexOf(pos);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) index.delete(v);
      }
    }
    for (const [col, index] of this.uniqueIndexes) {
      const v = row[col];
      if (v === undefined || v === null) continue;
      const key = String(v).toLowerCase();
      if (add) index.set(key, pos);
      else if (index.get(key) === pos) index.delete(key);
    }
  }

  /** Writes a stored value into a (fresh) row array by field. */
  set(row: Row, f: SfFieldDef, value: unknown): void {
    const col = this.columnOf.get(f.name) ?? -1;
    if (col < 0) return;
    while (row.length <= col) row.push(undefined);
    row[col] = value;
  }
}

/**
 * Drops trailing unset columns and copies into an exactly-sized array: arrays grown by push() keep ~50 %
 * spare capacity, which for a million contacts is hundreds of megabytes.
 */
function trimRow(row: Row): Row {
  let end = row.length;
  while (end > 0 && (row[end - 1] === undefined || row[end - 1] === null)) end--;
  return row.slice(0, end);
}
