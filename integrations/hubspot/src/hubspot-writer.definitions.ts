import type { CrmTaskUpsert } from '../../../src/write-back/ports/write-back-writer.port';

/**
 * What `abm setup` creates in HubSpot: one property group per object and at most four properties per
 * object (in-crm-surfaces.md §1.1: prefix everything `abm_`, internal names are immutable, formField false).
 */
export const HUBSPOT_PROPERTY_GROUP = 'abm_plugin';
/** Unique property on tasks: batch/upsert by it makes retries idempotent. */
export const HUBSPOT_TASK_ID_PROPERTY = 'abm_recommendation_id';

export interface PropertyCreate {
  name: string;
  label: string;
  groupName: string;
  type: string;
  fieldType: string;
  formField: boolean;
  description?: string;
  hasUniqueValue?: boolean;
  options?: Array<{ label: string; value: string; displayOrder: number }>;
}

export function hubspotPropertyDefinitions(companyObject: string): Array<{ object: string; properties: PropertyCreate[] }> {
  const base = { groupName: HUBSPOT_PROPERTY_GROUP, formField: false };
  return [
    {
      object: companyObject,
      properties: [
        { ...base, name: 'abm_score', label: 'ABM score', type: 'number', fieldType: 'number', description: '0-100 account score written by the ABM plugin; overwritten on each write-back.' },
        {
          ...base,
          name: 'abm_tier',
          label: 'ABM tier',
          type: 'enumeration',
          fieldType: 'select',
          options: ['A', 'B', 'C', 'D'].map((t, i) => ({ label: `Tier ${t}`, value: t, displayOrder: i })),
        },
        { ...base, name: 'abm_score_reason', label: 'ABM top score reasons', type: 'string', fieldType: 'textarea' },
        { ...base, name: 'abm_score_updated_at', label: 'ABM score updated at', type: 'datetime', fieldType: 'date' },
      ],
    },
    {
      object: 'tasks',
      properties: [{ ...base, name: HUBSPOT_TASK_ID_PROPERTY, label: 'ABM recommendation id', type: 'string', fieldType: 'text', hasUniqueValue: true }],
    },
  ];
}

/** Task properties per HubSpot's tasks API (in-crm-surfaces.md §1.6): hs_timestamp is the due date and required. */
export function taskProperties(t: CrmTaskUpsert): Record<string, string> {
  const props: Record<string, string> = {
    hs_timestamp: new Date(`${t.dueDate}T09:00:00Z`).toISOString(),
    hs_task_subject: t.subject.slice(0, 250),
    hs_task_body: t.body.slice(0, 65_000),
    hs_task_status: t.completed ? 'COMPLETED' : 'NOT_STARTED',
    hs_task_priority: t.priority,
    hs_task_type: 'TODO',
  };
  if (t.ownerCrmUserId) props.hubspot_owner_id = t.ownerCrmUserId;
  return props;
}
