import type { AccountFieldNames, CrmTaskUpsert } from '../../../src/write-back/ports/write-back-writer.port';

/**
 * Names of what the SFDX package (integrations/salesforce/force-app) ships. With a namespaced managed
 * package every custom field is `<ns>__Name__c`; an unmanaged install has `Name__c`. Both work: the
 * prefix comes from the connection (in-crm-surfaces.md §2.1 "Our backend must be namespace-aware").
 */
export const SF_PERMISSION_SET = 'ABM_Integration';
export const SF_ACCOUNT_FIELDS = { score: 'ABM_Score__c', tier: 'ABM_Tier__c', reasons: 'ABM_Reasons__c', updatedAt: 'ABM_Score_Updated_At__c' } as const;
export const SF_TASK_EXTERNAL_ID = 'ABM_Recommendation_Id__c';

export function withNamespace(name: string, prefix: string | null): string {
  if (!prefix || name.startsWith(`${prefix}__`) || !name.endsWith('__c')) return name;
  return `${prefix}__${name}`;
}

export function salesforceAccountFields(prefix: string | null): AccountFieldNames {
  return {
    object: 'Account',
    score: withNamespace(SF_ACCOUNT_FIELDS.score, prefix),
    tier: withNamespace(SF_ACCOUNT_FIELDS.tier, prefix),
    reasons: withNamespace(SF_ACCOUNT_FIELDS.reasons, prefix),
    updatedAt: withNamespace(SF_ACCOUNT_FIELDS.updatedAt, prefix),
  };
}

/** Task fields per the Task sObject reference: WhatId = account, WhoId = contact, ActivityDate = due date. */
export function taskRecord(t: CrmTaskUpsert, prefix: string | null): Record<string, unknown> {
  const record: Record<string, unknown> = {
    attributes: { type: 'Task' },
    [withNamespace(SF_TASK_EXTERNAL_ID, prefix)]: t.externalId,
    WhatId: t.accountCrmId,
    Subject: t.subject.slice(0, 255),
    Description: t.body.slice(0, 32_000),
    ActivityDate: t.dueDate,
    Status: t.completed ? 'Completed' : 'Not Started',
    Priority: t.priority === 'HIGH' ? 'High' : t.priority === 'LOW' ? 'Low' : 'Normal',
  };
  if (t.contactCrmId) record.WhoId = t.contactCrmId;
  if (t.ownerCrmUserId) record.OwnerId = t.ownerCrmUserId;
  return record;
}

/** The package's recommendation object (force-app/main/default/objects/ABM_Recommendation__c) and its fields. */
export const SF_RECOMMENDATION_OBJECT = 'ABM_Recommendation__c';
export const SF_RECOMMENDATION_FIELDS = {
  externalId: 'External_Id__c',
  account: 'Account__c',
  contact: 'Contact__c',
  action: 'Action__c',
  reason: 'Reason__c',
  status: 'Status__c',
  dueDate: 'Due_Date__c',
  expectedImpact: 'Expected_Impact__c',
  rank: 'Rank__c',
} as const;

/** One ABM_Recommendation__c record: related to Account (and Contact), its status closes it when done or dismissed. */
export function recommendationRecord(t: CrmTaskUpsert, prefix: string | null): Record<string, unknown> {
  const f = (name: string) => withNamespace(name, prefix);
  const r = t.recommendation;
  const record: Record<string, unknown> = {
    attributes: { type: f(SF_RECOMMENDATION_OBJECT) },
    [f(SF_RECOMMENDATION_FIELDS.externalId)]: t.externalId,
    Name: t.subject.slice(0, 80),
    [f(SF_RECOMMENDATION_FIELDS.account)]: t.accountCrmId,
    [f(SF_RECOMMENDATION_FIELDS.contact)]: t.contactCrmId,
    [f(SF_RECOMMENDATION_FIELDS.action)]: (r?.action ?? t.subject).slice(0, 255),
    [f(SF_RECOMMENDATION_FIELDS.reason)]: (r?.reason ?? t.body).slice(0, 2000),
    [f(SF_RECOMMENDATION_FIELDS.status)]: r?.status ?? (t.completed ? 'done' : 'open'),
    [f(SF_RECOMMENDATION_FIELDS.dueDate)]: t.dueDate,
    [f(SF_RECOMMENDATION_FIELDS.expectedImpact)]: r ? Math.round(r.expectedImpact * 10) / 10 : null,
    [f(SF_RECOMMENDATION_FIELDS.rank)]: r?.rank ?? null,
  };
  if (t.ownerCrmUserId) record.OwnerId = t.ownerCrmUserId;
  return record;
}
