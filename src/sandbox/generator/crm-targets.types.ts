/**
 * The slices of the sandbox stores the world loader uses, written structurally so the generator does not
 * depend on the sandboxes' internals. They match `SObjectStore` in src/sandbox/salesforce/store/sobject-store.ts and
 * `HubspotStore` in src/sandbox/hubspot/hubspot-store.ts; the schema hooks are optional so any store
 * offering just `insertMany` (and `associateMany` for HubSpot) can be loaded too.
 */
export type MaybePromise<T> = T | Promise<T>;

export interface SalesforceFieldSpec {
  name: string;
  type: 'string' | 'textarea' | 'picklist' | 'double' | 'date';
  label?: string;
  length?: number;
  /** Picklist values (both spellings: `picklistValues` is the describe name, `values` the older loader's). */
  picklistValues?: string[];
  values?: string[];
  externalId?: boolean;
}

export interface SalesforceLoadTarget {
  insertMany(sobjectType: string, records: Array<Record<string, unknown>>, opts?: { asOf?: Date }): MaybePromise<string[]>;
  /** Adds a custom field; throws an "already exists" error for a field the schema has. */
  addField?(objectName: string, spec: SalesforceFieldSpec): unknown;
  /** The object's current fields; lets the loader leave out fields a leaner schema does not have. */
  table?(name: string): { fields: ReadonlyArray<{ name: string }> } | undefined;
}

export interface HubspotTypeDefLike {
  name: string;
  objectTypeId: string;
  singular: string;
}

export interface HubspotPropertySeedLike {
  name: string;
  type?: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  options?: string[];
  label?: string;
}

export interface HubspotLoadTarget {
  insertMany(
    objectType: string,
    records: Array<{ id?: string; properties: Record<string, string | null>; createdAt?: Date; updatedAt?: Date }>,
    options?: { autoDefine?: boolean },
  ): MaybePromise<string[]>;
  associateMany(fromType: string, toType: string, pairs: Array<[string | number, string | number]>, label?: string): MaybePromise<number>;
  findType?(name: string): { def: HubspotTypeDefLike; properties: Map<string, unknown> } | undefined;
  createCustomType?(name: string, singular: string, seeds: HubspotPropertySeedLike[], primaryDisplayProperty?: string): { def: HubspotTypeDefLike };
  defineProperty?(type: string, seed: HubspotPropertySeedLike): unknown;
  associations?: {
    define(from: HubspotTypeDefLike, to: HubspotTypeDefLike, category: 'USER_DEFINED', label?: string): unknown;
    typesBetween(fromTypeId: string, toTypeId: string): Array<{ label?: string }>;
  };
}
