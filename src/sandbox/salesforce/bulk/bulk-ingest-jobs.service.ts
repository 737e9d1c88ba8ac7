import { parse } from 'csv-parse/sync';
import { RecordValidationError, SfApiError } from '../errors.util';
import { FaultInjector } from '../faults.service';
import { ApiLimits } from '../limits.service';
import { SObjectStore } from '../store/sobject-store';
import { formatDateTime } from '../store/value-codec.util';
import { DELIMITERS, LINE_ENDINGS } from './bulk-csv.util';
import { newJobId } from './bulk-query-jobs.service';

/**
 * Bulk API 2.0 ingest jobs (Bulk API 2.0 Developer Guide, "Create a Job", "Upload Job Data", "Close or
 * Abort a Job", "Get Job Successful/Failed Record Results", "Get Job Unprocessed Record Results").
 * Open -> (PUT batches CSV, at most 150 MB base64 ≈ 100 MB raw per job) -> UploadComplete -> InProgress
 * -> JobComplete. The data is processed in internal batches of 10,000 records, each consuming one of the
 * DailyBulkApiBatches; each internal batch runs as one transaction timestamp. In the CSV an empty field
 * leaves the value unchanged and `#N/A` sets null. Unknown columns fail the whole job
 * ("InvalidBatch : Field name not found : X"). Results keep the uploaded columns plus
 * `sf__Id, sf__Created` (successful) or `sf__Id, sf__Error` (failed; "CODE:message:fields --").
 */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
export type IngestState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

export interface IngestJob {
  id: string;
  operation: IngestOperation;
  object: string;
  externalIdFieldName: string | null;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  state: IngestState;
  apiVersion: string;
  columnDelimiter: string;
  lineEnding: string;
  uploads: Buffer[];
  uploadedBytes: number;
  header: string[];
  records: string[][];
  processed: number;
  successful: string[][];
  failed: string[][];
  errorMessage: string | null;
  timer: NodeJS.Timeout | null;
}

const OPERATIONS: IngestOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete'];
export const INTERNAL_BATCH_SIZE = 10000;
export const MAX_UPLOAD_BYTES = Math.floor((150 * 1024 * 1024 * 3) / 4);

export class BulkIngestJobs {
  readonly jobs = new Map<string, IngestJob>();

  constructor(
    private readonly store: SObjectStore,
    private readonly faults: FaultInjector,
    private readonly limits: ApiLimits,
    private readonly batchDelayMs: () => number,
  ) {}

  create(body: Record<string, unknown>, userId: string, version: string): IngestJob {
    const operation = body.operation as IngestOperation;
    if (!OPERATIONS.includes(operation)) throw new SfApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)}`);
    const table = this.store.table(String(body.object ?? ''));
    if (!table) throw new SfApiError(400, 'INVALIDJOB', `InvalidJob : Invalid object: ${String(body.object)}`);
    const externalIdFieldName = (body.externalIdFieldName as string | undefined) ?? null;
    if (operation === 'upsert') {
      const f = externalIdFieldName ? table.field(externalIdFieldName) : undefined;
      if (!f || !(f.externalId || f.type === 'id')) throw new SfApiError(400, 'INVALIDJOB', `InvalidJob : External ID was blank or invalid for ${table.name}`);
    }
    const delimiter = (body.columnDelimiter as string | undefined) ?? 'COMMA';
    const lineEnding = (body.lineEnding as string | undefined) ?? 'LF';
    if (!DELIMITERS[delimiter] || !LINE_ENDINGS[lineEnding]) throw new SfApiError(400, 'INVALIDJOB', 'InvalidJob : Invalid columnDelimiter or lineEnding');
    const now = this.store.nowSeconds();
    const job: IngestJob = {
      id: newJobId(), operation, object: table.name, externalIdFieldName, createdById: userId, createdDate: now, systemModstamp: now,
      state: 'Open', apiVersion: version, columnDelimiter: delimiter, lineEnding, uploads: [], uploadedBytes: 0,
      header: [], records: [], processed: 0, successful: [], failed: [], errorMessage: null, timer: null,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): IngestJob {
    const job = this.jobs.get(id);
    if (!job) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  upload(id: string, data: Buffer): void {
    const job = this.get(id);
    if (job.state !== 'Open') throw new SfApiError(409, 'INVALIDJOBSTATE', `Job ${id} is not in the Open state`);
    if (job.uploadedBytes + data.length > MAX_UPLOAD_BYTES) {
      throw new SfApiError(400, 'INVALIDBATCH', 'InvalidBatch : The data uploaded exceeds the 150 MB (base64) limit of a job');
    }
    job.uploads.push(data);
    job.uploadedBytes += data.length;
  }

  setState(id: string, state: string): IngestJob {
    const job = this.get(id);
    if (state === 'Aborted') {
      if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') throw new SfApiError(400, 'INVALIDJOBSTATE', `Job state ${job.state} cannot be changed to Aborted`);
      if (job.timer) clearTimeout(job.timer);
      job.state = 'Aborted';
      job.systemModstamp = this.store.nowSeconds();
      return job;
    }
    if (state !== 'UploadComplete') throw new SfApiError(400, 'INVALIDJOBSTATE', `Invalid state: ${state}`);
    if (job.state !== 'Open') throw new SfApiError(400, 'INVALIDJOBSTATE', `Job state ${job.state} cannot be changed to UploadComplete`);
    job.state = 'UploadComplete';
    job.systemModstamp = this.store.nowSeconds();
    job.timer = setTimeout(() => this.begin(job), this.batchDelayMs());
    return job;
  }

  /** Parses the uploaded CSV once (at processing start, or to list unprocessed records of an aborted job). */
  private parseUploads(job: IngestJob): void {
    if (job.uploads.length === 0) return;
    const rows = parse(Buffer.concat(job.uploads), { delimiter: DELIMITERS[job.columnDelimiter], relax_column_count: false, bom: true }) as string[][];
    job.uploads = [];
    job.header = rows.shift() ?? [];
    job.records = rows;
  }

  private begin(job: IngestJob): void {
    if (job.state !== 'UploadComplete') return;
    job.state = 'InProgress';
    try {
      if (job.uploads.length === 0) throw new Error('InvalidBatch : No data was uploaded for this job');
      this.parseUploads(job);
      const table = this.store.requireTable(job.object);
      for (const h of job.header) if (!table.field(h)) throw new Error(`InvalidBatch : Field name not found : ${h}`);
    } catch (err) {
      job.state = 'Failed';
      job.errorMessage = (err as Error).message;
      return;
    }
    this.processBatch(job);
  }

  private processBatch(job: IngestJob): void {
    if (job.state !== 'InProgress') return;
    const ctx = { userId: job.createdById, now: this.store.nowSeconds() };
    const end = Math.min(job.records.length, job.processed + INTERNAL_BATCH_SIZE);
    this.limits.bulkApiBatchesUsed++;
    for (let i = job.processed; i < end; i++) this.processRecord(job, job.records[i], ctx);
    job.processed = end;
    job.systemModstamp = ctx.now;
    if (end >= job.records.length) {
      job.state = 'JobComplete';
      return;
    }
    job.timer = setTimeout(() => this.processBatch(job), this.batchDelayMs());
  }

  private processRecord(job: IngestJob, values: string[], ctx: { userId: string; now: number }): void {
    const input: Record<string, string> = {};
    job.header.forEach((h, i) => { if (values[i] !== '') input[h] = values[i]; });
    const idCol = job.header.findIndex((h) => h.toLowerCase() === 'id');
    const givenId = idCol >= 0 ? values[idCol] : '';
    try {
      if (this.faults.lockRow('bulk2-ingest')) {
        throw new RecordValidationError({ statusCode: 'UNABLE_TO_LOCK_ROW', message: `unable to obtain exclusive access to this record or 1 records: ${givenId}`.trim(), fields: [] });
      }
      let id: string;
      let created = false;
      switch (job.operation) {
        case 'insert': id = this.store.create(job.object, input, ctx, 'csv'); created = true; break;
        case 'update': id = this.store.update(job.object, givenId, input, ctx, 'csv'); break;
        case 'upsert': {
          const ext = job.externalIdFieldName as string;
          const r = this.store.upsert(job.object, ext, input[ext] ?? '', input, ctx, 'csv');
          id = r.id;
          created = r.created;
          break;
        }
        case 'delete': id = this.store.delete(job.object, givenId, ctx); break;
        default: id = this.store.hardDelete(job.object, givenId, ctx);
      }
      job.successful.push([id, String(created), ...values]);
    } catch (err) {
      const e = err instanceof RecordValidationError ? err.error : err instanceof SfApiError ? { statusCode: err.errorCode, message: err.message, fields: [] } : null;
      if (!e) throw err;
      job.failed.push([job.operation === 'insert' ? '' : givenId, `${e.statusCode}:${e.message}:${e.fields.join(',')} --`, ...values]);
    }
  }

  delete(id: string): void {
    const job = this.get(id);
    if (job.timer) clearTimeout(job.timer);
    this.jobs.delete(id);
  }

  info(job: IngestJob): Record<string, unknown> {
    return {
      id: job.id, operation: job.operation, object: job.object, createdById: job.createdById,
      createdDate: formatDateTime(job.createdDate), systemModstamp: formatDateTime(job.systemModstamp), state: job.state,
      ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
      concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: Number(job.apiVersion), jobType: 'V2Ingest',
      contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
      lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter,
      numberRecordsProcessed: job.successful.length + job.failed.length, numberRecordsFailed: job.failed.length,
      retries: 0, totalProcessingTime: 0, apiActiveProcessingTime: 0, apexProcessingTime: 0,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    };
  }

  /** Records never processed (job aborted or failed before reaching them). */
  unprocessed(job: IngestJob): string[][] {
    if (job.state !== 'Aborted' && job.state !== 'Failed') return [];
    this.parseUploads(job);
    return job.records.slice(job.processed);
  }

  stop(): void {
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
  }
}
