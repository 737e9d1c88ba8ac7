/** Pure value normalisers shared by the record normaliser and identity matching. */

const LEGAL_SUFFIXES = new Set(['inc', 'incorporated', 'llc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'plc', 'corp', 'corporation', 'co', 'company', 'oy', 'ab', 'as', 'kk', 'pty', 'pte', 'lp', 'llp', 'se', 'kg', 'group']);

/** Lower-case, accents stripped, punctuation and legal-form suffixes removed: "Müller GmbH & Co. KG" → "muller". */
export function normalizeCompanyName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/&/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** "https://www.Example.com:443/about" → "example.com"; null when there is no plausible host. */
export function normalizeDomain(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim().toLowerCase();
  if (!v) return null;
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\d?\./, '');
  v = v.split(/[/?#]/)[0].split(':')[0].replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(v) ? v : null;
}

export function normalizeEmail(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v : null;
}

/** True when a string carries replacement characters, lone surrogates or NUL (PostgreSQL rejects NUL). */
export function hasBadEncoding(value: string): boolean {
  return value.includes('\uFFFD') || value.includes('\u0000') || Buffer.from(value, 'utf8').toString('utf8') !== value;
}

export type OpportunityType = 'new_business' | 'renewal' | 'upsell' | 'other';

/** Salesforce Type picklist or HubSpot dealtype → our four types. */
export function canonicalOpportunityType(raw: string | null): OpportunityType | null {
  if (!raw) return null;
  const v = raw.toLowerCase();
  if (v.includes('renewal')) return 'renewal';
  if (v.includes('upgrade') || v.includes('upsell') || v.includes('expansion') || v === 'existingbusiness' || v.startsWith('existing')) return 'upsell';
  if (v.includes('new')) return 'new_business';
  return 'other';
}

/** Case Severity__c / Priority values → low|medium|high|critical. */
export function canonicalSeverity(raw: string | null): string | null {
  if (!raw) return null;
  const v = raw.trim().toLowerCase();
  const map: Record<string, string> = { s1: 'critical', critical: 'critical', urgent: 'critical', s2: 'high', high: 'high', s3: 'medium', medium: 'medium', s4: 'low', low: 'low' };
  return map[v] ?? null;
}

/**
 * Activity types onto our vocabulary (activities.type): Salesforce Task.Type / TaskSubtype picklists
 * (Call, Email, Meeting, Other / Task, Email, Call, ListEmail, LinkedIn) and HubSpot hs_task_type
 * (CALL, EMAIL, TODO, LINKED_IN, MEETING). Anything unknown is a plain task.
 */
export function canonicalActivityType(raw: string | null, subtype: string | null = null): string {
  const map: Record<string, string> = {
    call: 'call', email: 'email', listemail: 'email', meeting: 'meeting', event: 'meeting', note: 'note',
    todo: 'task', task: 'task', other: 'task', linked_in: 'task', linkedin: 'task',
  };
  const t = raw ? map[raw.trim().toLowerCase()] : undefined;
  if (t && t !== 'task') return t;
  const s = subtype ? map[subtype.trim().toLowerCase()] : undefined;
  return s && s !== 'task' ? s : (t ?? s ?? 'task');
}

const ROLE_MAP: Record<string, string> = {
  // Salesforce AccountContactRelation.Roles / OpportunityContactRole.Role defaults
  'decision maker': 'decision_maker', 'economic buyer': 'economic_buyer', 'economic decision maker': 'economic_buyer',
  'technical buyer': 'technical_evaluator', evaluator: 'technical_evaluator', 'executive sponsor': 'executive_sponsor',
  influencer: 'influencer', 'business user': 'end_user', champion: 'champion', other: 'other',
  // HubSpot hs_buying_role options
  decision_maker: 'decision_maker', budget_holder: 'economic_buyer', end_user: 'end_user', executive_sponsor: 'executive_sponsor',
  legal_and_compliance: 'legal_compliance', blocker: 'blocker',
  // HubSpot deal–contact association labels (user-defined)
  'budget holder': 'economic_buyer', 'technical evaluator': 'technical_evaluator', procurement: 'procurement',
  'legal & compliance': 'legal_compliance', 'end user': 'end_user',
};

/** A CRM role value → canonical buying role ('other' when unknown). */
export function canonicalRole(raw: string): string {
  return ROLE_MAP[raw.trim().toLowerCase()] ?? 'other';
}

/** Multi-select values: Salesforce and HubSpot both separate them with ';'. */
export function splitMulti(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  return String(raw).split(';').map((s) => s.trim()).filter(Boolean);
}
