import type { CrmProvider } from '../../platform/database/columns';
import type { ChangeWindow, CrmObjectSchema, CrmRecord, DeletedRef, ObjectReadSpec, ReadCheckpoint, ReadPage } from './crm-types';

/**
 * Reading from a CRM, in our types. Implementations never hold a database transaction and never
 * buffer whole result sets: each page is yielded, committed by the engine, then the next is fetched.
 */
export interface CrmReader {
  readonly provider: CrmProvider;
  /** A stable id of the CRM account (Salesforce org id, HubSpot portal id): keys the shared rate buckets. */
  accountKey(): Promise<string>;
  describe(crmObject: string): Promise<CrmObjectSchema>;
  /** Everything, including soft-deleted rows where the CRM offers them (Salesforce queryAll). */
  readAll(spec: ObjectReadSpec, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage>;
  /** Records modified inside the window, ordered so the checkpoint can resume without gaps or duplicates. */
  readChanges(spec: ObjectReadSpec, window: ChangeWindow, resumeFrom: ReadCheckpoint | null): AsyncIterable<ReadPage>;
  /** Deleted since `from` (Salesforce getDeleted within 15 days; HubSpot archived=true listing). */
  readDeleted(spec: ObjectReadSpec, from: Date, until: Date): Promise<DeletedRef[]>;
  /** All live ids, pages of ids only: the reconciliation that catches hard deletes outside the windows. */
  listIds(spec: ObjectReadSpec): AsyncIterable<string[]>;
  /** Targeted read (webhooks): missing ids are simply absent from the result. */
  readByIds(spec: ObjectReadSpec, ids: string[]): Promise<CrmRecord[]>;
  /** HubSpot: the labelled associations (spec.labelledAssociations) of the given ids, nothing else. */
  readAssociations?(spec: ObjectReadSpec, ids: string[]): Promise<CrmRecord[]>;
}
