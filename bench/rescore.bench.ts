/**
 * Full and incremental rescoring at volume: 100k accounts, 1M contacts, 300k license records, 300k roles and
 * 1M activities, filled with generate_series SQL (independent of the sync) into a fresh database that is
 * dropped afterwards. Reports: first full run, second full run (with change reasons against the first),
 * single-account incremental rescores (median and p95 of 30), and a third full run after [nights] more nights of
 * score history (the table a nightly run meets after a month in production). Targets: full ≤ 10 s, single ≤ 50 ms.
 *
 *   node dist/bench/rescore.bench.js [accounts] [postgresServerUrl|pglite] [nights=30]
 */
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/platform/audit/audit.service';
import { openDataSource } from '../src/platform/database/data-source.factory';
import { startPglite } from '../src/platform/database/pglite-server';
import { ScoreConfigService } from '../src/intelligence/config/score-config.service';
import { ScoringEngineService } from '../src/intelligence/scoring/scoring-engine.service';
import { createScratchDatabase } from './support/scratch-database.util';

const ACCOUNTS = Number(process.argv[2] ?? 100_000);
const TARGET = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Nights of score history added before a third full run (0 = skip). */
const HISTORY_DAYS = Number(process.argv[4] ?? 30);
const AS_OF = new Date('2026-06-01T00:00:00Z');

export async function fill(ds: DataSource, n = ACCOUNTS): Promise<void> {
  const t = Date.now();
  await ds.query(`SELECT setseed(0.42)`);
  await ds.query(
    `INSERT INTO accounts (name, normalized_name, industry, employees, country, technologies, custom_fields)
     SELECT 'Account ' || i, 'account ' || i,
            (ARRAY['Software','Financial Services','Healthcare','Manufacturing','Retail','Education','Hospitality'])[1 + (i % 7)],
            (10 * power(10, random() * 3.5))::int, (ARRAY['US','DE','KR','GB','FR'])[1 + (i % 5)],
            CASE i % 4 WHEN 0 THEN '["Salesforce","Snowflake"]' WHEN 1 THEN '["HubSpot"]' WHEN 2 THEN '["Jira"]' ELSE '[]' END::jsonb,
            jsonb_build_object('cloud_maturity', (ARRAY['low','medium','high'])[1 + (i % 3)])
     FROM generate_series(1, $1::int) i`,
    [n],
  );
  await ds.query(`CREATE TEMP TABLE bench_accounts AS SELECT id, row_number() OVER (ORDER BY id) AS k FROM accounts`);
  await ds.query(
    `INSERT INTO contacts (account_id, title, email_opt_out)
     SELECT a.id, (ARRAY['CFO','VP Engineering','Head of Procurement','General Counsel','IT Manager','Marketing Director','CEO','Analyst','Engineer','Sales Rep'])[j],
            random() < 0.05
     FROM bench_accounts a CROSS JOIN generate_series(1, 10) j`,
  );
  await ds.query(
    `INSERT INTO account_contact_roles (account_id, contact_id, role, source, confidence)
     SELECT c.account_id, c.id,
            CASE c.title WHEN 'CFO' THEN 'economic_buyer' WHEN 'VP Engineering' THEN 'technical_evaluator' ELSE 'decision_maker' END,
            CASE WHEN c.title = 'CEO' THEN 'sf_account_contact_relation' ELSE 'inferred_title' END, 0.8
     FROM contacts c WHERE c.title IN ('CFO', 'VP Engineering', 'CEO')`,
  );
  const conn = '00000000-0000-4000-8000-000000000001';
  await ds.query(
    `INSERT INTO license_records (account_id, kind, event, start_date, end_date, quantity, amount, severity, opened_at,
                                  connection_id, provider, object_type, crm_id)
     SELECT a.id,
            CASE WHEN j = 5 THEN 'support_case' ELSE 'subscription' END,
            CASE WHEN j = 5 THEN NULL ELSE (ARRAY['purchase','renewal','upgrade','downgrade','cancellation'])[1 + ((a.k + j) % 5)] END,
            CASE WHEN j = 5 THEN NULL ELSE DATE '2022-01-01' + (j * 365) END,
            CASE WHEN j = 5 THEN NULL ELSE DATE '2022-01-01' + ((j + 1) * 365) + (a.k % 200)::int END,
            10 + (a.k % 7) * j, 1000 * j, CASE WHEN j = 5 THEN (ARRAY['low','medium','high','critical'])[1 + (a.k % 4)::int] END,
            CASE WHEN j = 5 THEN $1::timestamptz - ((a.k % 170) * interval '1 day') END,
            $2::uuid, 'salesforce', 'Asset', 'L' || a.k || '-' || j
     FROM bench_accounts a CROSS JOIN generate_series(1, 5) j WHERE a.k % 5 < 3`,
    [AS_OF, conn],
  );
  await ds.query(
    `INSERT INTO activities (account_id, contact_id, type, direction, occurred_at, is_ours, connection_id, provider, object_type, crm_id)
     SELECT c.account_id, c.id, (ARRAY['meeting','call','email','event','web_visit','task'])[1 + (floor(random() * 6))::int],
            CASE WHEN random() < 0.5 THEN 'inbound' ELSE 'outbound' END,
            $1::timestamptz - random() * interval '700 days', random() < 0.1, $2::uuid, 'salesforce', 'Task', 'T' || c.id
     FROM contacts c`,
    [AS_OF, conn],
  );
  // A production PostgreSQL runs autovacuum after bulk inserts (visibility map, statistics); this machine's
  // CI configuration turns it off, so the bench does what autovacuum would have done.
  await ds.query(`VACUUM (ANALYZE)`);
  const [counts] = await ds.query(`SELECT (SELECT count(*) FROM accounts) a, (SELECT count(*) FROM contacts) c, (SELECT count(*) FROM license_records) l,
    (SELECT count(*) FROM account_contact_roles) r, (SELECT count(*) FROM activities) act`);
  process.stdout.write(`filled in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}\n`);
}

/**
 * CPU seconds used so far by this database's server processes (PostgreSQL on this machine only): on a busy
 * machine wall time overstates the cost, so both are reported.
 */
async function serverCpu(ds: DataSource): Promise<number> {
  const rows = (await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)) as Array<{ pid: number }>;
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // not local, or gone
    }
  }
  return ticks / 100;
}

async function timed<T extends { durationMs: number }>(ds: DataSource, fn: () => Promise<T>): Promise<T & { cpuS: number }> {
  const before = await serverCpu(ds);
  const result = await fn();
  return { ...result, cpuS: (await serverCpu(ds)) - before };
}

async function measure(ds: DataSource, label: string): Promise<void> {
  const engine = new ScoringEngineService(ds, new ScoreConfigService(ds, new AuditService(ds)));
  await fill(ds);
  const first = await timed(ds, () => engine.run({ kind: 'full', asOf: AS_OF }));
  process.stdout.write(`[${label}] full rescore #1 (no history): ${first.accountsScored} accounts in ${(first.durationMs / 1000).toFixed(2)} s wall, ${first.cpuS.toFixed(2)} s server CPU  tiers ${JSON.stringify(first.tiers)}\n  steps ${JSON.stringify(first.stepMs)}\n`);
  const second = await timed(ds, () => engine.run({ kind: 'full', asOf: new Date(AS_OF.getTime() + 86_400_000) }));
  process.stdout.write(`[${label}] full rescore #2 (with change reasons): ${second.accountsScored} accounts in ${(second.durationMs / 1000).toFixed(2)} s wall, ${second.cpuS.toFixed(2)} s server CPU\n  steps ${JSON.stringify(second.stepMs)}\n`);
  const ids = (await ds.query(`SELECT id FROM accounts ORDER BY random() LIMIT 30`)) as Array<{ id: string }>;
  const times: number[] = [];
  for (const { id } of ids) {
    const t = process.hrtime.bigint();
    await engine.run({ kind: 'incremental', accountIds: [id], asOf: new Date(AS_OF.getTime() + 2 * 86_400_000) });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`[${label}] single-account incremental rescore: median ${times[15].toFixed(1)} ms, p95 ${times[28].toFixed(1)} ms, max ${times[29].toFixed(1)} ms\n`);
  const [size] = await ds.query(`SELECT pg_size_pretty(pg_total_relation_size('account_scores')) AS s, pg_size_pretty(pg_total_relation_size('account_current_scores')) AS p`);
  process.stdout.write(`[${label}] account_scores after ${2 + ids.length} runs: ${size.s} (current-score pointers: ${size.p})\n`);
  if (HISTORY_DAYS > 0) {
    await addHistory(ds, second.runId, HISTORY_DAYS);
    const later = await timed(ds, () => engine.run({ kind: 'full', asOf: new Date(AS_OF.getTime() + 3 * 86_400_000) }));
    process.stdout.write(`[${label}] full rescore #3 (after ${HISTORY_DAYS} more nights of history): ${later.accountsScored} accounts in ${(later.durationMs / 1000).toFixed(2)} s wall, ${later.cpuS.toFixed(2)} s server CPU\n  steps ${JSON.stringify(later.stepMs)}\n`);
  }
}

/**
 * What a nightly run meets in production: account_scores keeps every run, so after a month it holds 30 rows per
 * account. Copies of the second run's rows, dated earlier, stand in for those nights (they are never current).
 */
async function addHistory(ds: DataSource, runId: string, nights: number): Promise<void> {
  const t = Date.now();
  await ds.query(
    `INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, delta, delta_reasons,
                                 config_version, model_version, as_of, computed_at)
     SELECT s.account_id, s.scoring_run_id, s.score, s.tier, s.fit, s.engagement, s.committee, s.loyalty, s.factors, s.delta, s.delta_reasons,
            s.config_version, s.model_version, s.as_of - n * interval '1 day', s.computed_at - n * interval '1 day'
     FROM account_scores s CROSS JOIN generate_series(1, $2::int) n WHERE s.scoring_run_id = $1`,
    [runId, nights],
  );
  await ds.query(`VACUUM (ANALYZE) account_scores`);
  const [size] = await ds.query(`SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('account_scores')) AS s FROM account_scores`);
  process.stdout.write(`history: ${size.n} score rows (${size.s}) in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
}

async function main(): Promise<void> {
  if (TARGET === 'pglite') {
    const embedded = await startPglite('memory://');
    const ds = await openDataSource({ url: embedded.url, embedded: true });
    try {
      await measure(ds, 'pglite');
    } finally {
      await ds.destroy();
      await embedded.stop();
    }
    return;
  }
  const scratch = await createScratchDatabase(TARGET);
  const ds = await openDataSource({ url: scratch.url, embedded: false, poolSize: 2 });
  try {
    await measure(ds, 'postgresql');
  } finally {
    await ds.destroy();
    await scratch.drop();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
}
