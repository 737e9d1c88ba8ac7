/**
 * Demo-world generator benchmark: generation alone, then generation + load into fresh in-memory
 * Salesforce and HubSpot sandbox stores. Default sizes are the target volumes (100k accounts,
 * 1M contacts, 300k license records).
 *
 *   npm run build && node dist/bench/generator.bench.js [--accounts N] [--contacts N] [--licenses N]
 *     [--overlap P] [--phase generate|load|both] [--titles DIR] [--json]
 *
 * Peak RSS comes from process.resourceUsage().maxRSS (whole process, so run one phase per process
 * for a clean load figure).
 */
import { HubspotStore, ManualClock as HsClock } from '../src/sandbox/hubspot';
import { SObjectStore } from '../src/sandbox/salesforce/store/sobject-store';
import { loadWorld } from '../src/sandbox/generator/world-loader.service';
import { addCounts, emptyCounts, streamWorld } from '../src/sandbox/generator/world.generator';
import type { WorldOptions } from '../src/sandbox/generator/world.types';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const sum = (o: Record<string, number>): number => Object.entries(o).filter(([k]) => !k.includes('->')).reduce((s, [, v]) => s + v, 0);

async function main(): Promise<void> {
  const asOf = new Date('2026-11-01T00:00:00Z');
  const world: WorldOptions = {
    seed: Number(arg('seed', '1')),
    sizes: { accounts: Number(arg('accounts', '100000')), contacts: Number(arg('contacts', '1000000')), licenses: Number(arg('licenses', '300000')) },
    overlap: Number(arg('overlap', '0.4')),
    asOf,
    ...(process.argv.includes('--titles') ? { titlesDir: arg('titles', '') } : {}),
  };
  const phase = arg('phase', 'both');
  const report: Record<string, unknown> = { sizes: world.sizes, overlap: world.overlap, node: process.version };

  if (phase === 'generate' || phase === 'both') {
    const t0 = performance.now();
    const counts = emptyCounts();
    for (const chunk of streamWorld(world).chunks) for (const b of chunk) addCounts(counts, b);
    const ms = performance.now() - t0;
    const records = Object.values(counts).reduce((s, v) => s + v, 0);
    report.generate = { ms: Math.round(ms), records, recordsPerSec: Math.round(records / (ms / 1000)), counts, peakRssMb: peakRssMb() };
  }

  if (phase === 'load' || phase === 'both') {
    const sf = new SObjectStore({ clock: () => asOf });
    const hs = new HubspotStore({ portalId: 1, clock: new HsClock(asOf.getTime()), searchLagMs: 0 });
    const t0 = performance.now();
    const result = await loadWorld({ ...world, salesforce: sf, hubspot: hs });
    const ms = performance.now() - t0;
    const inserted = sum(result.salesforce) + sum(result.hubspot);
    report.load = {
      ms: Math.round(ms),
      recordsInserted: inserted,
      recordsPerSec: Math.round(inserted / (ms / 1000)),
      timingMs: result.timingMs,
      presence: result.presence,
      salesforce: result.salesforce,
      hubspot: result.hubspot,
      titleSource: result.titleSource,
      peakRssMb: peakRssMb(),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
    };
  }

  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
