/**
 * Bulk upsert of N contact records (default 1,000,000) through the sync's own write path as
 * PageCommitter runs it for contacts (IdentityUpsertRepository.upsertContacts: e-mail matching, person
 * rows, source rows, merged view; then ConsentEventRepository.record for the 2% opted out), in pages of
 * 2,000 like a Salesforce REST page, on embedded PGlite and on PostgreSQL, compared with a raw COPY of
 * the same source rows in the same run. Reports rows/s, the upsert/COPY ratio and peak RSS.
 *
 *   node dist/bench/bulk-upsert.bench.js [rows] [postgresServerUrl] [both|postgresql|pglite]
 *
 * Every 10% of the rows it prints that slice's rows/s to stderr: a flat line means the write path is
 * linear in the table size, a falling one means some step grows with the rows already stored.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import type { GraphBatchContext } from '../src/account-graph/sync/graph-sync.types';
import { ConsentEventRepository, type ConsentBefore } from '../src/account-graph/sync/consent-event.repository';
import { IdentityUpsertRepository } from '../src/account-graph/sync/identity-upsert.repository';
import { resolveMappings } from '../src/sync/mapping/default-mappings';
import type { ObjectMapping } from '../src/sync/mapping/object-mapping.types';
import type { NormalizedRow } from '../src/sync/mapping/record-normalizer.util';
import { openDataSource } from '../src/platform/database/data-source.factory';
import { EmbeddedDatabase, startPglite } from '../src/platform/database/pglite-server';
import { createScratchDatabase } from './support/scratch-database.util';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { from: copyFrom } = require('pg-copy-streams') as { from: (sql: string) => NodeJS.WritableStream };

const N = Number(process.argv[2] ?? 1_000_000);
const PG = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ONLY = process.argv[4] ?? 'both';
const BATCH = 2_000;
const CONNECTION = randomUUID();

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const CTX: GraphBatchContext = { connectionId: CONNECTION, provider: 'salesforce', objectType: 'Contact', accountObject: 'Account', contactObject: 'Contact', opportunityObject: 'Opportunity' };
const repository = new IdentityUpsertRepository();
const consent = new ConsentEventRepository();
const MAPPING = resolveMappings('salesforce', {}).find((x) => x.kind === 'contact') as ObjectMapping;

function normalized(i: number): NormalizedRow {
  const r = row(i, '');
  const f = r[8] as Record<string, string> & { HasOptedOutOfEmail: boolean };
  return {
    crmId: r[3] as string, modifiedAt: (r[4] as Date).toISOString(), modifiedBy: null, deleted: false, mergedIntoId: null, mergedIds: [],
    values: { emailNormalized: f.Email, firstName: f.FirstName, lastName: f.LastName, title: f.Title, accountRef: r[6], emailOptOut: f.HasOptedOutOfEmail, doNotCall: false }, custom: {},
  };
}

function row(i: number, contactId: string): unknown[] {
  const id = `003${String(i).padStart(15, '0')}`;
  return [CONNECTION, 'salesforce', 'Contact', id, new Date(1_700_000_000_000 + i * 1000), contactId, `001${String(i % 100_000).padStart(15, '0')}`, 'email',
    { Email: `person${i}@example${i % 100_000}.com`, Title: i % 3 ? 'Director of IT' : '구매팀 과장', FirstName: 'Ana', LastName: `Lee${i}`, HasOptedOutOfEmail: i % 50 === 0 }];
}

async function seedContacts(ds: DataSource): Promise<string> {
  // The COPY baseline's rows point at one placeholder person, so its foreign key stays honest.
  const [c] = await ds.query(`INSERT INTO contacts (first_name) VALUES ('bench') RETURNING id`);
  return c.id as string;
}

async function timeUpsert(ds: DataSource, label: string): Promise<number> {
  const t = process.hrtime.bigint();
  const slice = Math.max(BATCH, Math.ceil(N / 10 / BATCH) * BATCH);
  let sliceStart = t;
  for (let start = 0; start < N; start += BATCH) {
    const rows: NormalizedRow[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) rows.push(normalized(i));
    await ds.transaction(async (m) => {
      const before = new Map<string, ConsentBefore>();
      await repository.upsertContacts(m, CTX, rows, before);
      await consent.record(m, CTX, MAPPING, before, rows);
    });
    const done = Math.min(N, start + BATCH);
    if (done % slice === 0 || done === N) {
      const now = process.hrtime.bigint();
      const sliceRows = done % slice === 0 ? slice : done % slice;
      process.stderr.write(`  ${label} ${done} rows: ${Math.round(sliceRows / (Number(now - sliceStart) / 1e9))} rows/s in this slice\n`);
      sliceStart = now;
    }
  }
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function tsvRow(i: number, contactId: string): string {
  const esc = (v: unknown) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
  const r = row(i, contactId);
  return [r[0], r[1], r[2], r[3], (r[4] as Date).toISOString(), r[5], r[6], r[7], JSON.stringify(r[8])].map(esc).join('\t') + '\n';
}

const COPY_COLUMNS = 'connection_id, provider, object_type, crm_id, crm_modified_at, contact_id, crm_account_id, match_reason, fields';

/** PGlite: its native COPY from a blob, in 20k-row slices (pglite-socket does not speak COPY FROM STDIN). */
async function timeCopyPglite(native: NonNullable<EmbeddedDatabase['native']>, contactId: string): Promise<number> {
  await native.query('CREATE TABLE copy_target (LIKE contact_sources INCLUDING DEFAULTS)');
  const t = process.hrtime.bigint();
  for (let start = 0; start < N; start += 20_000) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(N, start + 20_000); i++) parts.push(tsvRow(i, contactId));
    await native.query(`COPY copy_target (${COPY_COLUMNS}) FROM '/dev/blob'`, [], { blob: new Blob(parts) });
  }
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function timeCopy(url: string, contactId: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TEMP TABLE copy_target (LIKE contact_sources INCLUDING DEFAULTS)');
  const t = process.hrtime.bigint();
  let i = 0;
  const source = new Readable({
    read() {
      let chunk = '';
      for (let k = 0; k < 2000 && i < N; k++, i++) {
        chunk += tsvRow(i, contactId);
      }
      this.push(chunk || null);
    },
  });
  await pipeline(source, client.query(copyFrom(`COPY copy_target (${COPY_COLUMNS}) FROM STDIN`) as never) as never);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  await client.end();
  return seconds;
}

async function measure(kind: string, url: string, ds: DataSource, native?: EmbeddedDatabase['native']): Promise<Record<string, number | string>> {
  process.stderr.write(`bulk-upsert: ${kind}, ${N} rows\n`);
  const contactId = await seedContacts(ds);
  peakRss = process.memoryUsage().rss;
  const insert = await timeUpsert(ds, 'upsert');
  const insertRss = peakRss;
  const reupsert = await timeUpsert(ds, 're-upsert'); // same rows again: the idempotent re-read path
  const copy = native ? await timeCopyPglite(native, contactId) : await timeCopy(url, contactId);
  return {
    database: kind, rows: N,
    upsertSeconds: +insert.toFixed(2), upsertRowsPerSec: Math.round(N / insert),
    reupsertUnchangedSeconds: +reupsert.toFixed(2), reupsertRowsPerSec: Math.round(N / reupsert),
    copySeconds: +copy.toFixed(2), copyRowsPerSec: Math.round(N / copy),
    upsertVsCopy: +(insert / copy).toFixed(2),
    peakRssMB: Math.round(Math.max(insertRss, peakRss) / 1e6),
  };
}

async function main(): Promise<void> {
  const results: Array<Record<string, number | string>> = [];
  if (ONLY !== 'pglite') await measurePostgres(results);
  if (ONLY !== 'postgresql') {
    const lite = await startPglite('memory://');
    const ds = await openDataSource({ url: lite.url, embedded: true });
    results.push(await measure('pglite', lite.url, ds, lite.native));
    await ds.destroy();
    await lite.stop();
  }
  clearInterval(sampler);
  console.table(results);
  process.stdout.write(`${JSON.stringify({ bench: 'bulk-upsert', results })}\n`);
}

async function measurePostgres(results: Array<Record<string, number | string>>): Promise<void> {
  const scratch = await createScratchDatabase(PG);
  try {
    const ds = await openDataSource({ url: scratch.url, embedded: false, poolSize: 2 });
    results.push(await measure('postgresql', scratch.url, ds));
    await ds.destroy();
  } finally {
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
