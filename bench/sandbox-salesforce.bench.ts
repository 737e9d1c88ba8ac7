/**
 * Salesforce sandbox benchmark.
 *
 *   npm run build && node --expose-gc dist/bench/sandbox-salesforce.bench.js [N] [--phase serve|memory|both] [--json]
 *
 * serve:  N contacts (default 200,000) read through a Bulk API 2.0 queryAll job over plain HTTP (fetch,
 *         gzip, following Sforce-Locator with maxRecords=50,000), counting every row; reports records/s
 *         including job creation, polling and decompression. (Only integrations/salesforce may import
 *         jsforce, so the client-library figure lives in the conformance notes, not here.)
 * memory: heap growth for loading 100k accounts + 1M contacts + 300k asset/contract/case records
 *         (100k each) with realistic field counts; bytes per record. Needs --expose-gc for a clean figure.
 */
import { startSalesforceSandbox } from '../src/sandbox/salesforce/salesforce-sandbox';
import { SObjectStore } from '../src/sandbox/salesforce/store/sobject-store';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const positional = process.argv.slice(2).find((a) => /^\d+$/.test(a));
const N = Number(positional ?? arg('records', '200000'));
const PHASE = arg('phase', 'both');
const JSON_OUT = process.argv.includes('--json');
const TITLES = ['VP Sales', 'CTO', 'Head of Marketing', 'Procurement Manager', 'Software Engineer', 'CFO', 'IT Director'];
const INDUSTRIES = ['Banking', 'Retail', 'Technology', 'Healthcare', 'Manufacturing'];

const gc = (): void => (global as unknown as { gc?: () => void }).gc?.();

function loadAccounts(store: SObjectStore, n: number): string[] {
  return store.insertMany('Account', flat(Array.from({ length: n }, (_, i) => ({
    Name: `Account ${i}`, Industry: INDUSTRIES[i % INDUSTRIES.length], Website: `https://acct-${i}.example`,
    NumberOfEmployees: 10 + (i % 5000), AnnualRevenue: 100000 + i * 13, BillingCountry: 'United States', BillingCity: `City ${i % 300}`,
  }))), { asOf: new Date('2025-01-01T00:00:00Z') });
}

/**
 * Records go through a JSON round trip, as data read from a file or an API would: template-literal
 * strings are V8 cons-strings (several objects each) and would overstate the store's memory.
 */
const flat = <T>(records: T[]): T[] => JSON.parse(JSON.stringify(records)) as T[];

function loadContacts(store: SObjectStore, n: number, accounts: string[]): void {
  const chunk = 100000;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    store.insertMany('Contact', flat(Array.from({ length: size }, (_, k) => {
      const i = start + k;
      return {
        FirstName: `First${i % 1000}`, LastName: `Last${i}`, Email: `contact${i}@acct-${i % accounts.length}.example`,
        Title: TITLES[i % TITLES.length], AccountId: accounts[i % accounts.length], Phone: `+1 555 ${String(i).padStart(7, '0')}`,
        LeadSource: 'Web', Department: i % 3 ? 'Sales' : 'IT',
      };
    })), { asOf: new Date('2025-01-01T00:00:00Z') });
  }
}

async function serve(): Promise<Record<string, number>> {
  const sandbox = await startSalesforceSandbox({ bulkJobDurationMs: 50, limits: { dailyApiRequests: 1e9 } });
  try {
    const accounts = loadAccounts(sandbox.store, Math.max(1, Math.ceil(N / 10)));
    loadContacts(sandbox.store, N, accounts);
    const soql = 'SELECT Id, FirstName, LastName, Email, Title, AccountId, SystemModstamp, IsDeleted FROM Contact';
    const headers = { Authorization: `Bearer ${sandbox.clientCredentials.accessToken}`, 'Content-Type': 'application/json' };
    const base = `${sandbox.baseUrl}/services/data/v60.0/jobs/query`;

    let t0 = Date.now();
    const job = (await (await fetch(base, { method: 'POST', headers, body: JSON.stringify({ operation: 'queryAll', query: soql }) })).json()) as { id: string };
    for (;;) {
      const info = (await (await fetch(`${base}/${job.id}`, { headers })).json()) as { state: string };
      if (info.state === 'JobComplete') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    let locator = '';
    let httpRows = 0;
    do {
      const res = await fetch(`${base}/${job.id}/results?maxRecords=50000${locator ? `&locator=${locator}` : ''}`, { headers: { ...headers, 'Accept-Encoding': 'gzip' } });
      const text = await res.text();
      httpRows += text.split('\n').length - 2; // minus header and trailing newline
      locator = res.headers.get('sforce-locator') ?? 'null';
    } while (locator !== 'null');
    const httpSeconds = (Date.now() - t0) / 1000;

    return {
      records: N,
      httpRows, httpSeconds, httpRecordsPerSecond: Math.round(httpRows / httpSeconds),
    };
  } finally {
    await sandbox.stop();
  }
}

function memory(): Record<string, number> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const store = new SObjectStore();
  const accounts = loadAccounts(store, 100000);
  gc();
  const afterAccounts = process.memoryUsage().heapUsed;
  loadContacts(store, 1000000, accounts);
  gc();
  const afterContacts = process.memoryUsage().heapUsed;
  const other = (type: string, make: (i: number) => Record<string, unknown>): void => {
    store.insertMany(type, flat(Array.from({ length: 100000 }, (_, i) => make(i))), { asOf: new Date('2025-01-01T00:00:00Z') });
  };
  other('Asset', (i) => ({ Name: `Licence ${i}`, AccountId: accounts[i % accounts.length], Status: 'Installed', Quantity: 1 + (i % 50), PurchaseDate: '2024-05-01', UsageEndDate: '2026-05-01' }));
  other('Contract', (i) => ({ AccountId: accounts[i % accounts.length], Status: 'Activated', StartDate: '2024-01-01', ContractTerm: 12 + (i % 24) }));
  other('Case', (i) => ({ AccountId: accounts[i % accounts.length], Subject: `Case ${i}`, Status: i % 4 ? 'Closed' : 'New', Origin: 'Web' }));
  gc();
  const afterAll = process.memoryUsage().heapUsed;
  const mb = (b: number): number => Math.round((b / 1024 / 1024) * 10) / 10;
  return {
    accountsMB: mb(afterAccounts - before),
    contactsMB: mb(afterContacts - afterAccounts),
    assetContractCaseMB: mb(afterAll - afterContacts),
    totalMB: mb(afterAll - before),
    bytesPerContact: Math.round((afterContacts - afterAccounts) / 1000000),
    bytesPerAccount: Math.round((afterAccounts - before) / 100000),
    rssMB: mb(process.memoryUsage().rss),
  };
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {};
  if (PHASE === 'serve' || PHASE === 'both') out.serve = await serve();
  if (PHASE === 'memory' || PHASE === 'both') out.memory = memory();
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(out)}\n`);
  else for (const [phase, figures] of Object.entries(out)) process.stdout.write(`${phase}: ${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
