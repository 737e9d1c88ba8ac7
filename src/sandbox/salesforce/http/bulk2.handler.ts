import { Readable } from 'node:stream';
import { csvFromMatrix, csvRowStream, DELIMITERS, LINE_ENDINGS } from '../bulk/bulk-csv.util';
import { QueryJob } from '../bulk/bulk-query-jobs.service';
import { SfApiError } from '../errors.util';
import { ApiRequest, ApiResponse, json, parseJsonBody, Route, SandboxServices } from './api-types';

/**
 * Routes of Bulk API 2.0 under `/services/data/vXX.X/jobs/{query|ingest}` (Bulk API 2.0 Developer Guide).
 * jsforce drives them from `src/api/bulk2.ts`: `QueryJobV2.open/poll/result` (follows `Sforce-Locator`
 * until the string "null", never sends maxRecords) and `IngestJobV2.open/uploadData/close/poll/getAllResults`.
 * Query results are streamed (and gzip-compressed by the server when the client sends
 * `Accept-Encoding: gzip`); the locator is the Base64 of the next row offset, as Salesforce's look.
 */
function jsonBody(req: ApiRequest): Record<string, unknown> {
  const body = parseJsonBody(req);
  if (!body || typeof body !== 'object' || '__jsonError' in body) throw new SfApiError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete.');
  return body as Record<string, unknown>;
}

function results(s: SandboxServices, req: ApiRequest, job: QueryJob, defaultMaxRecords: number): ApiResponse {
  if (job.apiVersion !== req.version) throw new SfApiError(409, 'INVALIDJOBSTATE', `Results must be requested with the job's API version ${job.apiVersion}`);
  if (job.state !== 'JobComplete' || !job.rows) throw new SfApiError(400, 'INVALIDJOBSTATE', `Job ${job.id} is not complete (state ${job.state})`);
  const locator = req.query.get('locator');
  const start = locator ? Number(Buffer.from(locator, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0 || start > job.rows.length) throw new SfApiError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator}`);
  const maxParam = req.query.get('maxRecords');
  const max = maxParam ? Number(maxParam) : defaultMaxRecords;
  if (!Number.isInteger(max) || max <= 0) throw new SfApiError(400, 'INVALIDREQUEST', `Invalid maxRecords: ${maxParam}`);
  const end = Math.min(job.rows.length, start + max);
  const next = end < job.rows.length ? Buffer.from(String(end)).toString('base64').replace(/=+$/, '') : 'null';
  const stream = csvRowStream(job.plan.columns, job.rows, start, end, DELIMITERS[job.columnDelimiter], LINE_ENDINGS[job.lineEnding]);
  return { status: 200, stream, contentType: 'text/csv', headers: { 'Sforce-NumberOfRecords': String(end - start), 'Sforce-Locator': next } };
}

function resultPages(req: ApiRequest, job: QueryJob, pageSize: number): ApiResponse {
  if (Number(req.version) < 58) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (job.state !== 'JobComplete' || !job.rows) throw new SfApiError(400, 'INVALIDJOBSTATE', `Job ${job.id} is not complete (state ${job.state})`);
  const locator = req.query.get('locator');
  let offset = locator ? Number(Buffer.from(locator, 'base64').toString('utf8')) : 0;
  const pages: Array<{ resultUrl: string }> = [];
  const base = `/services/data/v${req.version}/jobs/query/${job.id}`;
  const enc = (n: number): string => Buffer.from(String(n)).toString('base64').replace(/=+$/, '');
  while (pages.length < 5 && (offset < job.rows.length || (offset === 0 && pages.length === 0))) {
    pages.push({ resultUrl: `${base}/results?${offset > 0 ? `locator=${enc(offset)}&` : ''}maxRecords=${pageSize}` });
    offset += pageSize;
  }
  const done = offset >= job.rows.length;
  return json(200, { resultPages: pages, nextRecordsUrl: done ? null : `${base}/resultPages?locator=${enc(offset)}`, done });
}

function ingestResult(header: string[], lines: string[][], delimiter: string, eol: string): ApiResponse {
  return { status: 200, stream: Readable.from([csvFromMatrix(header, lines, delimiter, eol)]), contentType: 'text/csv' };
}

export function bulk2Route(s: SandboxServices, req: ApiRequest, opts: { defaultMaxRecords: number }): Route | undefined {
  const [head, kind, id, action, extra] = req.segments;
  if (head !== 'jobs' || (kind !== 'query' && kind !== 'ingest') || extra !== undefined) return undefined;
  const m = req.method;
  if (kind === 'query') {
    const q = s.bulk.query;
    if (!id) {
      if (m === 'POST') return { kind: 'bulk2-query-create', handle: () => {
        if (s.limits.bulkV2QueryJobsUsed >= s.limits.config.dailyBulkV2QueryJobs) throw new SfApiError(400, 'LIMIT_EXCEEDED', 'Exceeded the daily limit of Bulk API 2.0 query jobs');
        const job = q.create(jsonBody(req), req.session.userId, req.version);
        s.limits.bulkV2QueryJobsUsed++;
        return json(200, q.info(job));
      } };
      if (m === 'GET') return { kind: 'bulk2-query-list', handle: () => json(200, { done: true, records: [...q.jobs.values()].map((j) => q.info(j)), nextRecordsUrl: null }) };
      return undefined;
    }
    if (action === 'results' && m === 'GET') return { kind: 'bulk2-results', handle: () => results(s, req, q.get(id), opts.defaultMaxRecords) };
    if (action === 'resultPages' && m === 'GET') return { kind: 'bulk2-result-pages', handle: () => resultPages(req, q.get(id), opts.defaultMaxRecords) };
    if (action !== undefined) return undefined;
    if (m === 'GET') return { kind: 'bulk2-query-status', handle: () => json(200, q.info(q.get(id))) };
    if (m === 'PATCH') return { kind: 'bulk2-query-state', handle: () => {
      const body = jsonBody(req);
      if (body.state !== 'Aborted') throw new SfApiError(400, 'INVALIDJOBSTATE', `Invalid state: ${String(body.state)}`);
      return json(200, q.info(q.abort(id)));
    } };
    if (m === 'DELETE') return { kind: 'bulk2-query-delete', handle: () => { q.delete(id); return { status: 204 }; } };
    return undefined;
  }
  const ing = s.bulk.ingest;
  if (!id) {
    if (m === 'POST') return { kind: 'bulk2-ingest-create', handle: () => json(200, ing.info(ing.create(jsonBody(req), req.session.userId, req.version))) };
    if (m === 'GET') return { kind: 'bulk2-ingest-list', handle: () => json(200, { done: true, records: [...ing.jobs.values()].map((j) => ing.info(j)), nextRecordsUrl: null }) };
    return undefined;
  }
  if (action === 'batches' && m === 'PUT') return { kind: 'bulk2-ingest-upload', handle: () => {
    const ct = String(req.headers['content-type'] ?? '');
    if (!ct.startsWith('text/csv')) throw new SfApiError(400, 'INVALIDBATCH', 'InvalidBatch : Content-Type must be text/csv');
    ing.upload(id, req.body);
    return { status: 201 };
  } };
  if (m === 'GET' && (action === 'successfulResults' || action === 'failedResults' || action === 'unprocessedrecords')) {
    return { kind: 'bulk2-ingest-results', handle: () => {
      const job = ing.get(id);
      const d = DELIMITERS[job.columnDelimiter];
      const eol = LINE_ENDINGS[job.lineEnding];
      if (action === 'successfulResults') return ingestResult(['sf__Id', 'sf__Created', ...job.header], job.successful, d, eol);
      if (action === 'failedResults') return ingestResult(['sf__Id', 'sf__Error', ...job.header], job.failed, d, eol);
      const unprocessed = ing.unprocessed(job);
      return ingestResult(job.header, unprocessed, d, eol);
    } };
  }
  if (action !== undefined) return undefined;
  if (m === 'GET') return { kind: 'bulk2-ingest-status', handle: () => json(200, ing.info(ing.get(id))) };
  if (m === 'PATCH') return { kind: 'bulk2-ingest-state', handle: () => json(200, ing.info(ing.setState(id, String(jsonBody(req).state)))) };
  if (m === 'DELETE') return { kind: 'bulk2-ingest-delete', handle: () => { ing.delete(id); return { status: 204 }; } };
  return undefined;
}
