import type { EntityManager } from 'typeorm';

/**
 * Runs SQL and returns its rows whatever the command: TypeORM's postgres driver answers UPDATE/DELETE
 * … RETURNING with `[rows, rowCount]` but INSERT/SELECT with plain rows.
 */
export async function queryRows<T>(m: Pick<EntityManager, 'query'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const res: unknown = await m.query(sql, params);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number') return res[0] as T[];
  return res as T[];
}

/**
 * Turns JIT compilation off for the rest of the caller's transaction. Batch writes are thousands of
 * index probes; without planner statistics (a fresh or never-analysed table) their estimated cost
 * passes jit_above_cost and PostgreSQL spends 1–3 s compiling a statement that runs in milliseconds.
 * Only a planner setting: results are the same with or without it (PGlite has no JIT and ignores it).
 */
export async function disableJit(m: Pick<EntityManager, 'query'>): Promise<void> {
  await m.query(`SELECT set_config('jit', 'off', true)`);
}
