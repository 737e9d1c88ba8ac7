import type { LicenseKind } from '../../account-graph/entities/license-record.entity';
import type { ObjectKind } from '../ports/crm-types';

/**
 * How one CRM object feeds one of our kinds. Stored per connection in crm_connections.settings.objects
 * (defaults in default-mappings.ts); every field is a CRM field name and may be a custom field.
 */
export interface ObjectMapping {
  kind: ObjectKind;
  /** CRM object name; also the `object_type` of sync_runs, sync_cursors and the graph rows. */
  crmObject: string;
  enabled: boolean;
  /** Our canonical field → CRM field. Unknown canonical names are ignored. */
  fields: Record<string, string>;
  /** customFields key → CRM field (kept in the row's customFields jsonb). */
  custom?: Record<string, string>;
  /** Extra CRM fields to read for echo suppression and merges (LastModifiedById, MasterRecordId, …). */
  system?: string[];
  /** For kind 'license': which kind of license record these rows are. */
  licenseKind?: LicenseKind;
  /** For kind 'activity' on objects without a type field (HubSpot notes): the type of every row. */
  activityType?: string;
  /**
   * Canonical field → CRM field read when the mapped one is empty (list it in `system` too so it is read),
   * e.g. a Salesforce Task without ActivityDate falls back to CreatedDate.
   */
  fallbacks?: Record<string, string>;
  /** HubSpot: association object types to read (e.g. ['companies']). */
  associations?: string[];
  /**
   * HubSpot: association types (also listed in `associations`) whose labels matter: read by v4 batch read
   * (labels with type ids) rather than inline, and re-read for the records we hold on every incremental run,
   * because a label change does not move the record's modification stamp. Deals → contacts become
   * opportunity contact roles; contacts → companies become account contact roles.
   */
  labelledAssociations?: string[];
  /** Association label (or internal name) → canonical buying role, for custom labels; see association-label-roles.util.ts. */
  labelRoles?: Record<string, string>;
  /** Incremental sync interval for this object, minutes. */
  intervalMinutes?: number;
}

export type CanonicalType = 'text' | 'int' | 'numeric' | 'bool' | 'date' | 'datetime' | 'ref' | 'list';

export interface CanonicalField {
  type: CanonicalType;
  /** Column length (text): longer values are quarantined as absurd, not silently cut. */
  max?: number;
  required?: boolean;
}

/** The canonical fields per kind, with the column limits of the graph entities. */
export const CANONICAL_FIELDS: Record<ObjectKind, Record<string, CanonicalField>> = {
  account: {
    name: { type: 'text', max: 255, required: true }, domain: { type: 'text', max: 255 }, country: { type: 'text', max: 80 },
    industry: { type: 'text', max: 120 }, employees: { type: 'int' }, annualRevenue: { type: 'numeric' },
    ownerCrmUserId: { type: 'text', max: 64 }, lifecycleStage: { type: 'text', max: 40 }, technologies: { type: 'list' },
    crmRef: { type: 'ref' },
  },
  contact: {
    email: { type: 'text', max: 320 }, firstName: { type: 'text', max: 120 }, lastName: { type: 'text', max: 120 },
    title: { type: 'text', max: 255 }, country: { type: 'text', max: 80 }, lifecycleStage: { type: 'text', max: 40 },
    emailOptOut: { type: 'bool' }, doNotCall: { type: 'bool' }, buyingRole: { type: 'text', max: 200 }, accountRef: { type: 'ref' },
  },
  opportunity: {
    name: { type: 'text', max: 255, required: true }, stage: { type: 'text', max: 80 }, type: { type: 'text', max: 80 },
    amount: { type: 'numeric' }, closeDate: { type: 'date' }, isClosed: { type: 'bool' }, isWon: { type: 'bool' },
    crmCreatedAt: { type: 'datetime' }, accountRef: { type: 'ref' },
  },
  license: {
    product: { type: 'text', max: 255 }, status: { type: 'text', max: 60 }, event: { type: 'text', max: 30 },
    quantity: { type: 'numeric' }, amount: { type: 'numeric' }, startDate: { type: 'date' }, endDate: { type: 'date' },
    severity: { type: 'text', max: 20 }, openedAt: { type: 'datetime' }, closedAt: { type: 'datetime' },
    accountRef: { type: 'ref' }, contactRef: { type: 'ref' },
  },
  account_contact_role: { accountRef: { type: 'ref', required: true }, contactRef: { type: 'ref', required: true }, roles: { type: 'text', max: 500 }, isPrimary: { type: 'bool' } },
  activity: {
    type: { type: 'text', max: 30 }, subject: { type: 'text', max: 255 }, occurredAt: { type: 'datetime', required: true },
    direction: { type: 'text', max: 30 }, accountRef: { type: 'ref' }, contactRef: { type: 'ref' }, ourRecommendationId: { type: 'text', max: 64 },
  },
  opportunity_contact_role: { opportunityRef: { type: 'ref', required: true }, contactRef: { type: 'ref', required: true }, role: { type: 'text', max: 120 }, isPrimary: { type: 'bool' } },
};
