import { SfApiError, recordError } from '../errors.util';
import { isWellFormedId, to18 } from '../id.util';
import { SfFieldDef } from '../schema/field.types';
import { SObjectTable } from './sobject-table';
import { fromCsvValue, fromJsonValue, ValueError } from './value-codec.util';

/**
 * Validates one record of a DML request and converts it to stored values. Error codes and wording follow
 * the REST API / SOAP API "StatusCode" list as Salesforce returns them, e.g.
 * `REQUIRED_FIELD_MISSING: Required fields are missing: [Name]`,
 * `STRING_TOO_LONG: Name: data value too large: ... (max length=255)`,
 * `INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: CreatedDate. ...`,
 * `MALFORMED_ID: Account ID: id value of incorrect type: xyz`.
 */
export type InputSource = 'json' | 'csv';
export type WriteMode = 'create' | 'update';

/** Lookup used to check references: returns 'ok', 'deleted' or 'missing'. */
export type ReferenceChecker = (targetType: string, id: string) => 'ok' | 'deleted' | 'missing' | 'wrong-type' | 'unchecked';

export interface ConvertedInput {
  values: Map<SfFieldDef, unknown>;
}

const IGNORED_KEYS = new Set(['attributes']);

export function fieldLabelForId(f: SfFieldDef): string {
  return f.type === 'reference' && f.name.endsWith('Id') ? `${f.label.replace(/ Id$/, '')} ID` : f.label;
}

/**
 * Throws SfApiError (whole request fails, e.g. unknown field = deserialisation error) or
 * RecordValidationError (this record fails).
 */
export function convertInput(
  table: SObjectTable,
  input: Record<string, unknown>,
  mode: WriteMode,
  source: InputSource,
  checkRef: ReferenceChecker,
): ConvertedInput {
  const values = new Map<SfFieldDef, unknown>();
  const notWritable: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (IGNORED_KEYS.has(key)) continue;
    if (key === 'Id' || key === 'id') continue; // the Id addresses the record; it is never written
    const f = table.field(key);
    if (!f) {
      throw new SfApiError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${table.name}`);
    }
    let value: unknown;
    try {
      value = source === 'csv' ? fromCsvValue(f, String(raw)) : fromJsonValue(f, raw);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      if (source === 'json') throw new SfApiError(400, 'JSON_PARSER_ERROR', err.message);
      throw recordError('INVALID_FIELD', `Failed to deserialize field ${f.name}. Due to, ${err.message}`, [f.name]);
    }
    if (value === undefined) continue;
    const writable = mode === 'create' ? f.createable : f.updateable;
    if (!writable) {
      notWritable.push(f.name);
      continue;
    }
    values.set(f, value);
  }
  if (notWritable.length > 0) {
    throw recordError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      notWritable,
    );
  }
  for (const [f, value] of values) validateValue(f, value, checkRef);
  if (mode === 'create') {
    const missing = table.fields.filter((f) => f.required && f.defaultValue === undefined && (values.get(f) ?? null) === null);
    if (missing.length > 0) {
      const names = missing.map((f) => f.name);
      throw recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
    }
  } else {
    const cleared = [...values].filter(([f, v]) => f.required && v === null).map(([f]) => f.name);
    if (cleared.length > 0) {
      throw recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, cleared);
    }
  }
  return { values };
}

/** Per-value checks; uniqueness needs the record's own position, so the store checks that. */
function validateValue(f: SfFieldDef, value: unknown, checkRef: ReferenceChecker): void {
  if (value === null) return;
  if (typeof value === 'string' && f.length > 0 && f.type !== 'reference' && value.length > f.length) {
    const shown = value.length > 60 ? `${value.slice(0, 60)}(TRUNCATED)` : value;
    throw recordError('STRING_TOO_LONG', `${f.label}: data value too large: ${shown} (max length=${f.length})`, [f.name]);
  }
  if (f.type === 'picklist' && f.restrictedPicklist && !f.picklistValues.includes(String(value))) {
    throw recordError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${String(value)}`, [f.name]);
  }
  if (f.type === 'reference') {
    const id = String(value);
    const label = fieldLabelForId(f);
    if (!isWellFormedId(id)) throw recordError('MALFORMED_ID', `${label}: id value of incorrect type: ${id}`, [f.name]);
    const target = f.referenceTo[0];
    const state = checkRef(target, to18(id));
    if (state === 'wrong-type') {
      throw recordError('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${id}`, [f.name]);
    }
    if (state === 'missing') throw recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]);
    if (state === 'deleted') throw recordError('ENTITY_IS_DELETED', 'entity is deleted', [f.name]);
  }
}
