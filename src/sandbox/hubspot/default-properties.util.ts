/**
 * HubSpot's default properties that our integration reads or writes, per object type, in the `Property`
 * shape of shared/fixtures/hubspot-openapi/v3/properties.json. Names, types and option values follow
 * HubSpot's "default properties" knowledge-base pages (contacts/companies/deals) and, for
 * `hs_buying_role`, the nine options HubSpot ships (Blocker, Budget holder, Champion, Decision maker,
 * End user, Executive sponsor, Influencer, Legal and compliance, Other).
 */
export interface PropertyOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder: number;
}

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined?: boolean;
  calculated: boolean;
  externalOptions: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
}

export interface PropertySeed {
  name: string;
  type?: PropertyType;
  fieldType?: string;
  label?: string;
  options?: string[];
  readOnly?: boolean;
  unique?: boolean;
  group?: string;
}

function titleCase(value: string): string {
  return value
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

const FIELD_TYPE: Record<PropertyType, string> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
  phone_number: 'phonenumber',
};

export function buildProperty(seed: PropertySeed, defaultGroup: string, hubspotDefined: boolean, nowIso: string, order: number): PropertyDefinition {
  const type = seed.type ?? 'string';
  const options =
    type === 'bool'
      ? [
          { label: 'Yes', value: 'true', hidden: false, displayOrder: 0 },
          { label: 'No', value: 'false', hidden: false, displayOrder: 1 },
        ]
      : (seed.options ?? []).map((value, index) => ({ label: titleCase(value), value, hidden: false, displayOrder: index }));
  const property: PropertyDefinition = {
    name: seed.name,
    label: seed.label ?? titleCase(seed.name),
    type,
    fieldType: seed.fieldType ?? FIELD_TYPE[type],
    groupName: seed.group ?? defaultGroup,
    description: '',
    options,
    displayOrder: order,
    hasUniqueValue: seed.unique ?? false,
    hidden: false,
    formField: !seed.readOnly,
    calculated: false,
    externalOptions: false,
    archived: false,
    createdAt: nowIso,
    updatedAt: nowIso,
    modificationMetadata: { archivable: !hubspotDefined, readOnlyDefinition: hubspotDefined, readOnlyValue: seed.readOnly ?? false },
  };
  if (hubspotDefined) property.hubspotDefined = true;
  return property;
}

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
const BUYING_ROLES = [
  'BLOCKER',
  'BUDGET_HOLDER',
  'CHAMPION',
  'DECISION_MAKER',
  'END_USER',
  'EXECUTIVE_SPONSOR',
  'INFLUENCER',
  'LEGAL_AND_COMPLIANCE',
  'OTHER',
];

const COMMON: PropertySeed[] = [
  { name: 'hs_object_id', type: 'number', readOnly: true, label: 'Record ID' },
  { name: 'hubspot_owner_id', type: 'enumeration', fieldType: 'select' },
  { name: 'hs_updated_by_user_id', type: 'number', readOnly: true },
  { name: 'hs_created_by_user_id', type: 'number', readOnly: true },
];

function dates(created: string, modified: string): PropertySeed[] {
  return [
    { name: created, type: 'datetime', label: 'Create Date' },
    { name: modified, type: 'datetime', readOnly: true, label: 'Last Modified Date' },
  ];
}

/** Default property seeds per standard object type. */
export const DEFAULT_PROPERTY_SEEDS: Record<string, PropertySeed[]> = {
  companies: [
    ...COMMON,
    ...dates('createdate', 'hs_lastmodifieddate'),
    { name: 'name' },
    { name: 'domain' },
    { name: 'website' },
    { name: 'industry' },
    { name: 'numberofemployees', type: 'number' },
    { name: 'annualrevenue', type: 'number' },
    { name: 'country' },
    { name: 'city' },
    { name: 'state' },
    { name: 'phone', type: 'phone_number' },
    { name: 'description', fieldType: 'textarea' },
    { name: 'lifecyclestage', type: 'enumeration', fieldType: 'radio', options: LIFECYCLE },
    { name: 'hs_is_target_account', type: 'bool', label: 'Target Account' },
    { name: 'hs_ideal_customer_profile', type: 'enumeration', fieldType: 'radio', options: ['tier_1', 'tier_2', 'tier_3'] },
    { name: 'hs_parent_company_id', type: 'number', readOnly: true },
    { name: 'num_associated_contacts', type: 'number', readOnly: true },
  ],
  contacts: [
    ...COMMON,
    ...dates('createdate', 'lastmodifieddate'),
    { name: 'email', unique: true },
    { name: 'firstname' },
    { name: 'lastname' },
    { name: 'jobtitle' },
    { name: 'company' },
    { name: 'phone', type: 'phone_number' },
    { name: 'country' },
    { name: 'city' },
    { name: 'associatedcompanyid', type: 'number' },
    { name: 'lifecyclestage', type: 'enumeration', fieldType: 'radio', options: LIFECYCLE },
    { name: 'hs_buying_role', type: 'enumeration', fieldType: 'checkbox', options: BUYING_ROLES, label: 'Buying Role' },
    { name: 'hs_email_optout', type: 'bool', label: 'Unsubscribed from all email' },
    { name: 'hs_lead_status', type: 'enumeration', options: ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'] },
  ],
  deals: [
    ...COMMON,
    ...dates('createdate', 'hs_lastmodifieddate'),
    { name: 'dealname' },
    { name: 'amount', type: 'number' },
    { name: 'closedate', type: 'datetime' },
    { name: 'pipeline', type: 'enumeration', options: ['default'] },
    {
      name: 'dealstage',
      type: 'enumeration',
      options: ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'],
    },
    { name: 'dealtype', type: 'enumeration', options: ['newbusiness', 'existingbusiness'] },
  ],
  line_items: [
    ...COMMON,
    ...dates('createdate', 'hs_lastmodifieddate'),
    { name: 'name' },
    { name: 'price', type: 'number' },
    { name: 'quantity', type: 'number' },
    { name: 'amount', type: 'number' },
    { name: 'hs_product_id', type: 'number' },
    { name: 'hs_sku' },
  ],
  tasks: [
    ...COMMON,
    ...dates('hs_createdate', 'hs_lastmodifieddate'),
    { name: 'hs_timestamp', type: 'datetime' },
    { name: 'hs_task_subject' },
    { name: 'hs_task_body', fieldType: 'html' },
    { name: 'hs_task_status', type: 'enumeration', options: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'] },
    { name: 'hs_task_priority', type: 'enumeration', options: ['NONE', 'LOW', 'MEDIUM', 'HIGH'] },
    { name: 'hs_task_type', type: 'enumeration', options: ['CALL', 'EMAIL', 'TODO', 'LINKED_IN', 'MEETING'] },
  ],
  notes: [
    ...COMMON,
    ...dates('hs_createdate', 'hs_lastmodifieddate'),
    { name: 'hs_timestamp', type: 'datetime' },
    { name: 'hs_note_body', fieldType: 'html' },
    { name: 'hs_attachment_ids', type: 'enumeration', fieldType: 'checkbox' },
  ],
};

/** Every custom object gets these system properties (as the pets/cars records in the Airbyte fixture show). */
export const CUSTOM_OBJECT_SYSTEM_SEEDS: PropertySeed[] = [...COMMON, ...dates('hs_createdate', 'hs_lastmodifieddate')];

/**
 * Stored form of a written value. Date and datetime properties accept epoch milliseconds on write and are
 * read back as ISO-8601 (datetime) or `YYYY-MM-DD` (date), per HubSpot's "property types" guide on
 * date values; everything else is kept as sent.
 */
export function normaliseValue(property: PropertyDefinition | undefined, value: string | null): string | null {
  if (value === null || !property || !/^\d{9,}$/.test(value)) return value;
  if (property.type === 'datetime') return new Date(Number(value)).toISOString();
  if (property.type === 'date') return new Date(Number(value)).toISOString().slice(0, 10);
  return value;
}
