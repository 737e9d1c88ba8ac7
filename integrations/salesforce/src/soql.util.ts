/** SOQL building, kept pure and tested: literals, keyset windows and field lists. */

/**
 * SOQL datetime literal (unquoted), whole seconds: SystemModstamp has second precision, so a window's
 * exclusive upper bound is the start of the current second and its rows are read by the next window
 * (which starts `lookback` earlier, never less than a second).
 */
export function soqlDateTime(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Quotes a string literal per the SOQL reference, "Quoted String Escape Sequences". */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The fields every read needs besides the mapped ones. */
export function selectList(fields: string[]): string {
  return [...new Set(['Id', 'SystemModstamp', 'IsDeleted', ...fields])].join(', ');
}

/**
 * One keyset page of a change window: `[from, until)` on SystemModstamp with the `(SystemModstamp, Id)`
 * tie-break, so records sharing a stamp across a page boundary are neither lost nor repeated
 * (supaglue#532; crm-apis-and-sync.md §3.0 "Window and tie-breaks").
 */
export function changeWindowQuery(object: string, fields: string[], after: { stamp: Date; id: string | null }, until: Date, limit: number): string {
  const s = soqlDateTime(after.stamp);
  const lower = after.id ? `(SystemModstamp > ${s} OR (SystemModstamp = ${s} AND Id > ${soqlString(after.id)}))` : `SystemModstamp >= ${s}`;
  return `SELECT ${selectList(fields)} FROM ${object} WHERE ${lower} AND SystemModstamp < ${soqlDateTime(until)} ORDER BY SystemModstamp ASC, Id ASC LIMIT ${limit}`;
}

/** Id-ordered keyset page for reconciliation (ids only) and for REST full reads. */
export function idKeysetQuery(object: string, fields: string[], afterId: string | null, limit: number, where?: string): string {
  const conds = [afterId ? `Id > ${soqlString(afterId)}` : '', where ?? ''].filter(Boolean);
  return `SELECT ${fields.length ? selectList(fields) : 'Id'} FROM ${object}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY Id ASC LIMIT ${limit}`;
}

export function byIdsQuery(object: string, fields: string[], ids: string[]): string {
  return `SELECT ${selectList(fields)} FROM ${object} WHERE Id IN (${ids.map(soqlString).join(', ')})`;
}
