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
  /**
   * `target`: Salesforce only — 'task' (default) writes recommendations as Tasks; 'recommendation_object'
   * as the package's ABM_Recommendation__c records (related to Account and Contact, with their status).
   */
  tasks: { enabled: boolean; perRepPerDay: number; target: 'task' | 'recommendation_object' };
  /**
   * HubSpot: `abm setup` also creates the license custom object the sync reads (its schema from the
   * connection's license mapping), and `--remove` archives it. `true` = the `licenses` object.
   */
  licenseObject: { name: string } | null;
}

export function writeBackSettings(connection: Pick<CrmConnection, 'settings'>): WriteBackSettings {
  const raw = ((connection.settings ?? {}) as { writeBack?: Omit<Partial<WriteBackSettings>, 'licenseObject'> & { tasks?: Partial<WriteBackSettings['tasks']>; licenseObject?: boolean | { name?: string } } }).writeBack ?? {};
  const license = raw.licenseObject;
  return {
    enabled: raw.enabled ?? true,
    overwriteHumanEdits: raw.overwriteHumanEdits ?? false,
    bulkThreshold: typeof raw.bulkThreshold === 'number' && raw.bulkThreshold > 0 ? raw.bulkThreshold : 5000,
    accountObject: raw.accountObject,
    tasks: { enabled: raw.tasks?.enabled ?? true, perRepPerDay: raw.tasks?.perRepPerDay ?? 10, target: raw.tasks?.target === 'recommendation_object' ? 'recommendation_object' : 'task' },
    licenseObject: license === true ? { name: 'licenses' } : license && typeof license === 'object' ? { name: license.name ?? 'licenses' } : null,
  };
}
