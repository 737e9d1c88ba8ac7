import { createHash } from 'node:crypto';
import { worldTruth, winProbabilityOf } from '../../../src/sandbox/generator/truth';
import { addCounts, emptyCounts, streamWorld } from '../../../src/sandbox/generator/world.generator';
import { CORE_COMMITTEE_ROLES, type AccountBundle, type WorldOptions } from '../../../src/sandbox/generator/world.types';

const asOf = new Date('2026-11-01T00:00:00Z');
const HANGUL = /[\uac00-\ud7a3]/;

function options(over: Partial<WorldOptions> = {}): WorldOptions {
  return { seed: 42, sizes: { accounts: 400, contacts: 4000, licenses: 1200 }, overlap: 0.4, asOf, titlesDir: null, ...over };
}

function collect(opts: WorldOptions): AccountBundle[] {
  const out: AccountBundle[] = [];
  for (const chunk of streamWorld(opts).chunks) out.push(...chunk);
  return out;
}

function digest(bundles: AccountBundle[]): string {
  const h = createHash('sha256');
  for (const b of bundles) h.update(JSON.stringify(b));
  return h.digest('hex');
}

function quantileGroups<T>(items: T[], key: (t: T) => number, groups: number): T[][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const size = Math.floor(sorted.length / groups);
  return Array.from({ length: groups }, (_, g) => sorted.slice(g * size, g === groups - 1 ? sorted.length : (g + 1) * size));
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

describe('demo world generator', () => {
  const world = collect(options());

  it('produces identical output for the same seed, whatever the chunk size', () => {
    expect(digest(collect(options({ chunkSize: 37 })))).toBe(digest(world));
  });

  it('produces different output for a different seed', () => {
    const other = collect(options({ seed: 43 }));
    expect(digest(other)).not.toBe(digest(world));
    expect(other[0].company.name === world[0].company.name && other[0].contacts[0]?.email === world[0].contacts[0]?.email).toBe(false);
  });

  it('honours the requested sizes exactly', () => {
    const counts = emptyCounts();
    for (const b of world) addCounts(counts, b);
    expect(counts.accounts).toBe(400);
    expect(counts.contacts).toBe(4000);
    expect(counts.licenses).toBe(1200);
    expect(counts.activities).toBeGreaterThan(0);
    expect(counts.opportunities).toBeGreaterThan(0);
  });

  it('keeps keys and email addresses unique, emails on the company domain', () => {
    const contactKeys = new Set(world.flatMap((b) => b.contacts.map((c) => c.key)));
    expect(contactKeys.size).toBe(4000);
    const emails = world.flatMap((b) => b.contacts.map((c) => c.email));
    expect(new Set(emails).size).toBe(emails.length);
    for (const b of world) for (const c of b.contacts) expect(c.email.endsWith(`@${b.company.domain}`)).toBe(true);
    expect(new Set(world.map((b) => b.company.domain)).size).toBe(400);
  });

  it('includes Korean companies, Hangul names and Korean titles with corporate ranks', () => {
    const korean = world.filter((b) => b.company.country === 'KR');
    expect(korean.length / world.length).toBeGreaterThan(0.15);
    expect(korean.filter((b) => HANGUL.test(b.company.name)).length).toBeGreaterThan(korean.length * 0.4);
    const koContacts = world.flatMap((b) => b.contacts).filter((c) => c.titleLanguage === 'ko');
    expect(koContacts.length).toBeGreaterThan(300);
    const ranks = /사원|주임|대리|과장|차장|부장|이사|상무|전무|사장|회장|팀장|실장|본부장|연구원/;
    expect(koContacts.filter((c) => ranks.test(c.title)).length / koContacts.length).toBeGreaterThan(0.9);
    expect(koContacts.every((c) => HANGUL.test(c.lastName))).toBe(true);
  });

  it('puts the requested share of companies (and most of their contacts) in both CRMs and splits the rest', () => {
    const both = world.filter((b) => b.company.presence === 'both').length;
    const sf = world.filter((b) => b.company.presence === 'salesforce').length;
    expect(both / 400).toBeCloseTo(0.4, 1);
    expect(Math.abs(sf - (400 - both) / 2)).toBeLessThan(20);
    const dupContacts = world.filter((b) => b.company.presence === 'both').flatMap((b) => b.contacts);
    const inBoth = dupContacts.filter((c) => c.presence === 'both').length / dupContacts.length;
    expect(inBoth).toBeGreaterThan(0.6);
    expect(inBoth).toBeLessThan(0.8);
    for (const b of world) if (b.company.presence !== 'both') expect(b.contacts.every((c) => c.presence === b.company.presence)).toBe(true);
    const carrying = world.filter((b) => b.company.hubspotCarriesSalesforceId);
    expect(carrying.length).toBeGreaterThan(both * 0.3);
    expect(carrying.every((b) => b.company.presence === 'both')).toBe(true);
  });

  it('records roles in the CRM fields for about 30% of role holders and sets opt-outs', () => {
    const holders = world.flatMap((b) => b.contacts).filter((c) => c.buyingRole !== null);
    const share = holders.filter((c) => c.roleRecordedInCrm).length / holders.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    const all = world.flatMap((b) => b.contacts);
    expect(all.filter((c) => c.emailOptOut).length).toBeGreaterThan(all.length * 0.04);
    expect(all.filter((c) => c.doNotCall).length).toBeGreaterThan(all.length * 0.02);
  });

  it('has license histories with every event kind and entitlements expiring soon', () => {
    const licenses = world.flatMap((b) => b.licenses);
    for (const e of ['purchase', 'renewal', 'upgrade', 'downgrade', 'cancellation']) expect(licenses.some((l) => l.event === e)).toBe(true);
    const active = licenses.filter((l) => l.status === 'active');
    const within90 = active.filter((l) => l.endDate.getTime() - asOf.getTime() <= 90 * 86_400_000);
    expect(within90.length).toBeGreaterThan(0);
    expect(within90.length).toBeLessThan(active.length);
    expect(world.filter((b) => b.licenses.length > 0).every((b) => b.company.customer)).toBe(true);
  });

  it('reports truth equal to the generated bundles (worldTruth is consistent)', () => {
    const truths = [...worldTruth(options())];
    expect(truths.length).toBe(400);
    truths.forEach((t, i) => expect(t).toEqual(world[i].truth));
  });

  it('makes committee coverage observable: distinct core roles among contacts = coverage × 6', () => {
    for (const b of world) {
      const held = new Set(b.contacts.map((c) => c.buyingRole).filter((r) => r && CORE_COMMITTEE_ROLES.includes(r)));
      expect(held.size).toBe(Math.round(b.truth.drivers.committeeCoverage * 6));
    }
  });

  it('follows the documented latent model: win rate rises steeply with propensity', () => {
    const big = collect(options({ sizes: { accounts: 3000, contacts: 15000, licenses: 4000 }, seed: 7 }));
    for (const b of big) expect(b.truth.winProbability).toBeCloseTo(winProbabilityOf(b.truth.propensity), 10);
    const closed = big.flatMap((b) => b.opportunities.filter((o) => o.outcome !== 'open').map((o) => ({ p: b.truth.propensity, won: o.outcome === 'won' })));
    const deciles = quantileGroups(closed, (x) => x.p, 10);
    const rate = (g: typeof closed): number => g.filter((x) => x.won).length / g.length;
    expect(rate(deciles[9])).toBeGreaterThan(0.8);
    expect(rate(deciles[0])).toBeLessThan(0.25);
    // Each driver leaves a trace in the observable data.
    const byEng = quantileGroups(big, (b) => b.truth.drivers.engagement, 4);
    expect(mean(byEng[3].map((b) => b.activities.length))).toBeGreaterThan(2 * mean(byEng[0].map((b) => b.activities.length)));
    const customers = big.filter((b) => b.company.customer && b.licenses.length >= 3);
    const byLoyalty = quantileGroups(customers, (b) => b.truth.drivers.loyalty, 4);
    const badTerms = (b: AccountBundle): number => b.licenses.filter((l) => l.event === 'downgrade' || l.event === 'cancellation').length / b.licenses.length;
    expect(mean(byLoyalty[0].map(badTerms))).toBeGreaterThan(mean(byLoyalty[3].map(badTerms)) + 0.1);
    const usage = (b: AccountBundle): number => mean(b.licenses.map((l) => l.usedSeats / l.seats));
    expect(mean(byLoyalty[3].map(usage))).toBeGreaterThan(mean(byLoyalty[0].map(usage)) + 0.15);
  });
});
