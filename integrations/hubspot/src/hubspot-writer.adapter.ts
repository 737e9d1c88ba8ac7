import type { CrmRecordUpdate, CrmWriteResult } from '../../../src/sync/ports/crm-writer.port';
import type {
  AccountFieldNames,
  CrmTaskResult,
  CrmTaskState,
  CrmTaskUpsert,
  SetupItem,
  SetupReport,
  WriteBackWriter,
} from '../../../src/write-back/ports/write-back-writer.port';
import { BATCH_MAX, batchWithPartialRetry, chunk, type BatchBody } from './hubspot-batch-retry.util';
import type { HubspotHttpClient } from './hubspot-http.client';
import { setupLicenseObject, type LicenseObjectDefinition } from './hubspot-license-schema.util';
import { HUBSPOT_PROPERTY_GROUP, HUBSPOT_TASK_ID_PROPERTY, hubspotPropertyDefinitions, taskProperties } from './hubspot-writer.definitions';

/** Transient 207 error categories after which a score update is sent again. */
const UPDATE_RETRYABLE = new Set(['INTERNAL_ERROR', 'RATE_LIMITS', 'SERVER_ERROR']);

export interface HubspotWriterOptions {
  /** 'companies' unless the connection maps accounts elsewhere. */
  companyObject?: string;
  /** Task → company / task → contact association type ids (HUBSPOT_DEFINED 192 / 204 by default). */
  sleep?: (ms: number) => Promise<void>;
  /** The license custom object setup creates (and `--remove` archives), when the connection asks for it. */
  licenseObject?: LicenseObjectDefinition | null;
}

/**
 * Writes scores and recommendation tasks to HubSpot through the sync's HubspotHttpClient (so the shared
 * token bucket and call accounting apply). Batch update of ≤100 distinct ids per call; a 207 names the
 * failed ids in `errors[].context.ids` (HubSpot's BatchResponse…WithErrors) and only those are retried.
 */
export class HubspotWriterAdapter implements WriteBackWriter {
  readonly provider = 'hubspot' as const;
  private readonly companyObject: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly licenseObject: LicenseObjectDefinition | null;

  constructor(private readonly http: HubspotHttpClient, options: HubspotWriterOptions = {}) {
    this.licenseObject = options.licenseObject ?? null;
    this.companyObject = options.companyObject ?? 'companies';
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  accountFields(): AccountFieldNames {
    return { object: this.companyObject, score: 'abm_score', tier: 'abm_tier', reasons: 'abm_score_reason', updatedAt: 'abm_score_updated_at' };
  }

  estimateUpdateCalls(count: number): number {
    return Math.ceil(count / BATCH_MAX);
  }

  chunkSize(): number {
    return 10 * BATCH_MAX;
  }

  async integrationUserId(): Promise<string | null> {
    return null;
  }

  async updateAccounts(updates: CrmRecordUpdate[]): Promise<CrmWriteResult[]> {
    // The same id twice in one batch fails the whole batch ("Duplicate IDs found in batch input"): last one wins.
    const byId = new Map<string, CrmRecordUpdate>();
    for (const u of updates) byId.set(u.id, u);
    const results = new Map<string, CrmWriteResult>();
    await batchWithPartialRetry({
      inputs: byId,
      send: (batch) =>
        this.http.request<BatchBody>({
          method: 'POST',
          path: `/crm/v3/objects/${this.companyObject}/batch/update`,
          body: { inputs: batch.map((u) => ({ id: u.id, properties: stringify(u.fields) })) },
          endpoint: 'hs-batch-update',
        }),
      retryable: (category) => UPDATE_RETRYABLE.has(category ?? ''),
      onResult: (r) => results.set(r.id, { id: r.id, ok: true, modifiedAt: r.updatedAt ? new Date(r.updatedAt) : null }),
      onFailure: (id, error) => results.set(id, { id, ok: false, error }),
      sleep: this.sleep,
    });
    return [...byId.keys()].map((id) => results.get(id) ?? { id, ok: false, error: 'no result returned' });
  }

  async upsertTasks(tasks: CrmTaskUpsert[]): Promise<CrmTaskResult[]> {
    const byExt = new Map<string, CrmTaskUpsert>();
    for (const t of tasks) byExt.set(t.externalId, t);
    const results = new Map<string, CrmTaskResult>();
    const created: Array<{ task: CrmTaskUpsert; crmId: string }> = [];
    await batchWithPartialRetry({
      inputs: byExt,
      // batch/upsert by our unique property: a retried call updates the task it created before.
      send: (batch) =>
        this.http.request<BatchBody>({
          method: 'POST',
          path: '/crm/v3/objects/tasks/batch/upsert',
          // The id property is sent as a property too, so every result (created or updated) names its task.
          body: { inputs: batch.map((t) => ({ id: t.externalId, idProperty: HUBSPOT_TASK_ID_PROPERTY, properties: { ...taskProperties(t), [HUBSPOT_TASK_ID_PROPERTY]: t.externalId } })) },
          endpoint: 'hs-batch-upsert',
        }),
      retryable: (category) => category === 'INTERNAL_ERROR',
      onResult: (r) => {
        const ext = r.properties?.[HUBSPOT_TASK_ID_PROPERTY] ?? null;
        const task = ext ? byExt.get(ext) : undefined;
        if (!task || !ext) return;
        results.set(ext, { externalId: ext, ok: true, crmId: r.id, created: r.new === true, modifiedAt: r.updatedAt ? new Date(r.updatedAt) : null });
        // A task made by an attempt that crashed before our ledger heard back reports new=false: link it too.
        if (r.new === true || task.ensureAssociations === true) created.push({ task, crmId: r.id });
      },
      onFailure: (ext, error) => results.set(ext, { externalId: ext, ok: false, error }),
      sleep: this.sleep,
    });
    await this.associateTasks(created);
    return [...byExt.keys()].map((ext) => results.get(ext) ?? { externalId: ext, ok: false, error: 'no result returned' });
  }

  /** Upsert cannot carry associations, so new tasks get their default task→company/contact links afterwards (idempotent). */
  private async associateTasks(created: Array<{ task: CrmTaskUpsert; crmId: string }>): Promise<void> {
    const pairs = (to: 'companies' | 'contacts') =>
      created
        .map(({ task, crmId }) => ({ from: crmId, to: to === 'companies' ? task.accountCrmId : task.contactCrmId }))
        .filter((p): p is { from: string; to: string } => Boolean(p.to));
    for (const to of ['companies', 'contacts'] as const) {
      for (const batch of chunk(pairs(to), BATCH_MAX)) {
        await this.http.request({
          method: 'POST',
          path: `/crm/v4/associations/tasks/${to}/batch/associate/default`,
          body: { inputs: batch.map((p) => ({ from: { id: p.from }, to: { id: p.to } })) },
          endpoint: 'hs-assoc-batch-create',
        });
      }
    }
  }

  async readTasks(externalIds: string[]): Promise<CrmTaskState[]> {
    const out: CrmTaskState[] = [];
    for (const batch of chunk([...new Set(externalIds)], BATCH_MAX)) {
      const body = await this.http.request<BatchBody>({
        method: 'POST',
        path: '/crm/v3/objects/tasks/batch/read',
        body: { idProperty: HUBSPOT_TASK_ID_PROPERTY, properties: [HUBSPOT_TASK_ID_PROPERTY, 'hs_task_status'], inputs: batch.map((id) => ({ id })) },
        endpoint: 'hs-batch-read',
      });
      for (const r of body.results ?? []) {
        const ext = r.properties?.[HUBSPOT_TASK_ID_PROPERTY];
        if (ext) out.push({ externalId: ext, crmId: r.id, completed: r.properties?.hs_task_status === 'COMPLETED' });
      }
    }
    return out;
  }

  async setup(options: { remove: boolean; dryRun: boolean }): Promise<SetupReport> {
    const items: SetupItem[] = [];
    for (const def of hubspotPropertyDefinitions(this.companyObject)) {
      const existingGroups = await this.http.request<{ results: Array<{ name: string; archived?: boolean }> }>({
        method: 'GET',
        path: `/crm/v3/properties/${def.object}/groups`,
        endpoint: 'hs-properties',
      });
      const hasGroup = existingGroups.results.some((g) => g.name === HUBSPOT_PROPERTY_GROUP && !g.archived);
      const existing = await this.http.request<{ results: Array<{ name: string; archived?: boolean }> }>({
        method: 'GET',
        path: `/crm/v3/properties/${def.object}`,
        endpoint: 'hs-properties',
      });
      const present = new Set(existing.results.filter((p) => !p.archived).map((p) => p.name));
      if (options.remove) {
        for (const p of def.properties) {
          if (!present.has(p.name)) {
            items.push({ kind: 'property', object: def.object, name: p.name, status: 'absent' });
            continue;
          }
          if (!options.dryRun) await this.http.request({ method: 'DELETE', path: `/crm/v3/properties/${def.object}/${p.name}`, endpoint: 'hs-properties' });
          items.push({ kind: 'property', object: def.object, name: p.name, status: 'archived' });
        }
        let groupStatus: SetupItem = { kind: 'property_group', object: def.object, name: HUBSPOT_PROPERTY_GROUP, status: hasGroup ? 'archived' : 'absent' };
        if (hasGroup && !options.dryRun) {
          // An empty group is harmless; failing to archive it must not undo the property archive above.
          await this.http
            .request({ method: 'DELETE', path: `/crm/v3/properties/${def.object}/groups/${HUBSPOT_PROPERTY_GROUP}`, endpoint: 'hs-properties' })
            .catch((err: Error) => (groupStatus = { ...groupStatus, status: 'present', detail: `group not archived: ${err.message}` }));
        }
        items.push(groupStatus);
        continue;
      }
      if (!hasGroup && !options.dryRun) {
        await this.http.request({
          method: 'POST',
          path: `/crm/v3/properties/${def.object}/groups`,
          body: { name: HUBSPOT_PROPERTY_GROUP, label: 'ABM', displayOrder: -1 },
          endpoint: 'hs-properties',
        });
      }
      items.push({ kind: 'property_group', object: def.object, name: HUBSPOT_PROPERTY_GROUP, status: hasGroup ? 'present' : options.dryRun ? 'missing' : 'created' });
      const missing = def.properties.filter((p) => !present.has(p.name));
      if (missing.length > 0 && !options.dryRun) {
        await this.http.request({ method: 'POST', path: `/crm/v3/properties/${def.object}/batch/create`, body: { inputs: missing }, endpoint: 'hs-properties' });
      }
      for (const p of def.properties) {
        items.push({ kind: 'property', object: def.object, name: p.name, status: present.has(p.name) ? 'present' : options.dryRun ? 'missing' : 'created' });
      }
    }
    if (this.licenseObject) items.push(...(await setupLicenseObject(this.http, this.licenseObject, options)));
    const ok = options.remove || !items.some((i) => i.status === 'missing');
    return { provider: 'hubspot', ok, items, instructions: [] };
  }
}

function stringify(fields: Record<string, string | number | boolean | null>): Record<string, string> {
  const out: Record<string, string> = {};
  // HubSpot clears a property with an empty string; every value travels as a string.
  for (const [k, v] of Object.entries(fields)) out[k] = v === null ? '' : String(v);
  return out;
}
