import type { LicenseKind } from '../entities/license-record.entity';
import type { CrmProvider } from '../../platform/database/columns';

/** Where a batch comes from, and which CRM objects its references point at (for index-backed lookups). */
export interface GraphBatchContext {
  connectionId: string;
  provider: CrmProvider;
  /** The CRM object of this batch (object_type of the rows written). */
  objectType: string;
  accountObject: string;
  contactObject: string;
  opportunityObject: string;
  licenseKind?: LicenseKind;
}

/** What a batch changed: account ids to rescore, and counts for the run. */
export interface GraphBatchResult {
  touchedAccountIds: string[];
  upserted: number;
  deleted: number;
}
