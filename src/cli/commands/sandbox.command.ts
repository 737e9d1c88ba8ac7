import { getHeapStatistics } from 'node:v8';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { startSandboxes } from '../../sandbox/sandbox-runner';
import type { SandboxConnectionInfo, SandboxTier } from '../../sandbox/sandbox-runner.types';
import type { CliCommand } from '../cli-command';

interface SandboxCliOptions {
  sfPort: number;
  hsPort: number;
  seed: number;
  accounts: number;
  contacts: number;
  licenses: number;
  overlap: number;
  asOf?: Date;
  fault429: number;
  fault5xx: number;
  faultTimeout: number;
  tier: SandboxTier;
  titles?: string;
  json?: boolean;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function rate(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a rate between 0 and 1');
  return n;
}

/** Accepts a share (0.4) or a percentage (40). */
function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a share between 0 and 1 (or a percentage)');
  return n > 1 ? n / 100 : n;
}

function tier(value: string): SandboxTier {
  if (value === 'starter' || value === 'pro' || value === 'enterprise') return value;
  throw new InvalidArgumentError('expected starter, pro or enterprise');
}

function day(value: string): Date {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return d;
}

/**
 * Heap the loaded stores keep, from bench/generator.bench.ts (100k accounts + 1M contacts + 300k licenses
 * ended at ~2.3 GB used): about 14 KB per account with its history plus 1 KB per contact.
 */
function heapWarning(accounts: number, contacts: number): string | null {
  const neededMb = Math.round((accounts * 14_000 + contacts * 1_000) / 1048576);
  const limitMb = Math.round(getHeapStatistics().heap_size_limit / 1048576);
  if (neededMb < limitMb * 0.7) return null;
  return `abm sandbox: this world needs about ${neededMb} MB of heap and the limit is ${limitMb} MB; run with NODE_OPTIONS=--max-old-space-size=${Math.ceil((neededMb * 1.5) / 1024) * 1024}\n`;
}

export function formatConnection(info: SandboxConnectionInfo): string {
  const lines: string[] = [];
  if (info.salesforce) {
    const s = info.salesforce;
    lines.push(`Salesforce sandbox   ${s.baseUrl}  (API v${s.apiVersion})`);
    lines.push(`  login URL          ${s.loginUrl}`);
    lines.push(`  username           ${s.username}`);
    lines.push(`  client id          ${s.clientId}`);
    lines.push(`  client secret      ${s.clientSecret}`);
    lines.push(`  refresh token      ${s.refreshToken}`);
    lines.push(`  access token       ${s.accessToken}`);
  }
  if (info.hubspot) {
    const h = info.hubspot;
    lines.push(`HubSpot sandbox      ${h.baseUrl}  (portal ${h.portalId})`);
    lines.push(`  private app token  ${h.privateAppToken}`);
    lines.push(`  OAuth client id    ${h.oauth.clientId}`);
    lines.push(`  OAuth secret       ${h.oauth.clientSecret}`);
    lines.push(`  OAuth refresh      ${h.oauth.refreshToken}`);
  }
  if (info.world) {
    const w = info.world;
    const g = w.generated;
    lines.push(
      `World (seed ${w.seed}, as of ${w.asOf.slice(0, 10)}): ${g.accounts.toLocaleString('en-US')} accounts ` +
        `(${w.presence.both.toLocaleString('en-US')} in both CRMs), ${g.contacts.toLocaleString('en-US')} contacts, ` +
        `${g.licenses.toLocaleString('en-US')} license records, ${g.opportunities.toLocaleString('en-US')} opportunities, ` +
        `${g.activities.toLocaleString('en-US')} activities; loaded in ${(w.timingMs.total / 1000).toFixed(1)} s`,
    );
    for (const note of w.notes) lines.push(`  note: ${note}`);
  }
  lines.push(`Limits tier: ${info.tier}. Press Ctrl+C to stop.`);
  return `${lines.join('\n')}\n`;
}

/** Resolves on the first SIGINT or SIGTERM (and aborts `abort`); `dispose` restores Node's default exit. */
function untilSignal(): { received: Promise<NodeJS.Signals>; abort: AbortController; dispose: () => void } {
  const abort = new AbortController();
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const dispose = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = (signal) => {
      dispose();
      abort.abort(new Error(`${signal} received`));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { received, abort, dispose };
}

async function run(opts: SandboxCliOptions): Promise<void> {
  const warning = heapWarning(opts.accounts, opts.contacts);
  if (warning) process.stderr.write(warning);
  const bar = new SingleBar({ stream: process.stderr, format: 'Loading demo world [{bar}] {value}/{total} accounts | {duration}s', hideCursor: true });
  let barStarted = false;
  // Listen before starting: a signal during the load aborts it, and the runner stops what it started.
  const signal = untilSignal();
  const running = await startSandboxes({
    signal: signal.abort.signal,
    salesforce: { port: opts.sfPort },
    hubspot: { port: opts.hsPort },
    world: {
      seed: opts.seed,
      sizes: { accounts: opts.accounts, contacts: opts.contacts, licenses: opts.licenses },
      overlap: opts.overlap,
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      ...(opts.titles ? { titlesDir: opts.titles } : {}),
    },
    faults: { rate429: opts.fault429, rate5xx: opts.fault5xx, timeoutRate: opts.faultTimeout, seed: opts.seed },
    tier: opts.tier,
    onProgress: (done, total) => {
      if (!barStarted) {
        bar.start(total, 0);
        barStarted = true;
      }
      bar.update(done);
    },
  })
    .catch((err: unknown) => {
      signal.dispose();
      if (signal.abort.signal.aborted) return null;
      throw err;
    })
    .finally(() => {
      if (barStarted) bar.stop();
    });
  if (!running) {
    process.stderr.write('Interrupted while loading; sandboxes stopped.\n');
    return;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(running.connection)}\n` : formatConnection(running.connection));
  const received = await signal.received;
  if (!opts.json) process.stderr.write(`\n${received}: stopping sandboxes\n`);
  await running.stop();
}

export const sandboxCommand: CliCommand = {
  register(program: Command): void {
    program
      .command('sandbox')
      .description('Start local Salesforce and HubSpot sandboxes loaded with a generated demo world (runs until Ctrl+C)')
      .option('--sf-port <n>', 'Salesforce sandbox port (0 = any free port)', nonNegativeInt, 0)
      .option('--hs-port <n>', 'HubSpot sandbox port (0 = any free port)', nonNegativeInt, 0)
      .option('--seed <n>', 'world seed: the same seed gives the same world', nonNegativeInt, 1)
      .option('--accounts <n>', 'companies to generate', nonNegativeInt, 1000)
      .option('--contacts <n>', 'contacts to generate (total)', nonNegativeInt, 10000)
      .option('--licenses <n>', 'license records to generate (total)', nonNegativeInt, 3000)
      .option('--overlap <p>', 'share of companies present in both CRMs (0..1 or a percentage)', share, 0.4)
      .option('--as-of <date>', "the world's today, YYYY-MM-DD (default: today, UTC)", day)
      .option('--fault-429 <rate>', 'HubSpot: share of requests answered 429', rate, 0)
      .option('--fault-5xx <rate>', 'share of requests answered with a 5xx', rate, 0)
      .option('--fault-timeout <rate>', 'share of requests that never get an answer', rate, 0)
      .option('--tier <tier>', 'API limits of: starter, pro or enterprise', tier, 'pro' as SandboxTier)
      .option('--titles <dir>', 'folder with the job-title datasets (default ../shared/data/titles)')
      .option('--json', 'print one JSON line with URLs and credentials when ready')
      .action(async (opts: SandboxCliOptions) => run(opts));
  },
};
