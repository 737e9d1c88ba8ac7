import type { CrmConnection } from '../../sync/entities/crm-connection.entity';

/** Write-back policy, kept in crm_connections.settings.writeBack. */
export interface WriteBackSettings {
  enabled: boolean;
  /** Overwrite a field a person edited after our last write (default: no, leave theirs). */
  overwriteHumanEdits: boolean;
  /**
   * Salesforce: above this many changed records use one Bulk API 2.0 job instead of Composite calls.
   * A bulk job costs ≥5 calls (create, upload, close, poll, failedResults) and Composite carries 1,000
   * records per call, so Composite is cheaper up to 5,000 (Salesforce's "<2,000 → REST" advice is about
   * job overhead, not quota; set 2000 here to follow it literally).
   */
  bulkThreshold: number;
  /** The CRM object our accounts live in (HubSpot: companies). */
  accountObject?: string;
  tasks: { enabled: boolean; perRepPerDay: number };
}

export function writeBackSettings(connection: Pick<CrmConnection, 'settings'>): WriteBackSettings {
  const raw = ((connection.settings ?? {}) as { writeBack?: Partial<WriteBackSettings> & { tasks?: Partial<WriteBackSettings['tasks']> } }).writeBack ?? {};
  return {
    enabled: raw.enabled ?? true,
    overwriteHumanEdits: raw.overwriteHumanEdits ?? false,
    bulkThreshold: typeof raw.bulkThreshold === 'number' && raw.bulkThreshold > 0 ? raw.bulkThreshold : 5000,
    accountObject: raw.accountObject,
    tasks: { enabled: raw.tasks?.enabled ?? true, perRepPerDay: raw.tasks?.perRepPerDay ?? 10 },
  };
}
