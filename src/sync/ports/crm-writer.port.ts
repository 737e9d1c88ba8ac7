import type { CrmProvider } from '../../platform/database/columns';

/** One record update in CRM field names; `id` is the CRM id. */
export interface CrmRecordUpdate {
  id: string;
  fields: Record<string, string | number | boolean | null>;
}

export interface CrmWriteResult {
  id: string;
  ok: boolean;
  error?: string;
  /** The CRM's modification stamp after the write when the API returns it (echo suppression). */
  modifiedAt?: Date | null;
}

/**
 * Writing to a CRM, in our types: used by write-back. Batching (Salesforce collections/composite,
 * HubSpot batch/update of 100) and partial failures are the adapter's business; results come back per id.
 */
export interface CrmWriter {
  readonly provider: CrmProvider;
  updateRecords(crmObject: string, updates: CrmRecordUpdate[]): Promise<CrmWriteResult[]>;
  createRecords(crmObject: string, records: Array<Record<string, unknown>>): Promise<CrmWriteResult[]>;
  /** The CRM user the integration acts as (its own writes are recognised as echoes by this id). */
  integrationUserId(): Promise<string | null>;
}
