import { randomBytes } from 'node:crypto';
import { SfApiError } from '../errors.util';
import { checksumSuffix } from '../id.util';
import { QueryPlan } from '../soql/soql-executor';
import { Row } from '../store/sobject-table';

/**
 * Server-side query cursors behind `nextRecordsUrl` (`/services/data/vXX.X/query/01g...-2000`).
 *
 * Consistency choice: a cursor holds the matching rows as of the query. Rows are copy-on-write arrays,
 * so a page fetched later shows the values the records had when the query ran, and records created or
 * changed afterwards do not enter the result; that is how Salesforce's query locators behave (the result set
 * is fixed when the query executes; later pages come from it). Relationship fields (`Account.Name`) are
 * looked up when the page is served.
 * Limits as documented ("Query" resource / SOAP `queryMore()`): a cursor expires after 15 minutes of
 * inactivity, and a user holds at most 10 open cursors (opening an 11th releases the oldest); using a dead
 * cursor answers 400 INVALID_QUERY_LOCATOR.
 */
interface Cursor {
  id: string;
  plan: QueryPlan;
  rows: Row[];
  batchSize: number;
  userId: string;
  lastUsedMs: number;
}

const MAX_CURSORS_PER_USER = 10;
const IDLE_MS = 15 * 60 * 1000;

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly nowMs: () => number) {}

  open(plan: QueryPlan, rows: Row[], batchSize: number, userId: string): string {
    const mine = [...this.cursors.values()].filter((c) => c.userId === userId).sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    while (mine.length >= MAX_CURSORS_PER_USER) this.cursors.delete((mine.shift() as Cursor).id);
    const id15 = `01gHs${randomBytes(8).toString('hex').slice(0, 10)}`;
    const id = id15 + checksumSuffix(id15);
    this.cursors.set(id, { id, plan, rows, batchSize, userId, lastUsedMs: this.nowMs() });
    return id;
  }

  get(locator: string): { cursor: Cursor; offset: number } {
    const m = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1]) : undefined;
    if (!m || !cursor || this.nowMs() - cursor.lastUsedMs > IDLE_MS || Number(m[2]) > cursor.rows.length) {
      if (cursor) this.cursors.delete(cursor.id);
      throw new SfApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    cursor.lastUsedMs = this.nowMs();
    return { cursor, offset: Number(m[2]) };
  }

  close(id: string): void {
    this.cursors.delete(id);
  }

  get openCount(): number {
    return this.cursors.size;
  }
}
