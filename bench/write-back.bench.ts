/**
 * Write-back cost and speed against both sandboxes, in one run:
 *   npm run build && node dist/bench/write-back.bench.js [--accounts 100000] [--crm both|salesforce|hubspot] [--postgres URL]
 * For each CRM: N records in the sandbox and N scored accounts in the database, then three write-backs —
 * all changed, nothing changed, 2 % changed — each reporting CRM calls used vs the minimum the batch APIs
 * allow, and wall time vs the floor the CRM's documented rate limits impose for those minimum calls
 * (../shared/reference/crm-apis-and-sync.md §1 and §5.2–5.3):
 *   - HubSpot Professional private app: 190 calls / 10 s → floor = minimum calls / 19 per s. Our shared
 *     bucket takes 90 % of it (bucketPolicies), so the service's own floor is minimum / 17.1 per s.
 *   - Salesforce: no per-second limit (only the rolling 24 h allocation and 25 concurrent requests of
 *     ≥ 20 s, which sequential sub-20 s calls never reach) → floor 0 s; the limit that binds is the daily
 *     allocation, reported as the share of an Enterprise org with 50 licences (100,000 + 50 × 1,000).
 *     Our own smoothing bucket (500 / 10 s × 90 %) is reported as the service's floor.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../src/config/app-config';
import { seal } from '../src/platform/crypto/secret-box.util';
import { openDataSource } from '../src/platform/database/data-source.factory';
import { startPglite } from '../src/platform/database/pglite-server';
import { startHubspotSandbox } from '../src/sandbox/hubspot';
import { startSalesforceSandbox } from '../src/sandbox/salesforce/salesforce-sandbox';
import { ConnectionService } from '../src/sync/connections/connection.service';
import { bucketPolicies, CrmAdapterFactory } from '../src/sync/connections/crm-adapter.factory';
import { RateLimiterService } from '../src/sync/limits/rate-limiter.service';
import { WriteBackLedgerService } from '../src/write-back/engine/write-back-ledger.service';
import { WriteBackPlanner } from '../src/write-back/engine/write-back-planner.service';
import { WriteBackService, type WriteBackSummary } from '../src/write-back/engine/write-back.service';
import { WriterFactory } from '../src/write-back/engine/writer-factory.service';
import { createScratchDatabase } from './support/scratch-database.util';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const KEY = randomBytes(32);
const HUBSPOT_BURST = 190;
const HUBSPOT_DAILY = 650_000;
const SALESFORCE_DAILY = 100_000 + 50 * 1_000;
/** bucketPolicies' Salesforce smoothing bucket: not a Salesforce limit, our own. */
const SALESFORCE_OWN_BUCKET = 500;
const SHARE = 0.9;

async function openDb(): Promise<{ ds: DataSource; close: () => Promise<void>; kind: string }> {
  const server = process.argv.includes('--postgres') ? arg('postgres', '') : '';
  if (server) {
    const scratch = await createScratchDatabase(server, 'abm_wb_bench');
    const ds = await openDataSource({ url: scratch.url, embedded: false, poolSize: 4 });
    return {
      ds,
      kind: 'postgres',
      close: async () => {
        await ds.destroy();
        await scratch.drop();
      },
    };
  }
  const pg = await startPglite('memory://');
  const ds = await openDataSource({ url: pg.url, embedded: true });
  return { ds, kind: 'pglite', close: async () => { await ds.destroy(); await pg.stop(); } };
}

async function seed(ds: DataSource, connectionId: string, provider: string, objectType: string, crmIds: string[]): Promise<void> {
  for (let i = 0; i < crmIds.length; i += 20_000) {
    const slice = crmIds.slice(i, i + 20_000);
    await ds.query(
      `WITH input AS (SELECT x.crm_id, x.ord FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS x(crm_id, ord)),
            acc AS (INSERT INTO accounts (name, normalized_name) SELECT $4 || ':' || crm_id, crm_id FROM input RETURNING id, normalized_name AS crm_id)
       INSERT INTO account_sources (connection_id, provider, object_type, crm_id, account_id, match_reason, fields)
       SELECT $2, $3, $5, crm_id, id, 'new', '{}'::jsonb FROM acc`,
      [JSON.stringify(slice), connectionId, provider, provider, objectType],
    );
  }
  await ds.query(
    `WITH ins AS (INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, config_version, model_version, as_of, computed_at)
     SELECT s.account_id, '00000000-0000-4000-8000-000000000001', v, CASE WHEN v >= 75 THEN 'A' WHEN v >= 50 THEN 'B' WHEN v >= 25 THEN 'C' ELSE 'D' END, v, 0, 0, 0,
            jsonb_build_array(jsonb_build_object('component','fit','signal','industry','rawValue',null,'weight',1,'decay',null,'contribution',v,'text','Industry fit')),
            1, 'bench', now(), now()
       FROM account_sources s CROSS JOIN LATERAL (SELECT (abs(hashtext(s.crm_id)) % 100)::real AS v) x WHERE s.connection_id = $1
     RETURNING id, account_id)
     INSERT INTO account_current_scores (account_id, score_id) SELECT account_id, id FROM ins
     ON CONFLICT (account_id) DO UPDATE SET score_id = EXCLUDED.score_id`,
    [connectionId],
  );
}

async function bump(ds: DataSource, connectionId: string, share: number, total: number): Promise<number> {
  const k = Math.round(share * total);
  await ds.query(
    `UPDATE account_scores sc SET score = CASE WHEN score >= 99 THEN score - 1 ELSE score + 1 END
      WHERE sc.id IN (SELECT cs.score_id FROM account_current_scores cs WHERE cs.account_id IN
                       (SELECT s.account_id FROM account_sources s WHERE s.connection_id = $1 ORDER BY hashtext(s.crm_id || 'bump') LIMIT $2))`,
    [connectionId, k],
  );
  return k;
}

interface Line {
  crm: string;
  scenario: string;
  changed: number;
  written: number;
  failed: number;
  calls: number;
  minimumCalls: number;
  wallSeconds: number;
  /** Least wall time the CRM's documented rate limits allow for the minimum calls. */
  rateLimitFloorSeconds: number;
  /** The same with the share of the shared token bucket the service gives itself. */
  ownBucketFloorSeconds: number;
  /** Calls as a share of the daily allocation (the limit that binds on Salesforce). */
  dailyAllocationShare: number;
}

function line(crm: string, scenario: string, s: WriteBackSummary, seconds: number, minimum: number): Line {
  const hs = crm === 'hubspot';
  const floor = hs ? minimum / (HUBSPOT_BURST / 10) : 0;
  const own = minimum / (((hs ? HUBSPOT_BURST : SALESFORCE_OWN_BUCKET) * SHARE) / 10);
  return {
    crm, scenario, changed: s.changed, written: s.written, failed: s.failed, calls: s.apiCalls, minimumCalls: minimum, wallSeconds: +seconds.toFixed(1),
    rateLimitFloorSeconds: +floor.toFixed(1), ownBucketFloorSeconds: +own.toFixed(1), dailyAllocationShare: +(s.apiCalls / (hs ? HUBSPOT_DAILY : SALESFORCE_DAILY)).toFixed(5),
  };
}

async function main(): Promise<void> {
  const n = Number(arg('accounts', '100000'));
  const which = arg('crm', 'both');
  const db = await openDb();
  const limiter = new RateLimiterService(db.ds);
  const connections = new ConnectionService(db.ds, { encryptionKey: KEY, crm: {} } as unknown as AppConfig);
  const writers = new WriterFactory(new CrmAdapterFactory(connections), (conn) => {
    const b = bucketPolicies(conn);
    return { beforeCall: async () => void (await limiter.take(b.burst)), afterCall: () => undefined };
  });
  const service = new WriteBackService(db.ds, new WriteBackPlanner(db.ds), new WriteBackLedgerService(db.ds), writers);
  const lines: Line[] = [];
  const timed = async (id: string) => {
    const t = Date.now();
    const s = await service.run(id);
    return { s, seconds: (Date.now() - t) / 1000 };
  };
  const scenarios = async (crm: string, id: string, minimum: (count: number) => number) => {
    let r = await timed(id);
    lines.push(line(crm, '100% changed', r.s, r.seconds, minimum(r.s.changed)));
    process.stderr.write(`${crm}: all changed done\n`);
    r = await timed(id);
    lines.push(line(crm, '0% changed', r.s, r.seconds, 0));
    const changed = await bump(db.ds, id, 0.02, n);
    r = await timed(id);
    lines.push(line(crm, `2% changed (${changed})`, r.s, r.seconds, minimum(changed)));
  };

  if (which !== 'hubspot') {
    const sf = await startSalesforceSandbox({ bulkIngestBatchDelayMs: 0 });
    for (const f of [['ABM_Score__c', 'double'], ['ABM_Tier__c', 'string'], ['ABM_Reasons__c', 'textarea'], ['ABM_Score_Updated_At__c', 'datetime']] as const) {
      sf.store.addField('Account', { name: f[0], type: f[1] } as never);
    }
    const ids = sf.store.insertMany('Account', Array.from({ length: n }, (_, i) => ({ Name: `Company ${i}` })));
    const sfId = randomUUID();
    await db.ds.query(
      `INSERT INTO crm_connections (id, name, provider, auth_type, base_url, secrets_encrypted, settings) VALUES ($3, 'bench-sf', 'salesforce', 'oauth_refresh', $1, $2, '{}')`,
      [sf.baseUrl, seal(KEY, JSON.stringify({ accessToken: sf.clientCredentials.accessToken }), sfId), sfId],
    );
    const rows = [{ id: sfId }];
    await seed(db.ds, rows[0].id, 'salesforce', 'Account', ids);
    // Minimum: Composite 5×200 = 1,000 rows per call, or one Bulk 2.0 job of ≥5 calls (create, upload, close, ≥1 poll, failedResults).
    await scenarios('salesforce', rows[0].id, (c) => Math.min(Math.ceil(c / 1000), c === 0 ? 0 : 5));
    await sf.stop();
  }
  if (which !== 'salesforce') {
    const hs = await startHubspotSandbox({ rateLimits: { enabled: true, tier: 'professional' } });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(String(hs.store.create('companies', { name: `Company ${i}` }).id));
    for (const p of [['abm_score', 'number', 'number'], ['abm_tier', 'string', 'text'], ['abm_score_reason', 'string', 'textarea'], ['abm_score_updated_at', 'datetime', 'date']]) {
      await fetch(`${hs.url}/crm/v3/properties/companies`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${hs.privateAppToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: p[0], label: p[0], type: p[1], fieldType: p[2], groupName: 'companyinformation' }),
      });
    }
    const hsId = randomUUID();
    await db.ds.query(
      `INSERT INTO crm_connections (id, name, provider, auth_type, base_url, secrets_encrypted, settings) VALUES ($3, 'bench-hs', 'hubspot', 'private_app', $1, $2, '{"hubspotTier":"professional"}')`,
      [hs.url, seal(KEY, JSON.stringify({ accessToken: hs.privateAppToken }), hsId), hsId],
    );
    const rows = [{ id: hsId }];
    await seed(db.ds, rows[0].id, 'hubspot', 'companies', ids);
    await scenarios('hubspot', rows[0].id, (c) => Math.ceil(c / 100));
    await hs.stop();
  }
  process.stdout.write(`${JSON.stringify({ accounts: n, database: db.kind, results: lines })}\n`);
  for (const l of lines) {
    process.stderr.write(
      `${l.crm.padEnd(10)} ${l.scenario.padEnd(20)} calls ${l.calls} (min ${l.minimumCalls}), written ${l.written}, failed ${l.failed}, ` +
        `${l.wallSeconds}s vs rate-limit floor ${l.rateLimitFloorSeconds}s (own bucket ${l.ownBucketFloorSeconds}s), ${(l.dailyAllocationShare * 100).toFixed(3)}% of the daily allocation\n`,
    );
  }
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
