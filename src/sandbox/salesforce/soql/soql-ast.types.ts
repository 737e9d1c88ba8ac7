/** SOQL syntax tree produced by `parseSoql` (SOQL and SOSL Reference, "SOQL SELECT Syntax"). */

export interface FieldPath {
  /** Path as written: ['Account', 'Name'] for `Account.Name`. */
  parts: string[];
  offset: number;
}

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  /** `COUNT()` (no field): only totalSize is returned. */
  | { kind: 'count'; offset: number }
  /** `COUNT(field)` / `COUNT(Id) alias`: an AggregateResult row. */
  | { kind: 'countField'; path: FieldPath; alias: string | null; offset: number };

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: string }
  /** TODAY, LAST_N_DAYS:30, ... */
  | { kind: 'dateLiteral'; name: string; n: number | null };

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; field: FieldPath; op: ComparisonOp; value: Literal; valueOffset: number }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[]; valueOffset: number }
  | { kind: 'like'; field: FieldPath; pattern: string; valueOffset: number }
  /** Multi-select picklists: INCLUDES / EXCLUDES ('a;b', 'c'). */
  | { kind: 'includes'; field: FieldPath; negated: boolean; values: string[] };

export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  select: SelectItem[];
  from: string;
  fromOffset: number;
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
  /** The query text, for error messages. */
  text: string;
}
