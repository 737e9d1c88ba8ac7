import { SfApiError } from '../errors.util';
import { QueryPlan } from '../soql/soql-executor';
import { Row } from '../store/sobject-table';
import { ApiRequest, ApiResponse, json, Route, SandboxServices } from './api-types';

/**
 * REST `query` / `queryAll` / query-more (REST API Developer Guide, "Query", "QueryAll", and
 * "Execute a SOQL Query": `{ totalSize, done, nextRecordsUrl?, records }`). Page size comes from
 * `Sforce-Query-Options: batchSize=N` (200..2000, default 2000; "Query Options Header"). jsforce builds
 * `/query?q=` or `/queryAll?q=` and follows `nextRecordsUrl` through `/query/{locator}` (`src/query.ts`
 * `_execute`, `locatorToUrl`), so the locator URL always uses `/query/` even for queryAll.
 */
const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

/**
 * "Changing the Batch Size in Queries": the batch is 200..2000 (default 2000) and at most 200 when the query
 * selects two or more custom long text area fields.
 */
function batchSizeOf(req: ApiRequest, plan: QueryPlan): number {
  const header = req.headers['sforce-query-options'];
  const m = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : header ?? '');
  const requested = m ? Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1]))) : DEFAULT_BATCH;
  const longText = plan.columns.filter((c) => c.field.custom && c.field.type === 'textarea' && c.field.length > 255).length;
  return longText >= 2 ? Math.min(requested, MIN_BATCH) : requested;
}

function page(s: SandboxServices, req: ApiRequest, plan: QueryPlan, rows: Row[], offset: number, batch: number, cursorId: string | null): ApiResponse {
  const end = Math.min(rows.length, offset + batch);
  const records: Array<Record<string, unknown>> = [];
  for (let i = offset; i < end; i++) records.push(s.executor.render(plan, rows[i], req.version));
  const done = end >= rows.length;
  const body: Record<string, unknown> = { totalSize: rows.length, done };
  if (!done) {
    const id = cursorId ?? s.cursors.open(plan, rows, batch, req.session.userId);
    body.nextRecordsUrl = `/services/data/v${req.version}/query/${id}-${end}`;
  } else if (cursorId) {
    s.cursors.close(cursorId);
  }
  body.records = records;
  return json(200, body);
}

function runQuery(s: SandboxServices, req: ApiRequest, includeDeleted: boolean): ApiResponse {
  const q = req.query.get('q');
  if (q === null || q.trim() === '') throw new SfApiError(400, 'MALFORMED_QUERY', 'A query string must be provided.');
  const result = s.executor.run(q, includeDeleted);
  const { plan, rows } = result;
  if (plan.countOnly) return json(200, { totalSize: rows.length, done: true, records: [] });
  if (plan.aggregate) {
    const { column, alias } = plan.aggregate;
    const n = rows.reduce((acc, r) => acc + (column.get(r) === null ? 0 : 1), 0);
    return json(200, { totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, [alias]: n }] });
  }
  return page(s, req, plan, rows, 0, batchSizeOf(req, plan), null);
}

export function queryRoute(s: SandboxServices, req: ApiRequest): Route | undefined {
  const [head, locator, extra] = req.segments;
  if (req.method !== 'GET' || (head !== 'query' && head !== 'queryAll') || extra !== undefined) return undefined;
  if (locator === undefined || locator === '') {
    return { kind: head, handle: () => runQuery(s, req, head === 'queryAll') };
  }
  return {
    kind: 'queryMore',
    handle: () => {
      const { cursor, offset } = s.cursors.get(locator);
      return page(s, req, cursor.plan, cursor.rows, offset, cursor.batchSize, cursor.id);
    },
  };
}
