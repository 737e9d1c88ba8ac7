import { SfFieldDef } from '../schema/field.types';

/**
 * Conversions between API values and the compact stored form. Datetimes are stored as whole seconds since
 * the epoch (a small integer, not an object): the REST API renders every datetime with `.000` milliseconds
 * (see the Airbyte fixture, e.g. `2020-10-22T21:03:23.000+0000`), so second precision is what clients see.
 */
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO-8601 datetime as Salesforce accepts it; returns epoch seconds or undefined when invalid. */
export function parseDateTimeSeconds(value: string): number | undefined {
  const m = DATETIME_RE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , tz] = m;
  let offsetMin = 0;
  if (tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  return Math.floor(ms / 1000) - offsetMin * 60;
}

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1;
}

/** REST/JSON rendering: `2020-10-22T21:03:23.000+0000`. */
export function formatDateTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('Z', '+0000');
}

/** Bulk API 2.0 CSV rendering: `2020-10-22T21:03:23.000Z`. */
export function formatDateTimeBulk(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

export const secondsOf = (date: Date): number => Math.floor(date.getTime() / 1000);

/** Stored value -> JSON value as the REST API returns it. */
export function toApiValue(def: SfFieldDef, stored: unknown): unknown {
  // Checkboxes are never null in Salesforce: unset reads as false.
  if (stored === undefined || stored === null) return def.type === 'boolean' ? false : null;
  if (def.type === 'datetime') return formatDateTime(stored as number);
  return stored;
}

export class ValueError extends Error {}

const NUMERIC = new Set(['double', 'currency', 'percent', 'int']);

/**
 * JSON request value -> stored value. Throws ValueError with Salesforce's JSON deserialisation wording
 * ("Cannot deserialize instance of double from VALUE_STRING value abc ...") when the type is wrong.
 */
export function fromJsonValue(def: SfFieldDef, value: unknown): unknown {
  if (value === null) return null;
  const t = def.type;
  const fail = (jsonKind: string): never => {
    throw new ValueError(
      `Cannot deserialize instance of ${soapType(def)} from ${jsonKind} value ${String(value)} or request may be missing a required field`,
    );
  };
  if (t === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return fail(typeof value === 'string' ? 'VALUE_STRING' : 'VALUE_NUMBER_INT');
  }
  if (NUMERIC.has(t)) {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(n)) return fail(typeof value === 'string' ? 'VALUE_STRING' : 'START_OBJECT');
    if (t === 'int' && !Number.isInteger(n)) return fail('VALUE_NUMBER_FLOAT');
    return n;
  }
  if (t === 'datetime') {
    const s = typeof value === 'string' ? parseDateTimeSeconds(value) : undefined;
    return s === undefined ? fail('VALUE_STRING') : s;
  }
  if (t === 'date') {
    if (typeof value === 'string' && isValidDate(value)) return value;
    if (typeof value === 'string' && parseDateTimeSeconds(value) !== undefined) return value.slice(0, 10);
    return fail('VALUE_STRING');
  }
  if (typeof value === 'object') return fail(Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT');
  return String(value);
}

/**
 * CSV (Bulk API 2.0 ingest) value -> stored value. Empty means "not set" (undefined) and `#N/A` means null,
 * as documented in "Bulk API 2.0: Prepare CSV Files" (jsforce writes `#N/A` for null, `src/api/bulk2.ts`).
 */
export function fromCsvValue(def: SfFieldDef, raw: string): unknown {
  if (raw === '') return undefined;
  if (raw === '#N/A') return null;
  if (def.type === 'boolean') {
    const v = raw.toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new ValueError(`'${raw}' is not a valid value for the type xsd:boolean`);
  }
  if (NUMERIC.has(def.type)) {
    const n = Number(raw);
    if (!Number.isFinite(n) || (def.type === 'int' && !Number.isInteger(n))) {
      throw new ValueError(`'${raw}' is not a valid value for the type xsd:${soapType(def)}`);
    }
    return n;
  }
  if (def.type === 'datetime') {
    const s = parseDateTimeSeconds(raw) ?? (isValidDate(raw) ? parseDateTimeSeconds(`${raw}T00:00:00Z`) : undefined);
    if (s === undefined) throw new ValueError(`'${raw}' is not a valid value for the type xsd:dateTime`);
    return s;
  }
  if (def.type === 'date') {
    if (isValidDate(raw)) return raw;
    if (parseDateTimeSeconds(raw) !== undefined) return raw.slice(0, 10);
    throw new ValueError(`'${raw}' is not a valid value for the type xsd:date`);
  }
  return raw;
}

export function soapType(def: SfFieldDef): string {
  switch (def.type) {
    case 'boolean': return 'boolean';
    case 'int': return 'int';
    case 'double': case 'currency': case 'percent': return 'double';
    case 'datetime': return 'dateTime';
    case 'date': return 'date';
    case 'id': case 'reference': return 'ID';
    case 'address': return 'address';
    default: return 'string';
  }
}
