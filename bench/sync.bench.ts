/**
 * Initial sync of A accounts / C contacts / L license records from EACH sandbox (overlap 1: every company
 * in both CRMs) into PostgreSQL and into PGlite, in one run. The sandboxes run in a child process
 * (`abm sandbox --json`) so their memory is not in our peak RSS. Reports per provider and database:
 * wall time, records/s, the ratio to a raw COPY of the same rows, API calls against the minimum from
 * crm-apis-and-sync.md §5 (Bulk 2.0: 3 per object + result pages; HubSpot: list pages of 100), the
 * HubSpot wall time against its rate-limit floor and the 429 share, and peak RSS.
 *
 *   node dist/bench/sync.bench.js [accounts=2000] [contacts=20000] [licenses=6000] [postgresServerUrl]
 *   (the issue's full size: 100000 1000000 300000 — HubSpot alone needs ≥ 12 minutes at 190/10 s)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { GraphDeletionRepository } from '../src/account-graph/sync/graph-deletion.repository';
import { IdentityUpsertRepository } from '../src/account-graph/sync/identity-upsert.repository';
import { RelatedUpsertRepository } from '../src/account-graph/sync/related-upsert.repository';
import { openDataSource } from '../src/platform/database/data-source.factory';
import { startPglite } from '../src/platform/database/pglite-server';
import { QueueService } from '../src/platform/queue/queue.service';
import { ConnectionService } from '../src/sync/connections/connection.service';
import { CrmAdapterFactory } from '../src/sync/connections/crm-adapter.factory';
import { PageCommitter } from '../src/sync/engine/page-committer.service';
import { SyncEngine } from '../src/sync/engine/sync-engine.service';
import type { SyncRunSummary } from '../src/sync/engine/sync-run.types';
import { SyncStateRepository } from '../src/sync/engine/sync-state.repository';
import { RateLimiterService } from '../src/sync/limits/rate-limiter.service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom, to: copyTo } = require('pg-copy-streams') as { from: (sql: string) => NodeJS.WritableStream; to: (sql: string) => NodeJS.ReadableStream };

const [A, C, L] = [Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 20_000), Number(process.argv[4] ?? 6000)];
const PG = process.argv[5] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HS_BURST = 190; // professional private app, per 10 s
const BULK_PAGE = 50_000;

let peakRss = 0;
/** Peak RSS while syncing (the COPY baseline buffers rows and is excluded). */
let syncPeakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

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

/**
 * Raw COPY of the rows the sync wrote (same tables, same columns) into empty look-alike tables: the rows
 * are read out of PostgreSQL with COPY TO (untimed) and loaded with a timed COPY FROM — into PostgreSQL and,
 * with the same bytes, into PGlite.
 */
/** The PostgreSQL run's rows, reused for PGlite (whose socket server cannot stream COPY TO). */
const copyCache = new Map<string, Buffer[]>();

type NativePglite = { query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown> };

/** PGlite's socket server cannot stream COPY: the same bytes go in through PGlite's own `/dev/blob` COPY. */
async function copyBaselinePglite(native: NativePglite): Promise<number> {
  let ms = 0;
  for (const [t, chunks] of copyCache) {
    await native.query(`DROP TABLE IF EXISTS bench_copy_${t}`);
    await native.query(`CREATE TABLE bench_copy_${t} (LIKE ${t} INCLUDING ALL)`);
    const blob = new Blob(chunks);
    const started = Date.now();
    await native.query(`COPY bench_copy_${t} FROM '/dev/blob'`, [], { blob });
    ms += Date.now() - started;
    await native.query(`DROP TABLE bench_copy_${t}`);
  }
  return ms;
}

async function copyBaseline(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let ms = 0;
  for (const t of ['accounts', 'account_sources', 'contacts', 'contact_sources', 'opportunities', 'license_records']) {
    const chunks: Buffer[] = copyCache.get(t) ?? [];
    if (!copyCache.has(t)) {
      await new Promise<void>((resolve, reject) => {
        const out = client.query(copyTo(`COPY ${t} TO STDOUT`) as never) as unknown as NodeJS.ReadableStream;
        out.on('data', (c: Buffer) => chunks.push(c));
        out.on('end', () => resolve());
        out.on('error', reject);
      });
      copyCache.set(t, chunks);
    }
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

function minimumCalls(provider: string, runs: SyncRunSummary[], records: Record<string, number>): number {
  if (provider === 'salesforce') return runs.reduce((a, r) => a + 3 + Math.max(1, Math.ceil((records[r.objectType] ?? 0) / BULK_PAGE)), 0);
  return runs.reduce((a, r) => a + Math.max(1, Math.ceil((records[r.objectType] ?? 0) / 100)), 0);
}

async function benchDatabase(kind: 'postgres' | 'pglite', info: SandboxInfo): Promise<void> {
  let url: string;
  let stop: () => Promise<void>;
  let native: NativePglite | undefined;
  if (kind === 'postgres') {
    const name = `abm_bench_${process.pid}`;
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG);
    u.pathname = `/${name}`;
    url = u.toString();
    stop = async () => {
      const a = new Client({ connectionString: PG });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    const db = await startPglite('memory://');
    native = (db as unknown as { native: NativePglite }).native;
    url = db.url;
    stop = () => db.stop();
  }
  const ds = await openDataSource({ url, embedded: kind === 'pglite', poolSize: 4 });
  const { connections, engine } = engineFor(ds);
  const sf = info.salesforce;
  const sfc = await connections.upsert({ name: 'sf', provider: 'salesforce', authType: 'oauth_refresh', baseUrl: sf.instanceUrl, loginUrl: sf.loginUrl, secrets: { clientId: sf.clientId, clientSecret: sf.clientSecret, refreshToken: sf.refreshToken }, settings: { bulkMaxRecords: BULK_PAGE, accountKey: `bench-sf-${kind}` } });
  const hsc = await connections.upsert({ name: 'hs', provider: 'hubspot', authType: 'private_app', baseUrl: info.hubspot.baseUrl, secrets: { accessToken: info.hubspot.privateAppToken }, settings: { hubspotTier: 'professional', accountKey: `bench-hs-${kind}` } });
  let totalRecords = 0;
  let totalMs = 0;
  for (const [provider, id] of [['salesforce', sfc.id], ['hubspot', hsc.id]] as const) {
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
  }
  syncPeakRss = Math.max(syncPeakRss, peakRss);
  process.stdout.write(`${kind.padEnd(8)} peak RSS so far ${(peakRss / 1024 / 1024).toFixed(0)} MB\n`);
  await ds.destroy(); // PGlite serves one session well: the COPY client gets the database to itself
  const copyMs = native ? await copyBaselinePglite(native) : await copyBaseline(url);
  process.stdout.write(`${kind.padEnd(8)} total      ${totalRecords} records in ${(totalMs / 1000).toFixed(1)} s · raw COPY of the same rows ${(copyMs / 1000).toFixed(2)} s (sync/COPY ${(totalMs / Math.max(copyMs, 1)).toFixed(0)}×, mostly API time)\n`);
  await stop();
}

async function main(): Promise<void> {
  process.stdout.write(`sync bench: ${A} accounts / ${C} contacts / ${L} licenses per sandbox (overlap 1)\n`);
  const { child, info } = await startSandboxChild();
  // Never leave the sandbox process behind, whatever ends this one.
  process.on('exit', () => child.kill('SIGTERM'));
  try {
    await benchDatabase('postgres', info);
    await benchDatabase('pglite', info);
  } finally {
    child.kill('SIGTERM');
    clearInterval(sampler);
  }
  process.stdout.write(`peak RSS while syncing ${(syncPeakRss / 1024 / 1024).toFixed(0)} MB (sandboxes excluded: separate process; PGlite included)\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
