import type { CrmProvider } from '../../platform/database/columns';
import type { CrmRecordUpdate, CrmWriteResult } from '../../sync/ports/crm-writer.port';

export type { CrmRecordUpdate, CrmWriteResult };

/** A recommendation as a CRM task, keyed by our external id so a retry upserts instead of duplicating. */
export interface CrmTaskUpsert {
  externalId: string;
  /** CRM id of the company/account record the task belongs to. */
  accountCrmId: string;
  /** CRM id of the contact, when the recommendation names one. */
  contactCrmId: string | null;
  ownerCrmUserId: string | null;
  subject: string;
  body: string;
  dueDate: string;
  priority: 'HIGH' | 'MEDIUM' | 'LOW';
  /** Closed tasks: the recommendation was done or dismissed on our side. */
  completed: boolean;
  /**
   * No confirmed write of this task in our ledger (new, or a crash left the last write pending): the CRM
   * may already hold it from the lost attempt, so links are made even when the upsert reports "existing".
   */
  ensureAssociations?: boolean;
  /** The recommendation itself, for CRMs that store it as its own record (Salesforce ABM_Recommendation__c). */
  recommendation?: { action: string; reason: string; status: 'open' | 'accepted' | 'done' | 'dismissed'; rank: number; expectedImpact: number };
}

export interface CrmTaskResult {
  externalId: string;
  ok: boolean;
  crmId?: string;
  created?: boolean;
  error?: string;
  modifiedAt?: Date | null;
}

/** A task as the CRM has it now: the rep's status changes flow back into our recommendation. */
export interface CrmTaskState {
  externalId: string;
  crmId: string;
  completed: boolean;
  /** Closed how, when the CRM says (a recommendation record can be dismissed; a task only completed). */
  status?: 'done' | 'dismissed';
}

/** Something setup needs in the CRM, and whether it is there. */
export interface SetupItem {
  kind: 'property_group' | 'property' | 'field' | 'object' | 'custom_object';
  object: string;
  name: string;
  status: 'present' | 'created' | 'missing' | 'not_writable' | 'archived' | 'absent';
  detail?: string;
}

export interface SetupReport {
  provider: CrmProvider;
  ok: boolean;
  items: SetupItem[];
  /** What an admin has to do by hand (e.g. assign a permission set). */
  instructions: string[];
}

/** The field names one connection writes to, after namespace resolution. */
export interface AccountFieldNames {
  object: string;
  score: string;
  tier: string;
  reasons: string;
  updatedAt: string;
}

/**
 * Write-back's view of a CRM. Adapters (integrations/<crm>/src/*-writer.adapter.ts) do the batching
 * (Salesforce Composite 5×200 or Bulk API 2.0; HubSpot batch/update of 100), partial-failure retries and
 * call accounting through the CallHooks they were built with; results come back per record.
 */
export interface WriteBackWriter {
  readonly provider: CrmProvider;
  accountFields(): AccountFieldNames;
  /** Calls the plan would cost for `count` record updates (for --dry-run and the benchmark's minimum). */
  estimateUpdateCalls(count: number): number;
  /** How many updates the engine hands over per call of updateAccounts (ledger progress is per chunk). */
  chunkSize(total: number): number;
  updateAccounts(updates: CrmRecordUpdate[]): Promise<CrmWriteResult[]>;
  upsertTasks(tasks: CrmTaskUpsert[]): Promise<CrmTaskResult[]>;
  /** Reads back the state of the tasks we created (by external id). */
  readTasks(externalIds: string[]): Promise<CrmTaskState[]>;
  setup(options: { remove: boolean; dryRun: boolean }): Promise<SetupReport>;
  integrationUserId(): Promise<string | null>;
}
