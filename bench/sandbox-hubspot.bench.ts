/**
 * HubSpot sandbox benchmark.
 *
 *   npm run build && node --expose-gc dist/bench/sandbox-hubspot.bench.js [--records N] [--phase serve|memory|search|both]
 *     [--companies N] [--contacts N] [--licenses N] [--json]
 *
 * serve:  N companies (default 100,000) paged over `GET /crm/v3/objects/companies?limit=100` with rate
 *         limits off (plain fetch: the SDK may only be imported by integrations/hubspot and specs);
 *         reports records/s.
 * memory: heap growth for loading 100k companies + 1M contacts + 300k license records (≈10, 9 and 6
 *         properties each) plus contact->company and license->company associations; bytes per record.
 *         Needs --expose-gc for a clean figure.
 * search: --contacts N (default 1,000,000) contacts, then `POST /crm/v3/objects/contacts/search` for
 *         "modified since" (newest 1 %, sorted by lastmodifieddate, 200 per page) and a full-scan filter;
 *         reports milliseconds per request.
 */
import { startHubspotSandbox } from '../src/sandbox/hubspot';
import { HubspotStore } from '../src/sandbox/hubspot/hubspot-store';
import { systemClock } from '../src/sandbox/hubspot/clock.util';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const INDUSTRIES = ['COMPUTER_SOFTWARE', 'RETAIL', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE', 'TELECOMMUNICATIONS', 'MEDIA_PRODUCTION'];
const COUNTRIES = ['United States', 'Germany', 'France', 'United Kingdom', 'Japan', 'Brazil', 'India'];
const TITLES = ['VP Sales', 'CTO', 'Head of Marketing', 'Procurement Manager', 'Software Engineer', 'CFO', 'IT Director'];
const ROLES = ['CHAMPION', 'DECISION_MAKER', 'END_USER', 'INFLUENCER', 'BUDGET_HOLDER', 'OTHER'];
const STAGES = ['lead', 'marketingqualifiedlead', 'opportunity', 'customer'];

function company(i: number): Record<string, string> {
  return {
    name: `Company ${i}`,
    domain: `company-${i}.example`,
    industry: INDUSTRIES[i % INDUSTRIES.length],
    numberofemployees: String(10 + ((i * 37) % 5000)),
    annualrevenue: String(100_000 + ((i * 7919) % 90_000_000)),
    country: COUNTRIES[i % COUNTRIES.length],
    city: `City ${i % 500}`,
    lifecyclestage: STAGES[i % STAGES.length],
    hs_is_target_account: i % 7 === 0 ? 'true' : 'false',
    hs_ideal_customer_profile: `tier_${(i % 3) + 1}`,
  };
}

function contact(i: number): Record<string, string> {
  return {
    email: `person${i}@company-${i % 100_000}.example`,
    firstname: `First${i}`,
    lastname: `Last${i}`,
    jobtitle: TITLES[i % TITLES.length],
    hs_buying_role: ROLES[i % ROLES.length],
    lifecyclestage: STAGES[i % STAGES.length],
    country: COUNTRIES[i % COUNTRIES.length],
    company: `Company ${i % 100_000}`,
    hs_email_optout: i % 11 === 0 ? 'true' : 'false',
  };
}

function license(i: number): Record<string, string> {
  return {
    license_key: `LIC-${String(i).padStart(8, '0')}`,
    product: ['Core', 'Analytics', 'Platform'][i % 3],
    seats: String(5 + (i % 200)),
    status: ['active', 'expired', 'trial'][i % 3],
    start_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`,
    end_date: `2026-${String((i % 12) + 1).padStart(2, '0')}-01`,
  };
}

function insertInChunks(store: HubspotStore, type: string, count: number, make: (i: number) => Record<string, string>): string[] {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10_000) {
    const chunk = Array.from({ length: Math.min(10_000, count - start) }, (_, k) => ({ properties: make(start + k) }));
    ids.push(...store.insertMany(type, chunk, { autoDefine: true }));
  }
  return ids;
}

const heapMb = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

async function serve(records: number): Promise<Record<string, number>> {
  const sandbox = await startHubspotSandbox({ rateLimits: { enabled: false } });
  insertInChunks(sandbox.store, 'companies', records, company);
  const props = 'name,domain,industry,numberofemployees,country,hs_lastmodifieddate';
  const t0 = performance.now();
  let after: string | undefined;
  let seen = 0;
  do {
    const url = `${sandbox.url}/crm/v3/objects/companies?limit=100&properties=${props}${after ? `&after=${after}` : ''}`;
    const page = (await (await fetch(url, { headers: { authorization: `Bearer ${sandbox.privateAppToken}` } })).json()) as { results: unknown[]; paging?: { next?: { after: string } } };
    seen += page.results.length;
    after = page.paging?.next?.after;
  } while (after);
  const fetchMs = performance.now() - t0;
  if (seen !== records) throw new Error(`fetch read ${seen} of ${records}`);

  await sandbox.stop();
  return {
    records,
    recordsPerSecond: Math.round(records / (fetchMs / 1000)),
    requests: Math.ceil(records / 100),
    ms: Math.round(fetchMs),
  };
}

function memory(companies: number, contacts: number, licenses: number): Record<string, number | boolean> {
  const before = heapMb();
  const t0 = performance.now();
  const store = new HubspotStore({ portalId: 1, clock: systemClock, searchLagMs: 0 });
  const lic = store.createCustomType('license', 'license', [{ name: 'license_key', unique: true }, { name: 'product' }, { name: 'seats', type: 'number' }, { name: 'status' }, { name: 'start_date', type: 'date' }, { name: 'end_date', type: 'date' }]);
  store.associations.define(lic.def, store.typeStore('companies').def, 'USER_DEFINED');
  const companyIds = insertInChunks(store, 'companies', companies, company);
  const afterCompanies = heapMb();
  const contactIds = insertInChunks(store, 'contacts', contacts, contact);
  const afterContacts = heapMb();
  const licenseIds = insertInChunks(store, 'license', licenses, license);
  const afterLicenses = heapMb();
  store.associateMany('contacts', 'companies', contactIds.map((id, i) => [id, companyIds[i % companyIds.length]] as [string, string]));
  store.associateMany('license', 'companies', licenseIds.map((id, i) => [id, companyIds[i % companyIds.length]] as [string, string]));
  const afterAssociations = heapMb();
  const loadMs = performance.now() - t0;
  const total = companies + contacts + licenses;
  return {
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    companies,
    contacts,
    licenses,
    loadSeconds: Math.round(loadMs / 100) / 10,
    heapMbRecords: Math.round(afterLicenses - before),
    heapMbAssociations: Math.round(afterAssociations - afterLicenses),
    heapMbTotal: Math.round(afterAssociations - before),
    bytesPerCompany: Math.round(((afterCompanies - before) * 1024 * 1024) / Math.max(1, companies)),
    bytesPerContact: Math.round(((afterContacts - afterCompanies) * 1024 * 1024) / Math.max(1, contacts)),
    bytesPerLicense: Math.round(((afterLicenses - afterContacts) * 1024 * 1024) / Math.max(1, licenses)),
    bytesPerRecordAllIn: Math.round(((afterAssociations - before) * 1024 * 1024) / total),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function search(contacts: number): Promise<Record<string, number>> {
  const sandbox = await startHubspotSandbox({ rateLimits: { enabled: false }, searchLagMs: 0 });
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  for (let start = 0; start < contacts; start += 10_000) {
    const chunk = Array.from({ length: Math.min(10_000, contacts - start) }, (_, k) => {
      const at = new Date(base + (start + k) * 1000);
      return { properties: contact(start + k), createdAt: at, updatedAt: at };
    });
    sandbox.store.insertMany('contacts', chunk);
  }
  const post = async (body: unknown): Promise<{ total: number; paging?: { next?: { after: string } } }> =>
    (await (
      await fetch(`${sandbox.url}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.privateAppToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { total: number; paging?: { next?: { after: string } } };
  const since = String(base + Math.floor(contacts * 0.99) * 1000);
  const modified = { filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GT', value: since }] }], sorts: ['lastmodifieddate'], properties: ['email'], limit: 200 };
  let t0 = performance.now();
  let after: string | undefined = '0';
  let pages = 0;
  while (after !== undefined && pages < 50) {
    const page = await post({ ...modified, after });
    after = page.paging?.next?.after;
    pages++;
  }
  const modifiedMsPerPage = (performance.now() - t0) / pages;
  t0 = performance.now();
  const scan = await post({ filterGroups: [{ filters: [{ propertyName: 'jobtitle', operator: 'EQ', value: 'CTO' }] }], properties: ['email'], limit: 200 });
  const fullScanMs = performance.now() - t0;
  await sandbox.stop();
  return { contacts, modifiedSincePages: pages, modifiedMsPerPage: Math.round(modifiedMsPerPage * 10) / 10, fullScanMatches: scan.total, fullScanFirstPageMs: Math.round(fullScanMs) };
}

async function main(): Promise<void> {
  const phase = arg('phase', 'both');
  const report: Record<string, unknown> = { node: process.version };
  if (phase === 'serve' || phase === 'both') report.serve = await serve(Number(arg('records', '100000')));
  if (phase === 'search') report.search = await search(Number(arg('contacts', '1000000')));
  if (phase === 'memory' || phase === 'both') report.memory = memory(Number(arg('companies', '100000')), Number(arg('contacts', '1000000')), Number(arg('licenses', '300000')));
  console.log(process.argv.includes('--json') ? JSON.stringify(report) : report);
}

void main();
