import type { SetupItem } from '../../../src/write-back/ports/write-back-writer.port';
import type { HubspotHttpClient } from './hubspot-http.client';

/** The license custom object setup creates when a connection asks for it (settings.writeBack.licenseObject). */
export interface LicenseObjectDefinition {
  /** Object name, as the sync's license mapping reads it (`licenses` by default). */
  name: string;
  /** The mapping's semantic key → HubSpot property name (fields and custom fields of the license mapping). */
  properties: Record<string, string>;
  /** Objects a license is associated with (the mapping's `associations`, e.g. ['companies']). */
  associatedObjects: string[];
}

const SCHEMAS = '/crm-object-schemas/v3/schemas';
const PRIMARY = 'license_name';
/** Property types by the mapping's semantic key; everything else is free text so any CRM value is kept. */
const TYPES: Record<string, { type: string; fieldType: string }> = {
  quantity: { type: 'number', fieldType: 'number' },
  amount: { type: 'number', fieldType: 'number' },
  usedSeats: { type: 'number', fieldType: 'number' },
  startDate: { type: 'date', fieldType: 'date' },
  endDate: { type: 'date', fieldType: 'date' },
};
/** HubSpot names standard objects in upper case in `associatedObjects` (ObjectSchemaEgg). */
const ASSOCIATED: Record<string, string> = { companies: 'COMPANY', contacts: 'CONTACT', deals: 'DEAL' };

interface SchemaView {
  name: string;
  objectTypeId: string;
  archived?: boolean;
  properties?: Array<{ name: string }>;
}

function schemaBody(def: LicenseObjectDefinition): Record<string, unknown> {
  const props = new Map<string, { name: string; label: string; type: string; fieldType: string }>();
  props.set(PRIMARY, { name: PRIMARY, label: 'License', type: 'string', fieldType: 'text' });
  for (const [key, name] of Object.entries(def.properties)) {
    const t = TYPES[key] ?? { type: 'string', fieldType: 'text' };
    props.set(name, { name, label: key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()), ...t });
  }
  return {
    name: def.name,
    labels: { singular: 'License', plural: 'Licenses' },
    primaryDisplayProperty: PRIMARY,
    requiredProperties: [PRIMARY],
    searchableProperties: [PRIMARY],
    secondaryDisplayProperties: [],
    properties: [...props.values()],
    associatedObjects: def.associatedObjects.map((o) => ASSOCIATED[o] ?? o),
  };
}

/**
 * Creates the license object's schema through the schemas API when it is missing (idempotent: an existing
 * schema is left as it is, only the mapping's missing properties are added); with `remove`, archives it.
 * HubSpot only archives a schema with no live records: that refusal is reported, not thrown.
 */
export async function setupLicenseObject(http: HubspotHttpClient, def: LicenseObjectDefinition, options: { remove: boolean; dryRun: boolean }): Promise<SetupItem[]> {
  const list = await http.request<{ results: SchemaView[] }>({ method: 'GET', path: SCHEMAS, endpoint: 'hs-schemas' });
  const existing = list.results.find((s) => !s.archived && (s.name === def.name || s.objectTypeId === def.name));
  const item = (status: SetupItem['status'], detail?: string): SetupItem[] => [{ kind: 'custom_object', object: def.name, name: def.name, status, ...(detail ? { detail } : {}) }];
  if (options.remove) {
    if (!existing) return item('absent');
    if (options.dryRun) return item('present', 'would be archived');
    try {
      await http.request({ method: 'DELETE', path: `${SCHEMAS}/${existing.objectTypeId}`, endpoint: 'hs-schemas' });
      return item('archived');
    } catch (err) {
      return item('present', `not archived: ${(err as Error).message.slice(0, 300)} (archive its records first)`);
    }
  }
  if (!existing) {
    if (options.dryRun) return item('missing');
    await http.request({ method: 'POST', path: SCHEMAS, body: schemaBody(def), endpoint: 'hs-schemas' });
    return item('created');
  }
  const have = new Set((existing.properties ?? []).map((p) => p.name));
  const missing = (schemaBody(def).properties as Array<{ name: string }>).filter((p) => !have.has(p.name));
  if (missing.length === 0) return item('present');
  if (options.dryRun) return item('missing', `properties missing: ${missing.map((p) => p.name).join(', ')}`);
  // A property needs a group: custom objects come with their own default one.
  const groups = await http.request<{ results: Array<{ name: string; archived?: boolean }> }>({ method: 'GET', path: `/crm/v3/properties/${existing.objectTypeId}/groups`, endpoint: 'hs-properties' });
  const group = groups.results.find((g) => !g.archived)?.name;
  if (!group) return item('missing', `properties missing and no property group to add them to: ${missing.map((p) => p.name).join(', ')}`);
  await http.request({ method: 'POST', path: `/crm/v3/properties/${existing.objectTypeId}/batch/create`, body: { inputs: missing.map((p) => ({ ...p, groupName: group })) }, endpoint: 'hs-properties' });
  return item('present', `added properties: ${missing.map((p) => p.name).join(', ')}`);
}
