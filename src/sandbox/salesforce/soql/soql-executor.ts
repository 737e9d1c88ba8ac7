import { isWellFormedId, to18 } from '../id.util';
import { SfFieldDef } from '../schema/field.types';
import { SObjectStore } from '../store/sobject-store';
import { Row, SObjectTable } from '../store/sobject-table';
import { parseDateTimeSeconds, toApiValue } from '../store/value-codec.util';
import { dateLiteralRange, secondsToDateString } from './date-literals.util';
import { Condition, FieldPath, Literal, SoqlQuery } from './soql-ast.types';
import { parseSoql } from './soql-parser';
import { soqlError } from './soql-tokenizer';
import { idCandidates } from './id-lookup.util';
import { comparable, compareForSort, isIdType, likeToRegExp } from './soql-values.util';

/**
 * Compiles a parsed query against the store into closures and runs it. Semantics follow the SOQL and SOSL
 * Reference: string comparisons and LIKE are case-insensitive, ORDER BY is case-insensitive with nulls first
 * by default, `query` hides rows with IsDeleted = true while `queryAll` returns them, OFFSET is capped at
 * 2,000. Relationship fields (`Account.Name`, `Owner.Name`) follow reference fields' relationship names.
 */
export interface ResolvedColumn {
  /** Header as Bulk API 2.0 writes it: the path as selected, e.g. `Account.Name`. */
  header: string;
  path: string[];
  field: SfFieldDef;
  get: (row: Row) => unknown;
}

export interface QueryPlan {
  table: SObjectTable;
  query: SoqlQuery;
  columns: ResolvedColumn[];
  /** COUNT() — only totalSize is returned. */
  countOnly: boolean;
  /** COUNT(field) [alias] — one AggregateResult record. */
  aggregate: { column: ResolvedColumn; alias: string } | null;
}

export interface QueryResultSet {
  plan: QueryPlan;
  /** Matching rows (the row arrays themselves: a consistent snapshot, see SObjectTable). */
  rows: Row[];
}

const MAX_OFFSET = 2000;

type Getter = (row: Row) => unknown;

export class SoqlExecutor {
  constructor(private readonly store: SObjectStore) {}

  plan(text: string): QueryPlan {
    const query = parseSoql(text);
    const table = this.store.table(query.from);
    if (!table) {
      throw soqlError('INVALID_TYPE', text, query.fromOffset, `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    const columns: ResolvedColumn[] = [];
    let countOnly = false;
    let aggregate: QueryPlan['aggregate'] = null;
    for (const item of query.select) {
      if (item.kind === 'count') countOnly = true;
      else if (item.kind === 'countField') aggregate = { column: this.resolve(table, item.path, text), alias: item.alias ?? 'expr0' };
      else columns.push(this.resolve(table, item.path, text));
    }
    if ((countOnly || aggregate) && (columns.length > 0 || query.select.length > 1)) {
      throw soqlError('MALFORMED_QUERY', text, query.select[0].kind === 'field' ? query.select[0].path.offset : 0, 'Field must be grouped or aggregated');
    }
    if (query.offset !== null && query.offset > MAX_OFFSET) {
      throw soqlError('NUMBER_OUTSIDE_VALID_RANGE', text, 0, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
    }
    return { table, query, columns, countOnly, aggregate };
  }

  /** Resolves `Account.Owner.Name` through relationship names to a getter on the base row. */
  resolve(table: SObjectTable, path: FieldPath, text: string): ResolvedColumn {
    let current = table;
    let getter: Getter = (row) => row;
    const parts = path.parts;
    for (let i = 0; i < parts.length - 1; i++) {
      const rel = current.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === parts[i].toLowerCase());
      const target = rel ? this.store.table(rel.referenceTo[0]) : undefined;
      if (!rel || !target) {
        throw soqlError('INVALID_FIELD', text, path.offset, `Didn't understand relationship '${parts[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
      }
      const from = current;
      const prev = getter;
      getter = (row) => {
        const base = prev(row) as Row | undefined;
        const id = base ? from.stored(base, rel) : null;
        return id ? target.rowById(id as string) : undefined;
      };
      current = target;
    }
    const name = parts[parts.length - 1];
    const f = current.field(name);
    if (!f) {
      throw soqlError('INVALID_FIELD', text, path.offset, `No such column '${name}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    const owner = current;
    const base = getter;
    const get: Getter = parts.length === 1 ? (row) => owner.stored(row, f) : (row) => {
      const r = base(row) as Row | undefined;
      return r ? owner.stored(r, f) : null;
    };
    return { header: parts.join('.'), path: parts, field: f, get };
  }

  /** Runs the query; `includeDeleted` = queryAll. */
  run(text: string, includeDeleted: boolean): QueryResultSet {
    const plan = this.plan(text);
    const { table, query } = plan;
    const predicate = query.where ? this.compile(table, query.where, text) : null;
    const rows: Row[] = [];
    const candidates = query.where ? idCandidates(table, query.where) : undefined;
    const source = candidates ?? table.rows;
    for (const row of source) {
      if (!row) continue;
      if (!includeDeleted && row[table.colIsDeleted] === true) continue;
      if (predicate && !predicate(row)) continue;
      rows.push(row);
    }
    if (query.orderBy.length > 0) {
      const keys = query.orderBy.map((o) => {
        const col = this.resolve(table, o.path, text);
        return { get: col.get, o, fold: !isIdType(col.field) };
      });
      rows.sort((a, b) => {
        for (const { get, o, fold } of keys) {
          const c = compareForSort(get(a), get(b), o.descending, o.nullsLast, fold);
          if (c !== 0) return c;
        }
        return 0;
      });
    }
    const start = query.offset ?? 0;
    const end = query.limit === null ? rows.length : start + query.limit;
    return { plan, rows: start > 0 || end < rows.length ? rows.slice(start, end) : rows };
  }

  /** REST rendering of one row: `attributes` then the selected fields, nested for relationships. */
  render(plan: QueryPlan, row: Row, version: string): Record<string, unknown> {
    const out = attributes(plan.table, row, version);
    for (const col of plan.columns) {
      if (col.path.length === 1) {
        out[col.field.name] = toApiValue(col.field, col.get(row));
        continue;
      }
      this.renderNested(plan.table, row, col, out, version);
    }
    return out;
  }

  private renderNested(table: SObjectTable, row: Row, col: ResolvedColumn, out: Record<string, unknown>, version: string): void {
    let target: Record<string, unknown> = out;
    let currentTable = table;
    let currentRow: Row | undefined = row;
    for (let i = 0; i < col.path.length - 1; i++) {
      const rel = currentTable.fields.find((f) => f.relationshipName?.toLowerCase() === col.path[i].toLowerCase()) as SfFieldDef;
      const parentTable = this.store.table(rel.referenceTo[0]) as SObjectTable;
      const parentId: unknown = currentRow ? currentTable.stored(currentRow, rel) : null;
      const parentRow = parentId ? parentTable.rowById(parentId as string) : undefined;
      const key = rel.relationshipName as string;
      if (!parentRow) {
        if (!(key in target)) target[key] = null;
        return;
      }
      if (!target[key]) target[key] = attributes(parentTable, parentRow, version);
      target = target[key] as Record<string, unknown>;
      currentTable = parentTable;
      currentRow = parentRow;
    }
    target[col.field.name] = currentRow ? toApiValue(col.field, currentTable.stored(currentRow, col.field)) : null;
  }

  private compile(table: SObjectTable, cond: Condition, text: string): (row: Row) => boolean {
    switch (cond.kind) {
      case 'and': {
        const l = this.compile(table, cond.left, text);
        const r = this.compile(table, cond.right, text);
        return (row) => l(row) && r(row);
      }
      case 'or': {
        const l = this.compile(table, cond.left, text);
        const r = this.compile(table, cond.right, text);
        return (row) => l(row) || r(row);
      }
      case 'not': {
        const inner = this.compile(table, cond.inner, text);
        return (row) => !inner(row);
      }
      case 'like': {
        const col = this.resolve(table, cond.field, text);
        const re = likeToRegExp(cond.pattern);
        return (row) => {
          const v = col.get(row);
          return v !== null && v !== undefined && re.test(String(v));
        };
      }
      case 'includes': {
        const col = this.resolve(table, cond.field, text);
        const wanted = cond.values.map((v) => v.toLowerCase().split(';').map((s) => s.trim()));
        return (row) => {
          const have = new Set(String(col.get(row) ?? '').toLowerCase().split(';').map((s) => s.trim()));
          const any = wanted.some((combo) => combo.every((v) => have.has(v)));
          return cond.negated ? !any : any;
        };
      }
      case 'in': {
        const col = this.resolve(table, cond.field, text);
        const values = cond.values.map((v) => this.normalize(col.field, v, text, cond.valueOffset));
        const fold = !isIdType(col.field);
        const set = new Set(values.map((v) => (typeof v === 'string' && fold ? v.toLowerCase() : v)));
        return (row) => {
          const v = comparable(col.field, col.get(row));
          const hit = set.has(typeof v === 'string' && fold ? v.toLowerCase() : v);
          return cond.negated ? !hit && v !== null : hit;
        };
      }
      case 'compare': {
        const col = this.resolve(table, cond.field, text);
        const { op } = cond;
        if (cond.value.kind === 'dateLiteral') {
          const [start, end] = dateLiteralRange(cond.value.name, cond.value.n, this.store.nowSeconds());
          const isDate = col.field.type === 'date';
          if (!isDate && col.field.type !== 'datetime') this.typeError(col.field, text, cond.valueOffset);
          const lo = isDate ? secondsToDateString(start) : start;
          const hi = isDate ? secondsToDateString(end) : end;
          return (row) => {
            const v = col.get(row) as number | string | null;
            if (v === null || v === undefined) return op === '!=';
            switch (op) {
              case '=': return v >= lo && v < hi;
              case '!=': return v < lo || v >= hi;
              case '<': return v < lo;
              case '<=': return v < hi;
              case '>': return v >= hi;
              default: return v >= lo;
            }
          };
        }
        const target = this.normalize(col.field, cond.value, text, cond.valueOffset);
        const fold = !isIdType(col.field);
        const t = typeof target === 'string' && fold ? target.toLowerCase() : target;
        return (row) => {
          let v = comparable(col.field, col.get(row));
          if (typeof v === 'string' && fold) v = v.toLowerCase();
          if (t === null) return op === '=' ? v === null : op === '!=' ? v !== null : false;
          if (v === null) return op === '!=';
          switch (op) {
            case '=': return v === t;
            case '!=': return v !== t;
            case '<': return (v as number) < (t as number);
            case '<=': return (v as number) <= (t as number);
            case '>': return (v as number) > (t as number);
            default: return (v as number) >= (t as number);
          }
        };
      }
    }
  }

  private typeError(f: SfFieldDef, text: string, offset: number): never {
    const type = f.type === 'datetime' ? 'dateTime' : f.type === 'date' ? 'date' : f.type === 'boolean' ? 'boolean' : ['double', 'currency', 'percent', 'int'].includes(f.type) ? 'double' : 'string';
    const quoted = type === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    throw soqlError('INVALID_FIELD', text, offset, `value of filter criterion for field '${f.name}' must be of type ${type} and ${quoted}`);
  }

  /** Literal -> comparable stored form, with Salesforce's type checks. */
  private normalize(f: SfFieldDef, lit: Literal, text: string, offset: number): unknown {
    if (lit.kind === 'null') return null;
    switch (f.type) {
      case 'datetime':
        if (lit.kind !== 'datetime') this.typeError(f, text, offset);
        return parseDateTimeSeconds(lit.value);
      case 'date':
        if (lit.kind !== 'date') this.typeError(f, text, offset);
        return lit.value;
      case 'boolean':
        if (lit.kind !== 'boolean') this.typeError(f, text, offset);
        return lit.value;
      case 'double': case 'currency': case 'percent': case 'int':
        if (lit.kind !== 'number') this.typeError(f, text, offset);
        return lit.value;
      case 'id': case 'reference':
        if (lit.kind !== 'string') this.typeError(f, text, offset);
        if (!isWellFormedId(lit.value)) throw soqlError('INVALID_QUERY_FILTER_OPERATOR', text, offset, `invalid ID field: ${lit.value}`);
        return to18(lit.value);
      default:
        if (lit.kind !== 'string') this.typeError(f, text, offset);
        return lit.value;
    }
  }
}

function attributes(table: SObjectTable, row: Row, version: string): Record<string, unknown> {
  return { attributes: { type: table.name, url: `/services/data/v${version}/sobjects/${table.name}/${String(row[table.colId])}` } };
}

