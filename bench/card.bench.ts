/**
 * Card endpoint latency at a fixed arrival rate, against 127.0.0.1 only.
 *   npm run build && node dist/bench/card.bench.js [--rate 200] [--seconds 10] [--accounts 20000] [--postgres URL]
 * Starts the HTTP service on embedded PGlite in a temp dir (or a fresh database on the PostgreSQL server
 * at --postgres), seeds scored accounts with history, committees and recommendations, then sends
 * GET /api/v1/card/salesforce/:id open-loop (requests start on schedule whether or not earlier ones
 * finished, so queueing shows up in the tail) for uniformly random accounts — mostly cache misses,
 * like reps opening different records — and reports p50/p95/p99. Alongside the latencies it reports the
 * server process's side of the measured window: CPU per request, event-loop utilisation, garbage-collection
 * pauses and (on Linux) how long its main thread waited for a CPU, so a slow tail can be told apart from a
 * busy server (high CPU per request), a collector stall (long pauses) or a machine shared with other work
 * (long run-queue wait).
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { createHttpRuntime } from '../src/app/bootstrap';
import { validateEnv } from '../src/config/app-config';
import { buildConfig } from '../src/config/load-config';
import { TokenService } from '../src/platform/auth/token.service';
import { RecommendationsService } from '../src/recommendations/engine/recommendations.service';
import { createScratchDatabase } from './support/scratch-database.util';

function textArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const rate = arg('rate', 200);
  const seconds = Math.min(arg('seconds', 10), 60);
  const accounts = arg('accounts', 20000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-card-bench-'));
  const server = textArg('postgres');
  const env: Record<string, string> = { ABM_SANDBOX: 'off', LOG_LEVEL: 'error', ABM_LOG_JSON: 'true', ABM_WORKERS: 'off' };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (server) {
    const scratch = await createScratchDatabase(server, 'abm_card_bench');
    env.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  } else env.ABM_DATA_DIR = dataDir;
  const config = buildConfig(validateEnv(env), process.cwd());
  const runtime = await createHttpRuntime(config, false as never);
  await runtime.app.listen(0, '127.0.0.1');
  const port = (runtime.app.getHttpServer().address() as { port: number }).port;
  const ds = runtime.db.dataSource;
  const token = (await runtime.app.get(TokenService).create('bench', 'rep')).token;
  await ds.query(
    `INSERT INTO crm_connections (id, name, provider, auth_type, base_url, secrets_encrypted) VALUES ('00000000-0000-4000-8000-0000000000aa', 'bench-sf', 'salesforce', 'oauth_refresh', 'http://127.0.0.1:9', 'unused')`,
  );
  await ds.query(
    `WITH a AS (INSERT INTO accounts (name, normalized_name) SELECT 'Bench ' || g, 'bench ' || g FROM generate_series(1, $1) g RETURNING id, name)
     INSERT INTO account_sources (connection_id, provider, object_type, crm_id, account_id, match_reason, fields)
     SELECT '00000000-0000-4000-8000-0000000000aa', 'salesforce', 'Account', 'SF' || lpad(substr(name, 7), 16, '0'), id, 'new', '{}' FROM a`,
    [accounts],
  );
  await ds.query(
    `WITH ins AS (INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, config_version, model_version, as_of, computed_at)
     SELECT a.id, '00000000-0000-4000-8000-000000000001', s, CASE WHEN s >= 75 THEN 'A' WHEN s >= 50 THEN 'B' ELSE 'C' END, s, 50, 40, 60,
            jsonb_build_array(jsonb_build_object('component','fit','signal','industry','rawValue',null,'weight',0.4,'decay',null,'contribution',s*0.4,'text','Industry fit'),
                              jsonb_build_object('component','committee','signal','coverage','rawValue',null,'weight',0.25,'decay',null,'contribution',10,'text','Committee coverage')),
            1, 'bench', now() - (h || ' days')::interval, now() - (h || ' days')::interval
       FROM accounts a CROSS JOIN generate_series(0, 5) h CROSS JOIN LATERAL (SELECT (abs(hashtext(a.id::text || h)) % 100)::real AS s) x
     RETURNING id, account_id, computed_at)
     INSERT INTO account_current_scores (account_id, score_id)
     SELECT DISTINCT ON (account_id) account_id, id FROM ins ORDER BY account_id, computed_at DESC`,
  );
  await ds.query(
    `WITH c AS (INSERT INTO contacts (account_id, first_name, last_name, title) SELECT a.id, 'Pat', 'Lee' || g, 'CTO' FROM accounts a CROSS JOIN generate_series(1, 3) g RETURNING id, account_id, last_name)
     INSERT INTO committee_memberships (account_id, contact_id, role, source, confidence, engaged)
     SELECT account_id, id, CASE last_name WHEN 'Lee1' THEN 'champion' WHEN 'Lee2' THEN 'technical_evaluator' ELSE 'end_user' END, 'inferred', 0.8, last_name = 'Lee1' FROM c`,
  );
  await runtime.app.get(RecommendationsService).refresh();
  // Production tables have planner statistics; freshly seeded ones do not until autovacuum runs.
  await ds.query('ANALYZE');
  const ids: string[] = (await ds.query(`SELECT crm_id FROM account_sources`)).map((r: { crm_id: string }) => r.crm_id);

  // The load generator runs in its own process so it does not steal the server's event loop.
  const child = fork(__filename, ['--client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let serverWindow: ServerWindow | null = null;
  const measured = await new Promise<Record<string, number>>((resolve, reject) => {
    child.on('message', (m) => {
      if (m === 'measuring') serverWindow = startServerWindow();
      else resolve(m as Record<string, number>);
    });
    child.once('error', reject);
    child.send({ port, token, ids, rate, seconds });
  });
  child.kill();
  const serverSide = (serverWindow as ServerWindow | null)?.stop(measured.requests) ?? {};
  const result = { database: server ? 'postgres' : 'pglite', accounts, ...measured, ...serverSide };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await runtime.app.close().catch(() => undefined);
  await runtime.close().catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
}

interface ServerWindow {
  stop(requests: number): Record<string, number>;
}

/** Nanoseconds the main thread has run and has waited runnable for a CPU (Linux /proc only, else null). */
function schedStat(): [number, number] | null {
  try {
    const [run, wait] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? [run, wait] : null;
  } catch {
    return null;
  }
}

/** The server process's CPU, event-loop utilisation, GC pauses and CPU run-queue wait from now until stop(). */
function startServerWindow(): ServerWindow {
  const sched0 = schedStat();
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const pauses: number[] = [];
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => pauses.push(e.duration)));
  gc.observe({ entryTypes: ['gc'] });
  return {
    stop(requests) {
      gc.disconnect();
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      const round = (n: number) => +n.toFixed(2);
      const sched1 = schedStat();
      // Time the event-loop thread was ready to run but other processes held the CPUs: on a shared
      // machine this, not our code, can make the tail.
      const runQueueWait: Record<string, number> = sched0 && sched1 ? { serverRunQueueWaitMs: round((sched1[1] - sched0[1]) / 1e6) } : {};
      return {
        serverCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / Math.max(1, requests)),
        serverLoopUtilisation: round(elu.utilization),
        gcPauses: pauses.length,
        gcPauseTotalMs: round(pauses.reduce((a, b) => a + b, 0)),
        gcPauseMaxMs: round(Math.max(0, ...pauses)),
        gcPausesOver10ms: pauses.filter((d) => d > 10).length,
        ...runQueueWait,
      };
    },
  };
}

interface ClientJob {
  port: number;
  token: string;
  ids: string[];
  rate: number;
  seconds: number;
}

/** The open-loop load generator (child process): requests start on schedule, bounded by rate × seconds. */
async function client(job: ClientJob): Promise<Record<string, number>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const pick = () => job.ids[Math.floor(Math.random() * job.ids.length)];
  const get = (id: string) =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.get({ host: '127.0.0.1', port: job.port, path: `/api/v1/card/salesforce/${id}`, agent, headers: { Authorization: `Bearer ${job.token}` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
    });
  for (let i = 0; i < 200; i++) await get(pick()); // warm-up (JIT, connections)
  process.send?.('measuring');
  const total = job.rate * job.seconds;
  const latencies: number[] = [];
  let errors = 0;
  const t0 = Date.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / job.rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(get(pick()).then((ms) => void latencies.push(ms), () => void errors++));
  }
  await Promise.all(pending);
  const elapsed = (Date.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => +latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
  return { rate: job.rate, seconds: job.seconds, requests: total, achievedRps: +(total / elapsed).toFixed(1), errors, p50: p(0.5), p95: p(0.95), p99: p(0.99), max: p(1) };
}

if (process.argv.includes('--client')) {
  process.once('message', (job) => {
    void client(job as ClientJob).then((r) => process.send?.(r));
  });
} else main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
