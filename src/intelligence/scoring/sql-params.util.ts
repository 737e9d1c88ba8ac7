/**
 * Collects positional parameters while a statement is assembled, so every value from a scoring
 * configuration reaches PostgreSQL as a bound parameter, never as SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, with an optional cast (`$3::text[]`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/** What every scoring statement needs to know about the pass it belongs to. */
export interface ScoringSqlContext {
  /** The moment scored: only data from before it counts. */
  asOf: Date;
  /** `asOf` as a UTC calendar date (YYYY-MM-DD) for date columns. */
  asOfDate: string;
}

export function sqlContext(asOf: Date): ScoringSqlContext {
  return { asOf, asOfDate: asOf.toISOString().slice(0, 10) };
}

/**
 * One packed factor, as three SQL text expressions that travel together from each component to the score:
 * - `entry`: its JSON text `[signal, raw, contribution, decay, detail]` (see packed-factor.util.ts). Built as text
 *   and parsed once per account: assembling JSON value by value costs several times more, and at 100k accounts ×
 *   a dozen factors that is most of a full rescore.
 * - `hundredths`: its contribution in hundredths of a point, the rounded value the entry shows, as an integer.
 * - `signal`: its signal name.
 * The score keeps the contributions as an integer array and a hash of the signal list beside the factors, so the
 * next run finds what moved by comparing integers position by position, without parsing either factor list.
 * `signal` is SQL yielding a safe identifier (validated config names), the rest are SQL expressions.
 */
export interface FactorSql {
  entry: string;
  hundredths: string;
  signal: string;
}

export function packedFactor(signal: string, raw: string, contribution: string, decay = 'NULL', detail = 'NULL'): FactorSql {
  // Rounded in float8 (half away from zero) to an integer, and shown from that integer: a float8 → numeric
  // conversion goes through text and cost more than the rest of the entry. Decay likewise, in thousandths.
  const c = `(${contribution})::float8`;
  const hundredths = `(sign(${c}) * floor(abs(${c}) * 100 + 0.5))::int`;
  const d = `(${decay})::float8`;
  // Signal names are identifiers (validated config names), so quoting them is all their JSON needs; a literal
  // one is quoted here once (to_json() is not immutable, so the planner would call it per row).
  const literal = /^'[A-Za-z0-9_.]+'$/.test(signal);
  const signalJson = literal ? `'"${signal.slice(1, -1)}"'` : `'"' || (${signal}) || '"'`;
  return {
    entry: `'[' || ${signalJson} || ',' || coalesce(to_json(${raw})::text, 'null') || ',' || round(${hundredths}::numeric / 100, 2)::text
    || ',' || ${decay === 'NULL' ? `'null'` : `coalesce(round((sign(${d}) * floor(abs(${d}) * 1000 + 0.5))::int::numeric / 1000, 3)::text, 'null')`}
    || ',' || coalesce(to_json((${detail})::text)::text, 'null') || ']'`,
    hundredths: `${hundredths}::text`,
    signal: `(${signal})::text`,
  };
}

const mapFactor = (f: FactorSql, fn: (sql: string, key: keyof FactorSql) => string): FactorSql => ({
  entry: fn(f.entry, 'entry'),
  hundredths: fn(f.hundredths, 'hundredths'),
  signal: fn(f.signal, 'signal'),
});

/** `CASE WHEN cond THEN … END`: the lists below skip the NULLs, so pruned factors cost nothing. */
export const factorIf = (cond: string, f: FactorSql): FactorSql => mapFactor(f, (x) => `CASE WHEN ${cond} THEN ${x} END`);

/** `CASE WHEN cond THEN a ELSE b END`, part by part. */
export const factorCase = (cond: string, a: FactorSql, b: FactorSql): FactorSql => mapFactor(a, (x, k) => `CASE WHEN ${cond} THEN ${x} ELSE ${b[k]} END`);

/** Several factors (or lists) in order, each part a comma-separated list ('' when all are pruned). */
export const factorList = (list: FactorSql[]): FactorSql => mapFactor(list[0], (_x, k) => `concat_ws(',', ${list.map((f) => f[k]).join(', ')})`);

/**
 * Aggregated over rows, in the order the rows arrive: callers feed them sorted. An ORDER BY inside each of the
 * three aggregates would sort every group three times. The three lists stay aligned whatever the order (one
 * aggregation fills them together); a different order from one run to the next only changes the signal hash, and
 * change reasons then pair the factors by name.
 */
export const factorAgg = (f: FactorSql, filter?: string): FactorSql =>
  mapFactor(f, (x) => `string_agg(${x}, ',')${filter ? ` FILTER (WHERE ${filter})` : ''}`);

/** The columns a component's table carries its factors in. */
export const FACTOR_COLUMNS: FactorSql = { entry: 'ftext', hundredths: 'fhundredths', signal: 'fsignals' };

/** The factor columns of table alias `t` (`t.ftext`, …). */
export const factorColumnsOf = (t: string): FactorSql => mapFactor(FACTOR_COLUMNS, (x) => `${t}.${x}`);

/** `… AS ftext, … AS fhundredths, … AS fsignals`. */
export const asFactorColumns = (f: FactorSql): string =>
  (Object.keys(FACTOR_COLUMNS) as Array<keyof FactorSql>).map((k) => `${f[k]} AS ${FACTOR_COLUMNS[k]}`).join(', ');
