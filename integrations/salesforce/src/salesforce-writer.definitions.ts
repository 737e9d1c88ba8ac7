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
