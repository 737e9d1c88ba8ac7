import { CrmError } from '../../../src/sync/ports/crm-errors';
import type { CrmReader } from '../../../src/sync/ports/crm-reader.port';
import type { ChangeWindow, CrmObjectSchema, CrmRecord, DeletedRef, ObjectReadSpec, ReadCheckpoint, ReadPage } from '../../../src/sync/ports/crm-types';
import { bulkResultParts } from './salesforce-bulk-results.util';
import type { SalesforceHttpClient } from './salesforce-http.client';
import { byIdsQuery, changeWindowQuery, idKeysetQuery, selectList } from './soql.util';

export interface SalesforceReaderOptions {
  accountKey: string;
  /** Full reads through Bulk API 2.0 queryAll (default) or REST keyset pages. */
  useBulk?: boolean;
  /** Rows per Bulk 2.0 results page: one API call each, so large (50,000). */
  bulkMaxRecords?: number;
  /**
   * Records per page handed to the engine while a results page streams in: the memory bound. A whole
   * 50,000-row page as objects is ~70 MB of live heap, and V8 lets the heap grow to several times what
   * is live before it collects; 5,000 keeps commits as large as before (one transaction per 5,000).
   */
  bulkPartRecords?: number;
  /** How long a Bulk 2.0 job may run; jsforce's 30 s default is far too short (failure 19). */
  bulkPollTimeoutMs?: number;
  restPageSize?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface QueryResult {
  records: Array<Record<string, unknown>>;
  done: boolean;
  nextRecordsUrl?: string;
}

/** getDeleted keeps 15 days (crm-apis-and-sync.md §2.1); older windows need the id reconciliation. */
const DELETED_WINDOW_MS = 15 * 24 * 3600_000 - 60_000;

function fromRow(row: Record<string, unknown>): CrmRecord {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'attributes') fields[k] = v === '' ? null : v;
  const deleted = fields.IsDeleted === true || fields.IsDeleted === 'true';
  const stamp = fields.SystemModstamp as string | null;
  return {
    id: String(fields.Id),
    modifiedAt: stamp ? new Date(stamp) : null,
    modifiedBy: (fields.LastModifiedById as string | null | undefined) ?? null,
    deleted,
    mergedIntoId: (fields.MasterRecordId as string | null | undefined) ?? null,
    fields,
  };
}

/**
 * Reads Salesforce objects. Full: Bulk API 2.0 `queryAll` (soft-deleted rows included) downloaded page
 * by page through `Sforce-Locator`, so a crash resumes at the last committed locator of the same job.
 * Incremental: REST `queryAll` keyset pages on (SystemModstamp, Id) inside a half-open window.
 */
export class SalesforceReader implements CrmReader {
  readonly provider = 'salesforce' as const;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly http: SalesforceHttpClient, private readonly options: SalesforceReaderOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async accountKey(): Promise<string> {
    return this.options.accountKey;
  }

  async describe(crmObject: string): Promise<CrmObjectSchema> {
    const res = await this.http.request<{ fields: Array<{ name: string; type: string; label?: string }> }>({ method: 'GET', path: `/sobjects/${crmObject}/describe`, endpoint: 'sf-describe' });
    return { crmObject, fields: res.body.fields.map((f) => ({ name: f.name, type: f.type, label: f.label })) };
  }

  private async query(soql: string, endpoint: string): Promise<QueryResult> {
    const res = await this.http.request<QueryResult>({ method: 'GET', path: `/queryAll?q=${encodeURIComponent(soql)}`, endpoint });
    return res.body;
  }

  async *readAll(spec: ObjectReadSpec, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage> {
    if (this.options.useBulk === false || resumeFrom?.restAfterId !== undefined) {
      yield* this.readAllRest(spec, (resumeFrom?.restAfterId as string | null | undefined) ?? null);
      return;
    }
    let jobId = resumeFrom?.jobId as string | undefined;
    let locator = (resumeFrom?.locator as string | undefined) ?? undefined;
    // Records of the resumed page already committed (its earlier parts); only valid for the same job.
    let skip = Number(resumeFrom?.skip ?? 0);
    if (jobId) {
      const state = await this.jobState(jobId).catch(() => 'Gone');
      if (state !== 'JobComplete') {
        jobId = undefined;
        locator = undefined;
        skip = 0;
      }
    }
    if (!jobId) {
      try {
        jobId = await this.startBulkJob(spec);
      } catch (err) {
        // Objects Bulk 2.0 does not support (or a spent job allocation) fall back to REST (failure 17).
        if (err instanceof CrmError && err.kind === 'permanent') {
          yield* this.readAllRest(spec, null);
          return;
        }
        throw err;
      }
    }
    const maxRecords = this.options.bulkMaxRecords ?? 50_000;
    for (;;) {
      const next = yield* this.bulkPage(jobId, locator, maxRecords, skip);
      if (!next) return;
      locator = next;
      skip = 0;
    }
  }

  /**
   * One Bulk 2.0 result page, streamed and yielded in parts of `bulkPartRecords`. A part's checkpoint
   * reads the same page again and skips what is committed (a job's result pages are fixed: the same
   * locator gives the same rows); the last part's moves on to the next page. A body that breaks off is
   * requested again and read on from the first row not yet handed over. Returns the next locator.
   */
  private async *bulkPage(jobId: string, locator: string | undefined, maxRecords: number, skip: number): AsyncGenerator<ReadPage, string | undefined> {
    const qs = `maxRecords=${maxRecords}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
    const here = { jobId, ...(locator ? { locator } : {}) };
    const partRecords = this.options.bulkPartRecords ?? 5000;
    let handedOver = skip;
    for (let attempt = 1; ; attempt++) {
      const res = await this.http.stream({ path: `/jobs/query/${jobId}/results?${qs}`, endpoint: 'bulk2-results', headers: { Accept: 'text/csv' } });
      const header = res.headers['sforce-locator'];
      const next = header && header !== 'null' ? header : undefined;
      try {
        for await (const part of bulkResultParts(res.body, { skip: handedOver, partRows: partRecords, idleTimeoutMs: this.http.timeoutMs })) {
          const start = handedOver;
          handedOver += part.rows.length;
          const checkpoint = part.last ? (next ? { jobId, locator: next } : null) : { ...here, skip: handedOver };
          yield { records: part.rows.map(fromRow), checkpoint, restart: { ...here, skip: start } };
        }
        return next;
      } catch (err) {
        if (!(err instanceof CrmError) || err.kind !== 'retryable' || attempt >= 3) throw err;
      }
    }
  }

  private async startBulkJob(spec: ObjectReadSpec): Promise<string> {
    const soql = `SELECT ${selectList(spec.fields)} FROM ${spec.crmObject}`;
    const created = await this.http.request<{ id: string }>({ method: 'POST', path: '/jobs/query', body: { operation: 'queryAll', query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' }, endpoint: 'bulk2-query-create' });
    const id = created.body.id;
    const deadline = Date.now() + (this.options.bulkPollTimeoutMs ?? 6 * 3600_000);
    let delay = 500;
    for (;;) {
      const state = await this.jobState(id);
      if (state === 'JobComplete') return id;
      if (state === 'Failed' || state === 'Aborted') throw new CrmError({ kind: 'retryable', code: 'BULK_JOB_FAILED', message: `Bulk 2.0 query job ${id} ended ${state}` });
      if (Date.now() > deadline) throw new CrmError({ kind: 'retryable', code: 'BULK_POLL_TIMEOUT', message: `Bulk 2.0 query job ${id} still running` });
      await this.sleep(delay);
      // Airbyte's schedule: start at 0.5 s, grow, cap at a few seconds.
      delay = Math.min(5000, Math.round(delay * 1.5));
    }
  }

  private async jobState(id: string): Promise<string> {
    const res = await this.http.request<{ state: string }>({ method: 'GET', path: `/jobs/query/${id}`, endpoint: 'bulk2-query-poll' });
    return res.body.state;
  }

  private async *readAllRest(spec: ObjectReadSpec, afterId: string | null): AsyncIterable<ReadPage> {
    const limit = this.options.restPageSize ?? 2000;
    for (;;) {
      const res = await this.query(idKeysetQuery(spec.crmObject, spec.fields, afterId, limit), 'rest-query');
      const records = res.records.map(fromRow);
      afterId = records.length ? records[records.length - 1].id : afterId;
      const done = records.length < limit;
      yield { records, checkpoint: done ? null : { restAfterId: afterId } };
      if (done) return;
    }
  }

  async *readChanges(spec: ObjectReadSpec, window: ChangeWindow, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage> {
    const limit = this.options.restPageSize ?? 2000;
    let stamp = resumeFrom?.stamp ? new Date(resumeFrom.stamp as string) : window.from;
    let id = (resumeFrom?.id as string | null | undefined) ?? window.fromId;
    for (;;) {
      const res = await this.query(changeWindowQuery(spec.crmObject, spec.fields, { stamp, id }, window.until, limit), 'rest-query');
      const records = res.records.map(fromRow);
      const last = records[records.length - 1];
      if (last?.modifiedAt) {
        stamp = last.modifiedAt;
        id = last.id;
      }
      const done = records.length < limit;
      yield { records, checkpoint: done ? null : { stamp: stamp.toISOString(), id } };
      if (done) return;
    }
  }

  async readDeleted(spec: ObjectReadSpec, from: Date, until: Date): Promise<DeletedRef[]> {
    const start = new Date(Math.max(from.getTime(), Date.now() - DELETED_WINDOW_MS));
    if (start >= until) return [];
    const qs = `start=${encodeURIComponent(start.toISOString())}&end=${encodeURIComponent(until.toISOString())}`;
    const res = await this.http.request<{ deletedRecords: Array<{ id: string; deletedDate: string }> }>({ method: 'GET', path: `/sobjects/${spec.crmObject}/deleted/?${qs}`, endpoint: 'sf-get-deleted' });
    return res.body.deletedRecords.map((d) => ({ id: d.id, deletedAt: d.deletedDate ? new Date(d.deletedDate) : null }));
  }

  async *listIds(spec: ObjectReadSpec): AsyncIterable<string[]> {
    let afterId: string | null = null;
    const limit = 2000;
    for (;;) {
      const res: { body: QueryResult } = await this.http.request<QueryResult>({ method: 'GET', path: `/query?q=${encodeURIComponent(idKeysetQuery(spec.crmObject, [], afterId, limit))}`, endpoint: 'rest-query-ids' });
      const ids: string[] = res.body.records.map((r) => String(r.Id));
      yield ids;
      if (ids.length < limit) return;
      afterId = ids[ids.length - 1];
    }
  }

  async readByIds(spec: ObjectReadSpec, ids: string[]): Promise<CrmRecord[]> {
    const out: CrmRecord[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      const res = await this.query(byIdsQuery(spec.crmObject, spec.fields, ids.slice(i, i + 200)), 'rest-query');
      out.push(...res.records.map(fromRow));
    }
    return out;
  }
}
