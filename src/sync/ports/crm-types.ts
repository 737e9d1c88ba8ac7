import type { CrmProvider } from '../../platform/database/columns';

/**
 * The vocabulary the sync engine and write-back speak, independent of any CRM client library.
 * Adapters in integrations/salesforce/src and integrations/hubspot/src translate to and from it.
 */

/** Our kinds of record; each connection maps one or more CRM objects onto each kind. */
export type ObjectKind = 'account' | 'contact' | 'opportunity' | 'license' | 'account_contact_role' | 'opportunity_contact_role' | 'activity';

/** Also the sync order: references point backwards (activities last, after the accounts and contacts they name). */
export const OBJECT_KINDS: ObjectKind[] = ['account', 'contact', 'opportunity', 'license', 'account_contact_role', 'opportunity_contact_role', 'activity'];

/** One CRM record as read: its id, modification stamp and the requested fields (raw CRM values). */
export interface CrmRecord {
  id: string;
  modifiedAt: Date | null;
  modifiedBy: string | null;
  deleted: boolean;
  /** Salesforce merges leave the loser with MasterRecordId; HubSpot merges list merged ids on the winner. */
  mergedIntoId?: string | null;
  fields: Record<string, unknown>;
  /** Associated record ids by our kind (HubSpot associations, read inline or by v4 batch read). */
  associations?: Partial<Record<ObjectKind, Array<{ id: string; labels?: string[] }>>>;
}

/** What the engine asks an adapter to read for one object. */
export interface ObjectReadSpec {
  /** The CRM's object name: 'Account', 'Contract', 'companies', 'p_licenses', '2-123456'. */
  crmObject: string;
  kind: ObjectKind;
  /** CRM field names to fetch (already filtered against the CRM's schema). */
  fields: string[];
  /** HubSpot: object types to read associations to (e.g. ['companies']). */
  associations?: string[];
  /** HubSpot: of those, the ones whose labels are needed (read by v4 batch read, never inline). */
  labelledAssociations?: string[];
}

/** An opaque, JSON-serialisable position inside a read; persisted after each committed page. */
export type ReadCheckpoint = Record<string, unknown>;

export interface ReadPage {
  records: CrmRecord[];
  /** Where to resume after this page has been committed; null when the read is complete. */
  checkpoint: ReadCheckpoint | null;
  /**
   * Where to resume to read this same page again (null: from the start of the read), when the reader
   * honours `skip` on it (drops that many records of the page first): lets a large page commit in parts.
   */
  restart?: ReadCheckpoint | null;
}

/** A half-open change window [from, until) with the (stamp, id) tie-break of the last record fully read. */
export interface ChangeWindow {
  from: Date;
  fromId: string | null;
  until: Date;
}

export interface DeletedRef {
  id: string;
  deletedAt: Date | null;
}

/** A field of a CRM object as described by its schema API. */
export interface CrmFieldInfo {
  name: string;
  type: string;
  label?: string;
}

export interface CrmObjectSchema {
  crmObject: string;
  fields: CrmFieldInfo[];
}

/** One API call the adapter made, for budgets, usage accounting and the status view. */
export interface ApiCallEvent {
  provider: CrmProvider;
  /** Endpoint kind, e.g. 'bulk2-query-create', 'rest-query', 'hs-list', 'hs-search', 'hs-assoc-batch'. */
  endpoint: string;
  status: number;
  /** Sforce-Limit-Info api-usage or X-HubSpot-RateLimit-Daily readings when present. */
  usage?: { used: number; max: number };
}

/** Called before every CRM request (rate limiting) and after it (accounting). */
export interface CallHooks {
  beforeCall(endpoint: string, search: boolean): Promise<void>;
  afterCall(event: ApiCallEvent): void;
}

export const NO_CALL_HOOKS: CallHooks = { beforeCall: async () => undefined, afterCall: () => undefined };
