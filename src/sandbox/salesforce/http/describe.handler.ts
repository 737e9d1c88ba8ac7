import { SfFieldDef } from '../schema/field.types';
import { SObjectTable } from '../store/sobject-table';
import { soapType } from '../store/value-codec.util';
import { ApiRequest, json, Route, SandboxServices } from './api-types';

/**
 * Describe Global (`GET /sobjects`), sObject Basic Information (`GET /sobjects/{type}`) and sObject
 * Describe (`GET /sobjects/{type}/describe`), REST API Developer Guide. Field entries carry the keys
 * jsforce's `DescribeSObjectResult` types and the sync reads; custom fields added at run time appear
 * immediately.
 */
function urls(t: SObjectTable, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${t.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function describeGlobalEntry(t: SObjectTable, version: string): Record<string, unknown> {
  return {
    name: t.name,
    label: t.def.label,
    labelPlural: t.def.labelPlural,
    keyPrefix: t.keyPrefix,
    custom: t.def.custom,
    customSetting: false,
    createable: true,
    updateable: true,
    deletable: t.name !== 'User',
    undeletable: t.name !== 'User',
    queryable: true,
    retrieveable: true,
    searchable: true,
    replicateable: true,
    layoutable: true,
    mergeable: t.name === 'Account' || t.name === 'Contact',
    urls: urls(t, version),
  };
}

export function describeField(f: SfFieldDef): Record<string, unknown> {
  const isText = ['string', 'textarea', 'picklist', 'multipicklist', 'phone', 'url', 'email', 'id', 'reference'].includes(f.type);
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: soapType(f) === 'ID' ? 'tns:ID' : `xsd:${soapType(f)}`,
    length: isText ? f.length : 0,
    byteLength: isText ? f.length * 3 : 0,
    precision: f.precision,
    scale: f.scale,
    digits: f.type === 'int' ? f.precision : 0,
    nillable: f.nillable,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: f.system || f.defaultValue !== undefined || f.autoNumber === true,
    defaultValue: f.defaultValue ?? null,
    calculated: f.derived !== undefined,
    autoNumber: f.autoNumber === true,
    custom: f.custom,
    externalId: f.externalId,
    unique: f.unique,
    idLookup: f.type === 'id' || f.externalId || f.unique,
    filterable: f.type !== 'textarea' || f.length <= 255,
    sortable: f.type !== 'textarea' && f.type !== 'multipicklist' && f.type !== 'address',
    groupable: !['textarea', 'multipicklist', 'address', 'double', 'currency', 'percent', 'datetime'].includes(f.type),
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    restrictedPicklist: f.restrictedPicklist,
    picklistValues: f.picklistValues.map((value) => ({ active: true, defaultValue: f.defaultValue === value, label: value, validFor: null, value })),
    compoundFieldName: f.name.match(/^(Billing|Shipping|Mailing)(Street|City|State|PostalCode|Country|Latitude|Longitude|GeocodeAccuracy)$/) ? `${f.name.replace(/(Street|City|State|PostalCode|Country|Latitude|Longitude|GeocodeAccuracy)$/, '')}Address` : null,
  };
}

function childRelationships(s: SandboxServices, t: SObjectTable): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const child of s.store.allTables()) {
    for (const f of child.fields) {
      if (f.type !== 'reference' || f.referenceTo[0] !== t.name || f.system) continue;
      out.push({ childSObject: child.name, field: f.name, relationshipName: child.name === 'Contact' && f.name === 'AccountId' ? 'Contacts' : null, cascadeDelete: false });
    }
  }
  return out;
}

export function describeRoute(s: SandboxServices, req: ApiRequest): Route | undefined {
  const [head, type, action, extra] = req.segments;
  if (head !== 'sobjects' || req.method !== 'GET' || extra !== undefined) return undefined;
  if (type === undefined || type === '') {
    return {
      kind: 'describe-global',
      handle: () => json(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects: s.store.allTables().map((t) => describeGlobalEntry(t, req.version)) }),
    };
  }
  if (action === undefined) {
    return {
      kind: 'sobject-info',
      handle: () => json(200, { objectDescribe: describeGlobalEntry(s.store.requireTable(type), req.version), recentItems: [] }),
    };
  }
  if (action !== 'describe') return undefined;
  return {
    kind: 'describe',
    handle: () => {
      const t = s.store.requireTable(type);
      return json(200, {
        ...describeGlobalEntry(t, req.version),
        fields: t.fields.map(describeField),
        childRelationships: childRelationships(s, t),
        recordTypeInfos: [],
        nameField: t.def.nameField,
      });
    },
  };
}
