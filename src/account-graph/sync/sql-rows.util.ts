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
