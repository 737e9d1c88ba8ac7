import type { CrmRecord } from '../ports/crm-types';
import { CANONICAL_FIELDS, type CanonicalField, type ObjectMapping } from './object-mapping.types';
import { canonicalActivityType, canonicalOpportunityType, canonicalSeverity, hasBadEncoding, normalizeCompanyName, normalizeDomain, normalizeEmail, splitMulti } from './value-normalizers.util';

/** A CRM record in our canonical field names, ready for the graph upserts. */
export interface NormalizedRow {
  crmId: string;
  modifiedAt: string | null;
  modifiedBy: string | null;
  deleted: boolean;
  mergedIntoId: string | null;
  /** HubSpot merges: ids the winner absorbed (hs_merged_object_ids). */
  mergedIds: string[];
  values: Record<string, unknown>;
  custom: Record<string, unknown>;
  /** Associations as read, labels included (HubSpot): association labels become buying roles. */
  associations?: CrmRecord['associations'];
}

export type NormalizeResult = { ok: true; row: NormalizedRow } | { ok: false; reason: string };

class Reject extends Error {}

const MAX_CUSTOM_LENGTH = 10_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

function parseInstant(raw: unknown): Date | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  const s = String(raw).trim();
  const d = /^\d{11,14}$/.test(s) ? new Date(Number(s)) : new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function coerce(name: string, spec: CanonicalField, raw: unknown): unknown {
  if (raw === null || raw === undefined || raw === '') return spec.type === 'bool' ? false : spec.type === 'list' ? [] : null;
  switch (spec.type) {
    case 'text':
    case 'ref': {
      const s = String(raw).trim();
      if (hasBadEncoding(s)) throw new Reject(`bad encoding in ${name}`);
      if (spec.max && s.length > spec.max) throw new Reject(`absurd length in ${name} (${s.length} > ${spec.max})`);
      return s === '' ? null : s;
    }
    case 'list':
      return splitMulti(raw);
    case 'int':
    case 'numeric': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(n) || Math.abs(n) >= 1e16) throw new Reject(`bad number in ${name}: ${String(raw).slice(0, 40)}`);
      return spec.type === 'int' ? Math.round(n) : String(n);
    }
    case 'bool': {
      const s = String(raw).trim().toLowerCase();
      return s === 'true' || s === '1' || s === 'yes';
    }
    case 'date': {
      const s = String(raw).trim();
      const m = DATE_RE.exec(s);
      const d = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : parseInstant(s);
      if (!d || Number.isNaN(d.getTime())) throw new Reject(`bad date in ${name}: ${s.slice(0, 40)}`);
      const y = d.getUTCFullYear();
      if (y < 1900 || y > 2200 || (m && d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`)) throw new Reject(`bad date in ${name}: ${s.slice(0, 40)}`);
      return d.toISOString().slice(0, 10);
    }
    case 'datetime': {
      const d = parseInstant(raw);
      if (!d || d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2200) throw new Reject(`bad date in ${name}: ${String(raw).slice(0, 40)}`);
      return d.toISOString();
    }
  }
}

/**
 * Maps one CRM record onto the canonical fields of its kind, or says why it must be quarantined
 * (bad dates, numbers or encodings, absurd lengths, missing required fields). Deleted records only
 * need their id. Pure: the engine decides what to do with the result.
 */
export function normalizeRecord(mapping: ObjectMapping, record: CrmRecord): NormalizeResult {
  try {
    if (!record.id || record.id.length > 64) throw new Reject('missing or absurd record id');
    if (record.modifiedAt && Number.isNaN(record.modifiedAt.getTime())) throw new Reject('bad modification stamp');
    const base = { crmId: record.id, modifiedAt: record.modifiedAt?.toISOString() ?? null, modifiedBy: record.modifiedBy, deleted: record.deleted, mergedIntoId: record.mergedIntoId ?? null, mergedIds: splitMulti(record.fields.hs_merged_object_ids) };
    if (record.deleted) return { ok: true, row: { ...base, values: {}, custom: {} } };
    const canon = CANONICAL_FIELDS[mapping.kind];
    const values: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(canon)) {
      const crmField = mapping.fields[name];
      values[name] = coerce(name, spec, crmField ? record.fields[crmField] : null);
      const fallback = mapping.fallbacks?.[name];
      if (values[name] === null && fallback) values[name] = coerce(name, spec, record.fields[fallback]);
    }
    const assocAccount = record.associations?.account?.[0]?.id;
    if (assocAccount && 'accountRef' in canon) values.accountRef = assocAccount;
    const assocContact = record.associations?.contact?.[0]?.id;
    if (assocContact && 'contactRef' in canon) values.contactRef = assocContact;
    const custom: Record<string, unknown> = {};
    for (const [key, crmField] of Object.entries(mapping.custom ?? {})) {
      const raw = record.fields[crmField];
      if (raw === undefined) continue;
      if (typeof raw === 'string' && (hasBadEncoding(raw) || raw.length > MAX_CUSTOM_LENGTH)) throw new Reject(`bad value in custom field ${crmField}`);
      custom[key] = raw;
    }
    finishKind(mapping, values, custom);
    for (const [name, spec] of Object.entries(canon)) {
      if (spec.required && (values[name] === null || values[name] === '')) throw new Reject(`missing required field ${mapping.fields[name] ?? name}`);
    }
    return { ok: true, row: { ...base, values, custom, associations: record.associations } };
  } catch (err) {
    if (err instanceof Reject) return { ok: false, reason: err.message };
    throw err;
  }
}

/** Kind-specific derived values (normalised names, canonical picklists). */
function finishKind(mapping: ObjectMapping, v: Record<string, unknown>, custom: Record<string, unknown>): void {
  switch (mapping.kind) {
    case 'account':
      v.domain = normalizeDomain(v.domain as string | null);
      v.normalizedName = v.name ? normalizeCompanyName(v.name as string) : null;
      return;
    case 'contact':
      v.emailNormalized = normalizeEmail(v.email as string | null);
      if (!v.email && !v.lastName && !v.firstName) throw new Reject('missing required field: a contact needs an e-mail or a name');
      return;
    case 'opportunity': {
      v.type = canonicalOpportunityType(v.type as string | null);
      const stage = String(v.stage ?? '').toLowerCase();
      if (stage === 'closedwon' || stage === 'closed won') v.isWon = true;
      if (v.isWon || stage === 'closedlost' || stage === 'closed lost') v.isClosed = true;
      return;
    }
    case 'license':
      v.severity = canonicalSeverity(v.severity as string | null);
      return;
    case 'activity': {
      // Salesforce keeps e-mails and calls in TaskSubtype when Type is empty or 'Other'.
      const subtype = typeof custom.subtype === 'string' ? custom.subtype : null;
      v.type = canonicalActivityType((v.type as string | null) ?? mapping.activityType ?? null, subtype);
      const dir = String(v.direction ?? '').toLowerCase();
      v.direction = dir.startsWith('in') ? 'inbound' : dir.startsWith('out') ? 'outbound' : null;
      return;
    }
    default:
      return;
  }
}
