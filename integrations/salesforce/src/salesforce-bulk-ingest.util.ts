import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CrmRecordUpdate, CrmWriteResult } from '../../../src/sync/ports/crm-writer.port';

/** One HTTP call below /services/data/vXX.X, made (and counted, and retried) by the sync's SalesforceHttpClient. */
export type SfCall = <T>(endpoint: string, request: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string; body?: string; headers?: Record<string, string>; text?: boolean }) => Promise<T>;

export interface BulkIngestOptions {
  pollIntervalMs: number;
  /** Bulk jobs on a busy org can queue for a long time: jsforce's 30 s default is far too short (§6.1). */
  pollTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

interface JobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}

/**
 * Bulk API 2.0 ingest `update` (Bulk API 2.0 Developer Guide, "Upload job data" / "Get job failed record
 * results"): create job → PUT one CSV → PATCH UploadComplete → poll → failedResults (+ unprocessedrecords
 * only if the job did not process everything). Successful results are not downloaded: every id not in
 * the failed or unprocessed sets succeeded. Minimum 5 calls for any size up to the 100 MB upload limit.
 */
export async function bulkIngestUpdate(call: SfCall, object: string, updates: CrmRecordUpdate[], options: BulkIngestOptions): Promise<CrmWriteResult[]> {
  const base = '/jobs/ingest';
  const columns = ['Id', ...new Set(updates.flatMap((u) => Object.keys(u.fields)))];
  // Bulk 2.0 CSV: an empty cell leaves the field unchanged; #N/A clears it.
  const rows = updates.map((u) => columns.map((c) => (c === 'Id' ? u.id : u.fields[c] === null ? '#N/A' : u.fields[c] === undefined ? '' : String(u.fields[c]))));
  const csv = stringify([columns, ...rows], { record_delimiter: 'unix' });
  const job = await call<JobInfo>('bulk2-ingest-create', {
    method: 'POST',
    path: base,
    body: JSON.stringify({ object, operation: 'update', contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA' }),
    headers: { 'Content-Type': 'application/json' },
  });
  await call('bulk2-ingest-upload', { method: 'PUT', path: `${base}/${job.id}/batches`, body: csv, headers: { 'Content-Type': 'text/csv' } });
  await call('bulk2-ingest-close', { method: 'PATCH', path: `${base}/${job.id}`, body: JSON.stringify({ state: 'UploadComplete' }), headers: { 'Content-Type': 'application/json' } });
  const deadline = Date.now() + options.pollTimeoutMs;
  let info: JobInfo = job;
  for (;;) {
    await options.sleep(options.pollIntervalMs);
    info = await call<JobInfo>('bulk2-ingest-poll', { method: 'GET', path: `${base}/${job.id}` });
    if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') break;
    if (Date.now() > deadline) throw new Error(`Bulk ingest job ${job.id} still ${info.state} after ${options.pollTimeoutMs} ms`);
  }
  const failed = new Map<string, string>();
  const failedRows = await call<unknown>('bulk2-ingest-failed', { method: 'GET', path: `${base}/${job.id}/failedResults/`, text: true });
  for (const row of csvRows(failedRows)) if (row.Id ?? row.sf__Id) failed.set(String(row.Id ?? row.sf__Id), String(row.sf__Error ?? 'failed'));
  const processed = Number(info.numberRecordsProcessed ?? 0);
  const unprocessed = new Set<string>();
  if (info.state !== 'JobComplete' || processed < updates.length) {
    const rowsLeft = await call<unknown>('bulk2-ingest-unprocessed', { method: 'GET', path: `${base}/${job.id}/unprocessedrecords/`, text: true });
    for (const row of csvRows(rowsLeft)) if (row.Id) unprocessed.add(String(row.Id));
  }
  return updates.map((u) => {
    const error = failed.get(u.id) ?? (unprocessed.has(u.id) || info.state !== 'JobComplete' ? `UNPROCESSED: job ${info.state} ${info.errorMessage ?? ''}`.trim() : undefined);
    return error ? { id: u.id, ok: false, error } : { id: u.id, ok: true, modifiedAt: null };
  });
}

/** jsforce parses text/csv bodies into records; a raw string is parsed here the same way. */
function csvRows(body: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(body)) return body as Array<Record<string, unknown>>;
  if (typeof body !== 'string' || body.trim() === '') return [];
  return parse(body, { columns: true, skip_empty_lines: true }) as Array<Record<string, unknown>>;
}
