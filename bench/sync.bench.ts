/**
 * Initial sync of A accounts / C contacts / L license records from EACH sandbox (overlap 1: every company
 * in both CRMs) into PostgreSQL and into PGlite, in one run. The sandboxes run in a child process
 * (`abm sandbox --json`) so their memory is not in our peak RSS. Reports per provider and database:
 * wall time, records/s, the ratio to a raw COPY of the same rows, API calls against the minimum from
 * crm-apis-and-sync.md §5 (Bulk 2.0: 3 per object + result pages; HubSpot: list pages of 100, plus a
 * v4 batch read per 1,000 records where association labels are read), the
 * HubSpot wall time against its rate-limit floor and the 429 share, and peak RSS.
 *
 * PGlite runs in its own process too (bench/sync-pglite.child.ts): the sync process's peak RSS, the
 * PGlite server's and the sandboxes' are reported separately, per phase.
 *
 *   node dist/bench/sync.bench.js [accounts=2000] [contacts=20000] [licenses=6000] [postgresServerUrl] [both|postgres|pglite] [both|salesforce|hubspot]
 *   (the issue's full size: 100000 1000000 300000 — HubSpot alone needs ≥ 12 minutes at 190/10 s; the two
 *   databases can run as two processes at once, each with its own sandboxes and so its own rate limits)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { GraphDeletionRepository } from '../src/account-graph/sync/graph-deletion.repository';
import { IdentityUpsertRepository } from '../src/account-graph/sync/identity-upsert.repository';
import { RelatedUpsertRepository } from '../src/account-graph/sync/related-upsert.repository';
import { openDataSource } from '../src/platform/database/data-source.factory';
import { QueueService } from '../src/platform/queue/queue.service';
import { ConnectionService } from '../src/sync/connections/connection.service';
import { CrmAdapterFactory } from '../src/sync/connections/crm-adapter.factory';
import { PageCommitter } from '../src/sync/engine/page-committer.service';
import { SyncEngine } from '../src/sync/engine/sync-engine.service';
import type { SyncRunSummary } from '../src/sync/engine/sync-run.types';
import { SyncStateRepository } from '../src/sync/engine/sync-state.repository';
import { RateLimiterService } from '../src/sync/limits/rate-limiter.service';
import { resolveMappings } from '../src/sync/mapping/default-mappings';
import { createScratchDatabase } from './support/scratch-database.util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom, to: copyTo } = require('pg-copy-streams') as { from: (sql: string) => NodeJS.WritableStream; to: (sql: string) => NodeJS.ReadableStream };

const [A, C, L] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 20_000), Number(process.argv[4] ?? 6000)];
const PG = process.argv[5] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WHICH = (process.argv[6] ?? 'both') as 'both' | 'postgres' | 'pglite';
const CRMS = (process.argv[7] ?? 'both') as 'both' | 'salesforce' | 'hubspot';
const HS_BURST = 190; // professional private app, per 10 s
const BULK_PAGE = 50_000;

/** Resident set of another process (Linux /proc), 0 when it is gone. */
function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak RSS per phase of this process (the sync), the PGlite server and the sandboxes. */
const peaks = { sync: 0, heap: 0, pglite: 0, sandbox: 0 };
const children: { sandbox?: number; pglite?: number } = {};
const sampler = setInterval(() => {
  const mem = process.memoryUsage();
  peaks.sync = Math.max(peaks.sync, mem.rss);
  peaks.heap = Math.max(peaks.heap, mem.heapUsed);
  peaks.pglite = Math.max(peaks.pglite, rssOf(children.pglite));
  peaks.sandbox = Math.max(peaks.sandbox, rssOf(children.sandbox));
}, 50);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
/** Prints and resets the phase's peaks. */
function phasePeaks(label: string): typeof peaks {
  const out = { ...peaks };
  process.stdout.write(`${label} peak RSS: sync ${mb(out.sync)} (heap used ${mb(out.heap)}) · PGlite server ${children.pglite ? mb(out.pglite) : '—'} · sandboxes ${mb(out.sandbox)} · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const mem = process.memoryUsage();
  Object.assign(peaks, { sync: mem.rss, heap: mem.heapUsed, pglite: rssOf(children.pglite), sandbox: rssOf(children.sandbox) });
  return out;
}
let syncPeakRss = 0;
let pglitePeakRss = 0;

interface SandboxInfo {
  salesforce: { instanceUrl: string; loginUrl: string; clientId: string; clientSecret: string; refreshToken: string; apiVersion: string };
  hubspot: { baseUrl: string; privateAppToken: string };
}

function startSandboxChild(): Promise<{ child: ChildProcess; info: SandboxInfo }> {
  const cli = path.join(__dirname, '..', '..', 'bin', 'abm.js');
  const child = spawn(process.execPath, ['--max-old-space-size=8192', cli, 'sandbox', '--accounts', String(A), '--contacts', String(C), '--licenses', String(L), '--overlap', '1', '--tier', 'pro', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.trim().startsWith('{'));
      if (line) resolve({ child, info: JSON.parse(line) as SandboxInfo });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}

function engineFor(ds: DataSource): { connections: ConnectionService; engine: SyncEngine } {
  const config = { encryptionKey: randomBytes(32) } as never;
  const connections = new ConnectionService(ds, config);
  const state = new SyncStateRepository(ds);
  const identity = new IdentityUpsertRepository();
  const related = new RelatedUpsertRepository();
  const deletion = new GraphDeletionRepository(identity, related);
  const committer = new PageCommitter(ds, state, identity, related, deletion, new QueueService(ds));
  return { connections, engine: new SyncEngine(ds, connections, new CrmAdapterFactory(connections), new RateLimiterService(ds), state, committer, deletion) };
}

const COPY_TABLES = ['accounts', 'account_sources', 'contacts', 'contact_sources', 'opportunities', 'license_records'];

/**
 * Raw COPY of the rows the sync wrote (same tables, same columns) into empty look-alike tables: each
 * table is read out with COPY TO (untimed) and loaded with a timed COPY FROM.
 */
async function copyBaseline(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let ms = 0;
  for (const t of COPY_TABLES) {
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const out = client.query(copyTo(`COPY ${t} TO STDOUT`) as never) as unknown as NodeJS.ReadableStream;
      out.on('data', (c: Buffer) => chunks.push(c));
      out.on('end', () => resolve());
      out.on('error', reject);
    });
    await client.query(`DROP TABLE IF EXISTS bench_copy_${t}`);
    await client.query(`CREATE TABLE bench_copy_${t} (LIKE ${t} INCLUDING ALL)`);
    const started = Date.now();
    await new Promise<void>((resolve, reject) => {
      const inn = client.query(copyFrom(`COPY bench_copy_${t} FROM STDIN`) as never) as unknown as NodeJS.WritableStream;
      inn.on('error', reject);
      inn.on('finish', () => resolve());
      for (const c of chunks) inn.write(c);
      inn.end();
    });
    ms += Date.now() - started;
    await client.query(`DROP TABLE bench_copy_${t}`);
  }
  await client.end();
  return ms;
}

/** The PGlite server child: its URL, a COPY baseline run inside it, and stop. */
async function startPgliteChild(): Promise<{ url: string; copyBaseline: () => Promise<number>; stop: () => Promise<void> }> {
  const child = fork(path.join(__dirname, 'sync-pglite.child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.pglite = child.pid;
  const next = () => new Promise<{ url?: string; copied?: number; error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url?: string; copied?: number; error?: string }));
    child.once('exit', (code) => reject(new Error(`PGlite server exited ${code}`)));
  });
  const first = await next();
  if (!first.url) throw new Error(first.error ?? 'PGlite server did not start');
  process.on('exit', () => child.kill('SIGKILL'));
  return {
    url: first.url,
    async copyBaseline() {
      let ms = 0;
      for (const table of COPY_TABLES) {
        const reply = next();
        child.send({ copy: { table } });
        const r = await reply;
        if (r.error) throw new Error(r.error);
        ms += r.copied ?? 0;
      }
      return ms;
    },
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      await gone;
      children.pglite = undefined;
    },
  };
}

function minimumCalls(provider: string, runs: SyncRunSummary[], records: Record<string, number>): number {
  if (provider === 'salesforce') return runs.reduce((a, r) => a + 3 + Math.max(1, Math.ceil((records[r.objectType] ?? 0) / BULK_PAGE)), 0);
  // List pages of 100, plus one v4 batch read per 1,000 records for each association whose labels are read.
  const labelled = Object.fromEntries(resolveMappings('hubspot', {}).map((m) => [m.crmObject, m.labelledAssociations?.length ?? 0]));
  return runs.reduce((a, r) => a + Math.max(1, Math.ceil((records[r.objectType] ?? 0) / 100)) + (labelled[r.objectType] ?? 0) * Math.ceil((records[r.objectType] ?? 0) / 1000), 0);
}

async function benchDatabase(kind: 'postgres' | 'pglite', info: SandboxInfo): Promise<void> {
  let url: string;
  let stop: () => Promise<void>;
  let copy: () => Promise<number>;
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase(PG);
    url = scratch.url;
    copy = () => copyBaseline(scratch.url);
    stop = scratch.drop;
  } else {
    const db = await startPgliteChild();
    url = db.url;
    copy = db.copyBaseline;
    stop = db.stop;
  }
  const ds = await openDataSource({ url, embedded: kind === 'pglite', poolSize: 4 });
  const { connections, engine } = engineFor(ds);
  const sf = info.salesforce;
  const sfc = await connections.upsert({ name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.instanceUrl, loginUrl: sf.loginUrl, secrets: { clientId: sf.clientId, clientSecret: sf.clientSecret, refreshToken: sf.refreshToken }, settings: { bulkMaxRecords: BULK_PAGE, accountKey: `bench-sf-${kind}` } });
  const hsc = await connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: info.hubspot.baseUrl, secrets: { accessToken: info.hubspot.privateAppToken }, settings: { hubspotTier: 'professional', accountKey: `bench-hs-${kind}` } });
  phasePeaks(`${kind.padEnd(8)} setup     `);
  let totalRecords = 0;
  let totalMs = 0;
  const targets = ([['salesforce', sfc.id], ['hubspot', hsc.id]] as const).filter(([provider]) => CRMS === 'both' || CRMS === provider);
  for (const [provider, id] of targets) {
    const started = Date.now();
    const runs = await engine.runConnection(id, 'full');
    const ms = Date.now() - started;
    const read = runs.reduce((a, r) => a + r.read, 0);
    const calls = runs.reduce((a, r) => a + Object.values(r.apiCalls).reduce((x, y) => x + y, 0), 0);
    const dataCalls = runs.reduce((a, r) => a + Object.entries(r.apiCalls).filter(([k]) => !/describe|properties|oauth/.test(k)).reduce((x, [, y]) => x + y, 0), 0);
    const throttled = runs.reduce((a, r) => a + (r.throttled ?? 0), 0);
    const perObject = Object.fromEntries(runs.map((r) => [r.objectType, r.read]));
    const min = minimumCalls(provider, runs, perObject);
    totalRecords += read;
    totalMs += ms;
    const floor = provider === 'hubspot' ? ` · rate-limit floor ${(dataCalls / (HS_BURST / 10)).toFixed(1)} s at 190/10 s (${(ms / 1000 / (dataCalls / (HS_BURST / 10))).toFixed(2)}×), ${(dataCalls / (HS_BURST * 0.9 / 10)).toFixed(1)} s at our 90 % share (${(ms / 1000 / (dataCalls / (HS_BURST * 0.9 / 10))).toFixed(2)}×) · 429s ${throttled} (${((throttled / Math.max(calls, 1)) * 100).toFixed(2)} %)` : '';
    const failed = runs.filter((r) => r.status !== 'succeeded').map((r) => `${r.objectType}:${r.status}:${r.error}`);
    process.stdout.write(`${kind.padEnd(8)} ${provider.padEnd(10)} ${read} records in ${(ms / 1000).toFixed(1)} s = ${Math.round(read / (ms / 1000))} records/s · API calls ${calls} (data ${dataCalls}; minimum ${min}; ${(dataCalls / min).toFixed(2)}×)${floor}${failed.length ? ` · FAILED ${failed.join(', ')}` : ''}\n`);
    for (const r of runs) if (r.timing) process.stdout.write(`${kind.padEnd(8)}   ${r.objectType.padEnd(24)} ${String(r.read).padStart(8)} records · ${r.timing.commits} commits ${(r.timing.commitMs / 1000).toFixed(1)} s · waiting for the CRM ${(r.timing.readWaitMs / 1000).toFixed(1)} s\n`);
    const p = phasePeaks(`${kind.padEnd(8)} ${provider.padEnd(10)}`);
    syncPeakRss = Math.max(syncPeakRss, p.sync);
    pglitePeakRss = Math.max(pglitePeakRss, p.pglite);
  }
  await ds.destroy(); // PGlite serves one session well: the COPY gets the database to itself
  const copyMs = await copy();
  process.stdout.write(`${kind.padEnd(8)} total      ${totalRecords} records in ${(totalMs / 1000).toFixed(1)} s = ${Math.round(totalRecords / (totalMs / 1000))} records/s · raw COPY of the same rows ${(copyMs / 1000).toFixed(2)} s (sync/COPY ${(totalMs / Math.max(copyMs, 1)).toFixed(0)}×, mostly API time)\n`);
  phasePeaks(`${kind.padEnd(8)} COPY      `);
  await stop();
}

async function main(): Promise<void> {
  process.stdout.write(`sync bench: ${A} accounts / ${C} contacts / ${L} licenses per sandbox (overlap 1) · ${WHICH} · ${CRMS} · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const { child, info } = await startSandboxChild();
  children.sandbox = child.pid;
  // Never leave the sandbox process behind, whatever ends this one.
  process.on('exit', () => child.kill('SIGTERM'));
  phasePeaks('sandboxes loaded   ');
  try {
    if (WHICH !== 'pglite') await benchDatabase('postgres', info);
    if (WHICH !== 'postgres') await benchDatabase('pglite', info);
  } finally {
    child.kill('SIGTERM');
    clearInterval(sampler);
  }
  process.stdout.write(`peak RSS while syncing: sync process ${mb(syncPeakRss)} (sandboxes and PGlite server excluded: separate processes) · PGlite server ${pglitePeakRss ? mb(pglitePeakRss) : '—'} · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
