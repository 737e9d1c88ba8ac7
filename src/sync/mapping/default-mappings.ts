import type { CrmProvider } from '../../platform/database/columns';
import type { ObjectMapping } from './object-mapping.types';

/**
 * Sensible defaults: standard objects and fields of each CRM plus the custom fields our demo world and
 * typical installs carry. A connection overrides them through settings.objects; fields the CRM's schema
 * does not have are dropped at run start (and reported), so a missing custom field never breaks a sync.
 */
export const SALESFORCE_DEFAULTS: ObjectMapping[] = [
  {
    kind: 'account', crmObject: 'Account', enabled: true,
    fields: { name: 'Name', domain: 'Website', country: 'BillingCountry', industry: 'Industry', employees: 'NumberOfEmployees', annualRevenue: 'AnnualRevenue', ownerCrmUserId: 'OwnerId', lifecycleStage: 'Type', technologies: 'Technologies__c' },
    custom: { segment: 'Segment__c', cloudMaturity: 'Cloud_Maturity__c' },
    system: ['LastModifiedById', 'MasterRecordId'],
  },
  {
    kind: 'contact', crmObject: 'Contact', enabled: true,
    fields: { email: 'Email', firstName: 'FirstName', lastName: 'LastName', title: 'Title', country: 'MailingCountry', emailOptOut: 'HasOptedOutOfEmail', doNotCall: 'DoNotCall', accountRef: 'AccountId' },
    custom: { department: 'Department' },
    system: ['LastModifiedById', 'MasterRecordId'],
  },
  {
    kind: 'opportunity', crmObject: 'Opportunity', enabled: true,
    fields: { name: 'Name', stage: 'StageName', type: 'Type', amount: 'Amount', closeDate: 'CloseDate', isClosed: 'IsClosed', isWon: 'IsWon', crmCreatedAt: 'CreatedDate', accountRef: 'AccountId' },
    custom: { probability: 'Probability' },
    system: ['LastModifiedById'],
  },
  {
    kind: 'license', crmObject: 'Asset', enabled: true, licenseKind: 'asset',
    fields: { product: 'Name', status: 'Status', quantity: 'Quantity', amount: 'Price', startDate: 'InstallDate', endDate: 'UsageEndDate', accountRef: 'AccountId', contactRef: 'ContactId' },
    custom: { serialNumber: 'SerialNumber' },
    system: ['LastModifiedById'],
  },
  {
    kind: 'license', crmObject: 'Contract', enabled: true, licenseKind: 'contract',
    fields: { product: 'Product_Name__c', status: 'Status', event: 'License_Event__c', quantity: 'Seats__c', amount: 'Annual_Value__c', startDate: 'StartDate', endDate: 'EndDate', accountRef: 'AccountId' },
    custom: { usedSeats: 'Used_Seats__c' },
    system: ['LastModifiedById'],
  },
  {
    kind: 'license', crmObject: 'Entitlement', enabled: true, licenseKind: 'entitlement',
    fields: { product: 'Name', status: 'Status', startDate: 'StartDate', endDate: 'EndDate', accountRef: 'AccountId' },
    custom: { assetId: 'AssetId' },
    system: ['LastModifiedById'],
  },
  {
    kind: 'license', crmObject: 'Case', enabled: true, licenseKind: 'support_case',
    fields: { product: 'Subject', status: 'Status', severity: 'Severity__c', openedAt: 'CreatedDate', closedAt: 'ClosedDate', accountRef: 'AccountId', contactRef: 'ContactId' },
    custom: { priority: 'Priority' },
    system: ['LastModifiedById'],
  },
  {
    kind: 'account_contact_role', crmObject: 'AccountContactRelation', enabled: true,
    fields: { accountRef: 'AccountId', contactRef: 'ContactId', roles: 'Roles', isPrimary: 'IsDirect' },
    system: ['LastModifiedById'],
  },
  {
    kind: 'opportunity_contact_role', crmObject: 'OpportunityContactRole', enabled: true,
    fields: { opportunityRef: 'OpportunityId', contactRef: 'ContactId', role: 'Role', isPrimary: 'IsPrimary' },
    system: ['LastModifiedById'],
  },
  {
    // Task reference: WhatId = account (or another object; unresolved ids leave account_id null), WhoId =
    // contact, ActivityDate = the task's date (CreatedDate when empty). Our write-back marks its own tasks
    // with ABM_Recommendation_Id__c (integrations/salesforce/src/salesforce-writer.definitions.ts).
    kind: 'activity', crmObject: 'Task', enabled: true,
    fields: { type: 'Type', subject: 'Subject', occurredAt: 'ActivityDate', accountRef: 'WhatId', contactRef: 'WhoId', ourRecommendationId: 'ABM_Recommendation_Id__c' },
    custom: { subtype: 'TaskSubtype', status: 'Status' },
    fallbacks: { occurredAt: 'CreatedDate' },
    system: ['LastModifiedById', 'CreatedDate'],
  },
];

export const HUBSPOT_DEFAULTS: ObjectMapping[] = [
  {
    kind: 'account', crmObject: 'companies', enabled: true,
    fields: { name: 'name', domain: 'domain', country: 'country', industry: 'industry', employees: 'numberofemployees', annualRevenue: 'annualrevenue', ownerCrmUserId: 'hubspot_owner_id', lifecycleStage: 'lifecyclestage', technologies: 'abm_technologies', crmRef: 'salesforce_account_id' },
    custom: { segment: 'abm_segment', cloudMaturity: 'abm_cloud_maturity' },
    system: ['hs_updated_by_user_id', 'hs_merged_object_ids'],
  },
  {
    kind: 'contact', crmObject: 'contacts', enabled: true,
    fields: { email: 'email', firstName: 'firstname', lastName: 'lastname', title: 'jobtitle', country: 'country', lifecycleStage: 'lifecyclestage', emailOptOut: 'hs_email_optout', buyingRole: 'hs_buying_role', accountRef: 'associatedcompanyid' },
    system: ['hs_updated_by_user_id', 'hs_merged_object_ids'],
  },
  {
    kind: 'opportunity', crmObject: 'deals', enabled: true,
    fields: { name: 'dealname', stage: 'dealstage', type: 'dealtype', amount: 'amount', closeDate: 'closedate', isClosed: 'hs_is_closed', isWon: 'hs_is_closed_won', crmCreatedAt: 'createdate' },
    system: ['hs_updated_by_user_id'],
    // Deal–contact association labels ("Decision maker", custom ones) are the deal's contact roles.
    associations: ['companies', 'contacts'],
    labelledAssociations: ['contacts'],
  },
  {
    kind: 'license', crmObject: 'licenses', enabled: true, licenseKind: 'license',
    fields: { product: 'product', status: 'license_status', event: 'event_type', quantity: 'seats', amount: 'annual_value', startDate: 'start_date', endDate: 'end_date' },
    custom: { usedSeats: 'used_seats', subscriptionKey: 'subscription_key' },
    system: ['hs_updated_by_user_id'],
    associations: ['companies'],
  },
  {
    kind: 'license', crmObject: 'line_items', enabled: false, licenseKind: 'line_item',
    fields: { product: 'name', quantity: 'quantity', amount: 'amount' },
    system: ['hs_updated_by_user_id'],
  },
  {
    // Engagements (tasks API): hs_timestamp is the task's date; our write-back marks its tasks with the
    // unique abm_recommendation_id property (integrations/hubspot/src/hubspot-writer.definitions.ts).
    kind: 'activity', crmObject: 'tasks', enabled: true,
    fields: { type: 'hs_task_type', subject: 'hs_task_subject', occurredAt: 'hs_timestamp', ourRecommendationId: 'abm_recommendation_id' },
    custom: { status: 'hs_task_status' },
    fallbacks: { occurredAt: 'hs_createdate' },
    system: ['hs_updated_by_user_id', 'hs_createdate'],
    associations: ['companies', 'contacts'],
  },
  {
    kind: 'activity', crmObject: 'notes', enabled: true, activityType: 'note',
    fields: { occurredAt: 'hs_timestamp' },
    fallbacks: { occurredAt: 'hs_createdate' },
    system: ['hs_updated_by_user_id', 'hs_createdate'],
    associations: ['companies', 'contacts'],
  },
];

export function defaultMappings(provider: CrmProvider): ObjectMapping[] {
  return (provider === 'salesforce' ? SALESFORCE_DEFAULTS : HUBSPOT_DEFAULTS).map((m) => ({ ...m, fields: { ...m.fields }, custom: { ...(m.custom ?? {}) } }));
}

/** Connection settings override defaults object by object (matched on crmObject). */
export function resolveMappings(provider: CrmProvider, settings: Record<string, unknown>): ObjectMapping[] {
  const overrides = Array.isArray(settings.objects) ? (settings.objects as ObjectMapping[]) : [];
  const base = defaultMappings(provider);
  for (const o of overrides) {
    const i = base.findIndex((b) => b.crmObject === o.crmObject);
    if (i >= 0) base[i] = { ...base[i], ...o, fields: { ...base[i].fields, ...(o.fields ?? {}) }, custom: { ...(base[i].custom ?? {}), ...(o.custom ?? {}) } };
    else base.push(o);
  }
  return base;
}
