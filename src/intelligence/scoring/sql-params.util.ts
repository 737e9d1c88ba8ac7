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
 * One packed factor as JSON text: `[signal, raw, contribution, decay, detail]` (see packed-factor.util.ts).
 * Built as text and parsed once per account: assembling jsonb objects value by value costs several times more,
 * and at 100k accounts × a dozen factors that is most of a full rescore.
 * `signal` is SQL yielding a safe identifier (validated config names), the rest are SQL expressions.
 */
export function packedEntry(signal: string, raw: string, contribution: string, decay = 'NULL', detail = 'NULL'): string {
  return `'[' || to_json((${signal})::text)::text || ',' || coalesce(to_json(${raw})::text, 'null') || ',' || round((${contribution})::numeric, 2)::text
    || ',' || coalesce(round((${decay})::numeric, 3)::text, 'null') || ',' || coalesce(to_json((${detail})::text)::text, 'null') || ']'`;
}

/** `CASE WHEN cond THEN entry END`: concat_ws skips the NULLs, so pruned factors cost nothing. */
export const entryIf = (cond: string, entry: string) => `CASE WHEN ${cond} THEN ${entry} END`;
