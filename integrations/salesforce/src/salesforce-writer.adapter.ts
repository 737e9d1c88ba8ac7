import type { CrmRecordUpdate, CrmWriteResult } from '../../../src/sync/ports/crm-writer.port';
import type { AccountFieldNames, CrmTaskResult, CrmTaskState, CrmTaskUpsert, SetupItem, SetupReport, WriteBackWriter } from '../../../src/write-back/ports/write-back-writer.port';
import { bulkIngestUpdate, type SfCall } from './salesforce-bulk-ingest.util';
import type { SalesforceHttpClient } from './salesforce-http.client';
import {
  recommendationRecord,
  SF_ACCOUNT_FIELDS,
  SF_PERMISSION_SET,
  SF_RECOMMENDATION_FIELDS,
  SF_RECOMMENDATION_OBJECT,
  SF_TASK_EXTERNAL_ID,
  salesforceAccountFields,
  taskRecord,
  withNamespace,
} from './salesforce-writer.definitions';

/** sObject Collections take 200 records; a Composite request may hold 5 of them (REST API guide, "Composite"). */
const COLLECTION_MAX = 200;
const COLLECTIONS_PER_COMPOSITE = 5;
const LOCK_RETRY_ROUNDS = 5;
/** Per-record errors worth another try: row locks held by customer automation, and Salesforce's transient UNKNOWN_EXCEPTION. */
const TRANSIENT_RECORD_ERRORS = new Set(['UNABLE_TO_LOCK_ROW', 'UNKNOWN_EXCEPTION']);

export interface SalesforceWriterOptions {
  namespacePrefix: string | null;
  /** Above this many updates one Bulk API 2.0 job (≥5 calls) is cheaper than Composite (1,000 per call). */
  bulkThreshold?: number;
  sleep?: (ms: number) => Promise<void>;
  bulkPollIntervalMs?: number;
  bulkPollTimeoutMs?: number;
  /** Recommendations as Tasks (default) or as the package's ABM_Recommendation__c records. */
  recommendationsAs?: 'task' | 'object';
}

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; message?: string }>;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes to Salesforce through the sync's SalesforceHttpClient: its auth (refresh token, JWT bearer,
 * client credentials), whole-call retries (POST/PATCH included, which jsforce itself never retries,
 * crm-apis-and-sync.md §6.1), shared rate-limit hooks and call accounting apply to every write.
 * Per-record UNABLE_TO_LOCK_ROW (customer automation holding the row) is retried with backoff in later
 * calls; other per-record errors are returned as failures.
 */
export class SalesforceWriterAdapter implements WriteBackWriter {
  readonly provider = 'salesforce' as const;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fields: AccountFieldNames;

  constructor(private readonly http: SalesforceHttpClient, private readonly options: SalesforceWriterOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.fields = salesforceAccountFields(options.namespacePrefix);
  }

  accountFields(): AccountFieldNames {
    return this.fields;
  }

  private get bulkThreshold(): number {
    return this.options.bulkThreshold ?? 5000;
  }

  estimateUpdateCalls(count: number): number {
    if (count === 0) return 0;
    // create + upload + close + ≥1 poll + failedResults
    if (count > this.bulkThreshold) return 5;
    return Math.ceil(count / (COLLECTION_MAX * COLLECTIONS_PER_COMPOSITE));
  }

  chunkSize(total: number): number {
    // One bulk job for everything above the threshold; otherwise one Composite call per chunk.
    return total > this.bulkThreshold ? total : COLLECTION_MAX * COLLECTIONS_PER_COMPOSITE;
  }

  /** The user our token acts as (oauth2/userinfo): the sync skips records last modified by it. */
  async integrationUserId(): Promise<string | null> {
    const info = (await this.http.conn.request<{ user_id?: string }>('/services/oauth2/userinfo').catch(() => null)) as { user_id?: string } | null;
    return info?.user_id ?? null;
  }

  private readonly call: SfCall = async <T>(endpoint: string, req: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string; body?: string; headers?: Record<string, string>; text?: boolean }): Promise<T> => {
    const res = await this.http.request<T>({ method: req.method, path: req.path, endpoint, rawBody: req.body, headers: req.headers, responseType: req.text ? 'text' : 'json' });
    return res.body;
  };

  async updateAccounts(updates: CrmRecordUpdate[]): Promise<CrmWriteResult[]> {
    const byId = new Map<string, CrmRecordUpdate>();
    for (const u of updates) byId.set(u.id, u);
    const unique = [...byId.values()];
    if (unique.length > this.bulkThreshold) {
      return bulkIngestUpdate(this.call, this.fields.object, unique, {
        pollIntervalMs: this.options.bulkPollIntervalMs ?? 2000,
        pollTimeoutMs: this.options.bulkPollTimeoutMs ?? 2 * 3600_000,
        sleep: this.sleep,
      });
    }
    const records = unique.map((u) => ({ attributes: { type: this.fields.object }, Id: u.id, ...u.fields }));
    const results = await this.compositeCollections('composite-collections-update', 'PATCH', `/services/data/v${this.http.apiVersion}/composite/sobjects`, records, (r) => String(r.Id));
    return unique.map((u) => {
      const r = results.get(u.id);
      return r?.success ? { id: u.id, ok: true, modifiedAt: null } : { id: u.id, ok: false, error: describeErrors(r) };
    });
  }

  /**
   * Runs records through Composite requests of 5 collections × 200, keyed by `keyOf`; records failing
   * with UNABLE_TO_LOCK_ROW (or UNKNOWN_EXCEPTION) go round again after a backoff.
   */
  private async compositeCollections(
    endpoint: string,
    method: 'PATCH' | 'POST',
    url: string,
    records: Array<Record<string, unknown>>,
    keyOf: (r: Record<string, unknown>) => string,
  ): Promise<Map<string, SaveResult>> {
    const results = new Map<string, SaveResult>();
    let pending = records;
    for (let round = 0; round <= LOCK_RETRY_ROUNDS && pending.length > 0; round++) {
      if (round > 0) await this.sleep(Math.min(10_000, 500 * 2 ** (round - 1)));
      const locked: Array<Record<string, unknown>> = [];
      for (const group of chunk(pending, COLLECTION_MAX * COLLECTIONS_PER_COMPOSITE)) {
        const collections = chunk(group, COLLECTION_MAX);
        const response = await this.call<{ compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }> }>(endpoint, {
          method: 'POST',
          path: '/composite',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            allOrNone: false,
            compositeRequest: collections.map((recs, i) => ({ method, url, referenceId: `c${i}`, body: { allOrNone: false, records: recs } })),
          }),
        });
        response.compositeResponse.forEach((sub, i) => {
          const recs = collections[Number(sub.referenceId.slice(1)) || i];
          const bodies = Array.isArray(sub.body) ? (sub.body as SaveResult[]) : [];
          recs.forEach((rec, j) => {
            const r: SaveResult = bodies[j] ?? { success: false, errors: [{ statusCode: String(sub.httpStatusCode), message: JSON.stringify(sub.body).slice(0, 300) }] };
            if (!r.success && r.errors?.some((e) => TRANSIENT_RECORD_ERRORS.has(e.statusCode ?? '')) && round < LOCK_RETRY_ROUNDS) locked.push(rec);
            else results.set(keyOf(rec), r);
          });
        });
      }
      pending = locked;
    }
    return results;
  }

  /** Where recommendations go: the sObject, its external id field and the record builder. */
  private get recommendationTarget(): { object: string; extField: string; build: (t: CrmTaskUpsert) => Record<string, unknown> } {
    const ns = this.options.namespacePrefix;
    if (this.options.recommendationsAs === 'object') {
      return { object: withNamespace(SF_RECOMMENDATION_OBJECT, ns), extField: withNamespace(SF_RECOMMENDATION_FIELDS.externalId, ns), build: (t) => recommendationRecord(t, ns) };
    }
    return { object: 'Task', extField: withNamespace(SF_TASK_EXTERNAL_ID, ns), build: (t) => taskRecord(t, ns) };
  }

  async upsertTasks(tasks: CrmTaskUpsert[]): Promise<CrmTaskResult[]> {
    const { object, extField, build } = this.recommendationTarget;
    const byExt = new Map<string, CrmTaskUpsert>();
    for (const t of tasks) byExt.set(t.externalId, t);
    const records = [...byExt.values()].map(build);
    // Upsert by external id through sObject Collections (API 46+): a retried call finds the record it made.
    const results = await this.compositeCollections('composite-collections-upsert', 'PATCH', `/services/data/v${this.http.apiVersion}/composite/sobjects/${object}/${extField}`, records, (r) => String(r[extField]));
    return [...byExt.keys()].map((ext) => {
      const r = results.get(ext);
      return r?.success ? { externalId: ext, ok: true, crmId: r.id, created: r.created === true, modifiedAt: null } : { externalId: ext, ok: false, error: describeErrors(r) };
    });
  }

  async readTasks(externalIds: string[]): Promise<CrmTaskState[]> {
    const { object, extField } = this.recommendationTarget;
    const statusField = withNamespace(SF_RECOMMENDATION_FIELDS.status, this.options.namespacePrefix);
    const asObject = this.options.recommendationsAs === 'object';
    const out: CrmTaskState[] = [];
    for (const ids of chunk([...new Set(externalIds)], 200)) {
      const soql = `SELECT Id, ${extField}, ${asObject ? statusField : 'IsClosed'} FROM ${object} WHERE ${extField} IN (${ids.map((id) => `'${id.replace(/[\\']/g, '')}'`).join(',')})`;
      const res = await this.call<{ records: Array<Record<string, unknown>> }>('rest-query', { method: 'GET', path: `/query?q=${encodeURIComponent(soql)}` });
      for (const r of res.records) {
        const status = asObject ? String(r[statusField] ?? '') : r.IsClosed === true ? 'done' : 'open';
        const closed = status === 'done' || status === 'dismissed';
        out.push({ externalId: String(r[extField]), crmId: String(r.Id), completed: closed, ...(closed ? { status: status as 'done' | 'dismissed' } : {}) });
      }
    }
    return out;
  }

  /** Salesforce fields come from the SFDX package: setup only verifies (describe) that they exist and are writable. */
  async setup(options: { remove: boolean; dryRun: boolean }): Promise<SetupReport> {
    const items: SetupItem[] = [];
    const instructions: string[] = [];
    const want: Array<{ object: string; fields: string[] }> = [
      { object: 'Account', fields: Object.values(SF_ACCOUNT_FIELDS) },
      this.options.recommendationsAs === 'object'
        ? { object: withNamespace(SF_RECOMMENDATION_OBJECT, this.options.namespacePrefix), fields: Object.values(SF_RECOMMENDATION_FIELDS) }
        : { object: 'Task', fields: [SF_TASK_EXTERNAL_ID] },
    ];
    for (const w of want) {
      const describe = await this.call<{ fields: Array<{ name: string; updateable: boolean; createable: boolean }> }>('rest-describe', {
        method: 'GET',
        path: `/sobjects/${w.object}/describe`,
      }).catch((err: Error & { status?: number; info?: { status?: number } }) => {
        // A custom object the org does not have answers 404 NOT_FOUND: report it, not a crash.
        if (w.object !== 'Account' && w.object !== 'Task' && /NOT_FOUND|404/.test(`${err.message} ${err.status ?? err.info?.status ?? ''}`)) return null;
        throw err;
      });
      if (!describe) {
        items.push({ kind: 'custom_object', object: w.object, name: w.object, status: options.remove ? 'absent' : 'missing' });
        continue;
      }
      const byName = new Map(describe.fields.map((f) => [f.name, f]));
      for (const base of w.fields) {
        const name = withNamespace(base, this.options.namespacePrefix);
        const f = byName.get(name) ?? byName.get(base);
        const status = options.remove ? (f ? 'present' : 'absent') : !f ? 'missing' : !f.updateable ? 'not_writable' : 'present';
        items.push({ kind: 'field', object: w.object, name: f?.name ?? name, status });
      }
    }
    if (options.remove) {
      instructions.push('Salesforce fields belong to the installed package: uninstall the ABM package (Setup → Installed Packages) to remove them; nothing was changed.');
    } else if (items.some((i) => i.status === 'missing' || i.status === 'not_writable')) {
      const missing = items.filter((i) => i.status !== 'present').map((i) => `${i.object}.${i.name} (${i.status})`);
      instructions.push(`Missing or read-only: ${missing.join(', ')}. Install/upgrade the ABM package and assign the permission set ${SF_PERMISSION_SET} to the integration user.`);
    }
    const ok = options.remove || items.every((i) => i.status === 'present');
    return { provider: 'salesforce', ok, items, instructions };
  }
}

function describeErrors(r: SaveResult | undefined): string {
  if (!r) return 'no result returned';
  return (r.errors ?? []).map((e) => `${e.statusCode ?? 'ERROR'}: ${e.message ?? ''}`).join('; ').slice(0, 500) || 'failed';
}
