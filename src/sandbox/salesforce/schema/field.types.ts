/**
 * Field metadata of the sandbox's sObjects. The shape mirrors the `fields[]` entries of
 * `GET /services/data/vXX.X/sobjects/{type}/describe` (REST API Developer Guide, "sObject Describe",
 * and jsforce `src/types/common.ts` `DescribeSObjectResult`/`Field`), trimmed to what clients read.
 */
export type SfFieldType =
  | 'id'
  | 'boolean'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'reference'
  | 'datetime'
  | 'date'
  | 'double'
  | 'currency'
  | 'percent'
  | 'int'
  | 'phone'
  | 'url'
  | 'email'
  | 'address';

export interface SfFieldDef {
  name: string;
  type: SfFieldType;
  label: string;
  /** Max characters for text types (255 for string, 32768 for long text areas). */
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Required on create: not nillable, createable and not defaulted (e.g. Account.Name). */
  required: boolean;
  externalId: boolean;
  unique: boolean;
  custom: boolean;
  /** Read-only system field maintained by the platform (CreatedDate, SystemModstamp, ...). */
  system: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
  restrictedPicklist: boolean;
  precision: number;
  scale: number;
  /** Value assigned on create when the caller sends none (picklist defaults such as Case.Status). */
  defaultValue?: unknown;
  /** Auto-number field (Case.CaseNumber, Contract.ContractNumber): assigned on create, read-only. */
  autoNumber?: boolean;
  /**
   * Computed on read, never stored (compound addresses, Contact.Name, Opportunity.IsClosed), which keeps
   * the per-record memory small.
   */
  derived?: (get: (fieldName: string) => unknown) => unknown;
}

export interface SfObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: SfFieldDef[];
  /** Field used for the record "Name" (Case uses CaseNumber, Task uses Subject). */
  nameField: string | null;
}

export type FieldOptions = Partial<Omit<SfFieldDef, 'name' | 'type'>>;

const TEXT_LENGTH: Partial<Record<SfFieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 32000,
  picklist: 255,
  multipicklist: 4099,
  phone: 40,
  url: 255,
  email: 80,
};

/** Builds a field definition with the defaults a custom or standard field has in describe. */
export function field(name: string, type: SfFieldType, options: FieldOptions = {}): SfFieldDef {
  const custom = name.endsWith('__c');
  const system = options.system ?? false;
  const createable = options.createable ?? !(system || options.derived || options.autoNumber);
  return {
    name,
    type,
    label: options.label ?? labelFromName(name),
    length: options.length ?? TEXT_LENGTH[type] ?? 0,
    nillable: options.nillable ?? !(options.required || type === 'boolean'),
    createable,
    updateable: options.updateable ?? createable,
    required: options.required ?? false,
    externalId: options.externalId ?? false,
    unique: options.unique ?? false,
    custom: options.custom ?? custom,
    system,
    referenceTo: options.referenceTo ?? [],
    relationshipName: options.relationshipName ?? null,
    picklistValues: options.picklistValues ?? [],
    restrictedPicklist: options.restrictedPicklist ?? false,
    precision: options.precision ?? (type === 'double' || type === 'currency' ? 18 : 0),
    scale: options.scale ?? (type === 'currency' ? 2 : 0),
    defaultValue: options.defaultValue,
    autoNumber: options.autoNumber,
    derived: options.derived,
  };
}

/** Reference field with Salesforce's relationship naming: `AccountId` -> `Account`, `Foo__c` -> `Foo__r`. */
export function lookup(name: string, referenceTo: string, options: FieldOptions = {}): SfFieldDef {
  const relationshipName = name.endsWith('__c')
    ? `${name.slice(0, -3)}__r`
    : name.endsWith('Id')
      ? name.slice(0, -2)
      : name;
  return field(name, 'reference', { referenceTo: [referenceTo], relationshipName, ...options });
}

export function labelFromName(name: string): string {
  const base = name.replace(/^[A-Za-z0-9]+__(?=.*__c$)/, '').replace(/__c$/, '');
  return base
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
