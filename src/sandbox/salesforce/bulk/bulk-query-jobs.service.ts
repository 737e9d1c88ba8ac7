import { randomBytes } from 'node:crypto';
import { SfApiError } from '../errors.util';
import { checksumSuffix } from '../id.util';
import { QueryPlan, SoqlExecutor } from '../soql/soql-executor';
import { Row } from '../store/sobject-table';
import { formatDateTime } from '../store/value-codec.util';
import { DELIMITERS, LINE_ENDINGS } from './bulk-csv.util';

/**
 * Bulk API 2.0 query jobs (Bulk API 2.0 Developer Guide, "Create a Query Job", "Get Information About a
 * Query Job", "Get Results for a Query Job"). A job is created in UploadComplete, moves to InProgress
 * after half the configured job time (that is when the query runs and its rows are fixed), and reaches
 * JobComplete after the full time. Aggregates, OFFSET and compound (address) fields are not supported by
 * Bulk API 2.0 queries ("Bulk API 2.0 Query Considerations"); such jobs are refused at creation.
 */
export type QueryJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

export interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  query: string;
  createdById: string;
  createdDate: number;
  systemModstamp: number;
  state: QueryJobState;
  apiVersion: string;
  columnDelimiter: string;
  lineEnding: string;
  plan: QueryPlan;
  rows: Row[] | null;
  errorMessage: string | null;
  timers: NodeJS.Timeout[];
}

export function newJobId(): string {
  const id15 = `750Hs${randomBytes(8).toString('hex').slice(0, 10)}`;
  return id15 + checksumSuffix(id15);
}

export class BulkQueryJobs {
  readonly jobs = new Map<string, QueryJob>();

  constructor(
    private readonly executor: SoqlExecutor,
    private readonly nowSeconds: () => number,
    private readonly jobDurationMs: () => number,
  ) {}

  create(body: Record<string, unknown>, userId: string, version: string): QueryJob {
    const operation = body.operation;
    if (operation !== 'query' && operation !== 'queryAll') {
      throw new SfApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
    }
    if (typeof body.query !== 'string' || body.query.trim() === '') throw new SfApiError(400, 'INVALIDJOB', 'InvalidJob : query is required');
    const delimiter = (body.columnDelimiter as string | undefined) ?? 'COMMA';
    const lineEnding = (body.lineEnding as string | undefined) ?? 'LF';
    if (!DELIMITERS[delimiter]) throw new SfApiError(400, 'INVALIDJOB', `InvalidJob : Invalid columnDelimiter: ${delimiter}`);
    if (!LINE_ENDINGS[lineEnding]) throw new SfApiError(400, 'INVALIDJOB', `InvalidJob : Invalid lineEnding: ${lineEnding}`);
    if (body.contentType !== undefined && body.contentType !== 'CSV') throw new SfApiError(400, 'INVALIDJOB', 'InvalidJob : contentType must be CSV');
    const plan = this.executor.plan(body.query);
    if (plan.countOnly || plan.aggregate) throw new SfApiError(400, 'INVALIDJOB', 'InvalidJob : Aggregate queries are not supported by Bulk API 2.0');
    if (plan.query.offset !== null) throw new SfApiError(400, 'INVALIDJOB', 'InvalidJob : OFFSET is not supported by Bulk API 2.0');
    if (plan.columns.some((c) => c.field.type === 'address')) throw new SfApiError(400, 'INVALIDJOB', 'InvalidJob : compound fields are not supported by Bulk API 2.0');
    const now = this.nowSeconds();
    const job: QueryJob = {
      id: newJobId(),
      operation,
      object: plan.table.name,
      query: body.query,
      createdById: userId,
      createdDate: now,
      systemModstamp: now,
      state: 'UploadComplete',
      apiVersion: version,
      columnDelimiter: delimiter,
      lineEnding,
      plan,
      rows: null,
      errorMessage: null,
      timers: [],
    };
    this.jobs.set(job.id, job);
    const total = this.jobDurationMs();
    job.timers.push(setTimeout(() => this.start(job), Math.floor(total / 2)));
    job.timers.push(setTimeout(() => this.finish(job), total));
    return job;
  }

  private start(job: QueryJob): void {
    if (job.state !== 'UploadComplete') return;
    job.state = 'InProgress';
    job.systemModstamp = this.nowSeconds();
    try {
      job.rows = this.executor.run(job.query, job.operation === 'queryAll').rows;
    } catch (err) {
      job.state = 'Failed';
      job.errorMessage = (err as Error).message;
    }
  }

  private finish(job: QueryJob): void {
    if (job.state === 'UploadComplete') this.start(job);
    if (job.state !== 'InProgress') return;
    job.state = 'JobComplete';
    job.systemModstamp = this.nowSeconds();
  }

  get(id: string): QueryJob {
    const job = this.jobs.get(id);
    if (!job) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  abort(id: string): QueryJob {
    const job = this.get(id);
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
      throw new SfApiError(400, 'INVALIDJOBSTATE', `Job state ${job.state} cannot be changed to Aborted`);
    }
    job.timers.forEach(clearTimeout);
    job.state = 'Aborted';
    job.rows = null;
    job.systemModstamp = this.nowSeconds();
    return job;
  }

  delete(id: string): void {
    const job = this.get(id);
    if (job.state === 'UploadComplete' || job.state === 'InProgress') {
      throw new SfApiError(400, 'INVALIDJOBSTATE', 'Job is still running; abort it before deleting it');
    }
    job.timers.forEach(clearTimeout);
    this.jobs.delete(id);
  }

  info(job: QueryJob): Record<string, unknown> {
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: job.createdById,
      createdDate: formatDateTime(job.createdDate),
      systemModstamp: formatDateTime(job.systemModstamp),
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.apiVersion),
      jobType: 'V2Query',
      lineEnding: job.lineEnding,
      columnDelimiter: job.columnDelimiter,
      numberRecordsProcessed: job.state === 'JobComplete' ? (job.rows?.length ?? 0) : 0,
      retries: 0,
      totalProcessingTime: job.state === 'JobComplete' ? this.jobDurationMs() : 0,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    };
  }

  stop(): void {
    for (const job of this.jobs.values()) job.timers.forEach(clearTimeout);
  }
}
