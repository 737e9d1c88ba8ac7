import type { EntityManager } from 'typeorm';

export interface UpsertColumn {
  /** Column name in the table. */
  name: string;
  /** PostgreSQL array element type used to ship the column, e.g. 'text', 'uuid', 'timestamptz', 'jsonb', 'boolean'. */
  type: string;
}

export interface BulkUpsertSpec {
  table: string;
  columns: UpsertColumn[];
  /** Columns of the unique index the rows are matched on. */
  conflict: string[];
  /** Columns left alone when the row exists (e.g. id, created_at). Default: only the conflict columns. */
  keepOnUpdate?: string[];
  /** Extra SET clauses, e.g. 'updated_at = now()'. */
  extraSet?: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Upserts many rows in one statement: every column is sent as one array parameter and spread with
 * unnest(), so 5,000 rows cost one round trip and one parse. Rows whose values did not change are not
 * rewritten (the WHERE … IS DISTINCT FROM), so re-reading a record is harmless and cheap.
 * Returns the number of rows inserted or changed.
 */
export async function bulkUpsert(manager: EntityManager, spec: BulkUpsertSpec, rows: unknown[][]): Promise<number> {
  if (rows.length === 0) return 0;
  const cols = spec.columns;
  const arrays: unknown[][] = cols.map(() => new Array(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < cols.length; c++) {
      const v = row[c];
      arrays[c][r] = v !== null && v !== undefined && cols[c].type === 'jsonb' ? JSON.stringify(v) : (v ?? null);
    }
  }
  const keep = new Set([...(spec.keepOnUpdate ?? []), ...spec.conflict]);
  const updatable = cols.filter((c) => !keep.has(c.name));
  // jsonb travels as text[] and is cast per element: pg has no array-of-jsonb parameter encoding.
  const select = cols
    .map((c, i) => (c.type === 'jsonb' ? `u.c${i}::jsonb` : `u.c${i}`))
    .join(', ');
  const unnest = cols.map((c, i) => `$${i + 1}::${c.type === 'jsonb' ? 'text' : c.type}[]`).join(', ');
  const alias = cols.map((_c, i) => `c${i}`).join(', ');
  const set = [...updatable.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`), ...(spec.extraSet ?? [])].join(', ');
  const changed = updatable.map((c) => `${spec.table}.${ident(c.name)} IS DISTINCT FROM EXCLUDED.${ident(c.name)}`).join(' OR ');
  const sql =
    `INSERT INTO ${spec.table} (${cols.map((c) => ident(c.name)).join(', ')}) ` +
    `SELECT ${select} FROM unnest(${unnest}) AS u(${alias}) ` +
    `ON CONFLICT (${spec.conflict.map(ident).join(', ')}) DO ` +
    (updatable.length ? `UPDATE SET ${set} WHERE ${changed}` : 'NOTHING');
  // A structured result carries the affected-row count; inside a transaction we must use its own runner.
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, arrays, true);
    return result.affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
