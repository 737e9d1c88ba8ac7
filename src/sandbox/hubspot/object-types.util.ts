/**
 * Object-type registry. Type ids follow HubSpot's "object type IDs" table
 * (developers.hubspot.com/docs/guides/crm/understanding-the-crm#object-type-ids): contacts 0-1,
 * companies 0-2, deals 0-3, line_items 0-8, tasks 0-27, notes 0-46; custom objects get `2-<n>`.
 * The date properties differ per type exactly as in the recorded Airbyte records
 * (shared/fixtures/airbyte-hubspot-expected_records.jsonl): contacts carry `lastmodifieddate`, engagements
 * and custom objects carry `hs_createdate` instead of `createdate`.
 */
export interface ObjectTypeDef {
  /** Plural API name used in paths (`contacts`), or the custom object's `name`. */
  name: string;
  objectTypeId: string;
  /** Singular form used by webhook subscription types (`contact.propertyChange`). */
  singular: string;
  fullyQualifiedName: string;
  createdDateProp: 'createdate' | 'hs_createdate';
  modifiedDateProp: 'lastmodifieddate' | 'hs_lastmodifieddate';
  /** Properties returned when a read names none (what the live API returns for a bare GET). */
  defaultReadProps: string[];
  custom: boolean;
  /** Custom objects: label properties from the schema definition. */
  primaryDisplayProperty?: string;
}

function standard(
  name: string,
  objectTypeId: string,
  singular: string,
  createdDateProp: ObjectTypeDef['createdDateProp'],
  modifiedDateProp: ObjectTypeDef['modifiedDateProp'],
  extraDefaults: string[],
): ObjectTypeDef {
  const defaultReadProps = [createdDateProp, modifiedDateProp, 'hs_object_id', ...extraDefaults].sort();
  return { name, objectTypeId, singular, fullyQualifiedName: name, createdDateProp, modifiedDateProp, defaultReadProps, custom: false };
}

export const STANDARD_OBJECT_TYPES: ObjectTypeDef[] = [
  standard('contacts', '0-1', 'contact', 'createdate', 'lastmodifieddate', ['email', 'firstname', 'lastname']),
  standard('companies', '0-2', 'company', 'createdate', 'hs_lastmodifieddate', ['domain', 'name']),
  standard('deals', '0-3', 'deal', 'createdate', 'hs_lastmodifieddate', ['amount', 'closedate', 'dealname', 'dealstage', 'pipeline']),
  standard('line_items', '0-8', 'line_item', 'createdate', 'hs_lastmodifieddate', ['name', 'price', 'quantity']),
  standard('tasks', '0-27', 'task', 'hs_createdate', 'hs_lastmodifieddate', []),
  standard('notes', '0-46', 'note', 'hs_createdate', 'hs_lastmodifieddate', []),
];

/** Derived properties the store computes from record metadata instead of storing them. */
export function derivedPropertyNames(def: ObjectTypeDef): string[] {
  return ['hs_object_id', def.createdDateProp, def.modifiedDateProp];
}

/**
 * HubSpot-defined association type ids (developers.hubspot.com/docs/guides/api/crm/associations/associations-v4
 * "Association type ID values"). `primary` is the labelled "Primary" type where HubSpot has one.
 */
export interface DefaultAssociation {
  from: string;
  to: string;
  typeId: number;
  primaryTypeId?: number;
}

export const DEFAULT_ASSOCIATIONS: DefaultAssociation[] = [
  { from: 'contacts', to: 'companies', typeId: 279, primaryTypeId: 1 },
  { from: 'companies', to: 'contacts', typeId: 280, primaryTypeId: 2 },
  { from: 'deals', to: 'contacts', typeId: 3 },
  { from: 'contacts', to: 'deals', typeId: 4 },
  { from: 'deals', to: 'companies', typeId: 341, primaryTypeId: 5 },
  { from: 'companies', to: 'deals', typeId: 342, primaryTypeId: 6 },
  { from: 'line_items', to: 'deals', typeId: 20 },
  { from: 'deals', to: 'line_items', typeId: 19 },
  { from: 'contacts', to: 'tasks', typeId: 203 },
  { from: 'tasks', to: 'contacts', typeId: 204 },
  { from: 'companies', to: 'tasks', typeId: 191 },
  { from: 'tasks', to: 'companies', typeId: 192 },
  { from: 'deals', to: 'tasks', typeId: 215 },
  { from: 'tasks', to: 'deals', typeId: 216 },
  { from: 'contacts', to: 'notes', typeId: 201 },
  { from: 'notes', to: 'contacts', typeId: 202 },
  { from: 'companies', to: 'notes', typeId: 189 },
  { from: 'notes', to: 'companies', typeId: 190 },
  { from: 'deals', to: 'notes', typeId: 213 },
  { from: 'notes', to: 'deals', typeId: 214 },
];
