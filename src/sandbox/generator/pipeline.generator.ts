import { ACTIVITY_SUBJECTS, PRODUCTS } from './name-pools.constants';
import { Rng } from '../shared/prng.util';
import { STREAM } from './streams.constants';
import type { WorldPlan } from './world-plan.util';
import type {
  AccountTruth,
  ActivityKind,
  BuyingRole,
  WorldActivity,
  WorldCompany,
  WorldContact,
  WorldLicense,
  WorldOpportunity,
  WorldOpportunityContactRole,
} from './world.types';

const DAY_MS = 86_400_000;
const KINDS: readonly ActivityKind[] = ['task', 'call', 'note', 'email', 'meeting'];
const HANGUL = /[\uac00-\ud7a3]/;
/** Subjects per kind and language: Korean companies get Korean and English subjects, others English only. */
const SUBJECTS = {
  en: Object.fromEntries(KINDS.map((k) => [k, ACTIVITY_SUBJECTS[k].filter((s) => !HANGUL.test(s))])),
  ko: Object.fromEntries(KINDS.map((k) => [k, ACTIVITY_SUBJECTS[k]])),
} as Record<'en' | 'ko', Record<ActivityKind, string[]>>;

/** Salesforce's default sales-process stages (open ones in order, with their default probabilities). */
export const OPEN_STAGES: ReadonlyArray<readonly [string, number]> = [
  ['Prospecting', 10],
  ['Qualification', 10],
  ['Needs Analysis', 20],
  ['Value Proposition', 50],
  ['Id. Decision Makers', 60],
  ['Perception Analysis', 70],
  ['Proposal/Price Quote', 75],
  ['Negotiation/Review', 90],
];

/**
 * Engagement activities. Their number scales with the latent engagement (0.2× to 1.8× the configured mean)
 * and engaged accounts' activities are more recent and richer in meetings (see truth.ts).
 */
export function generateActivities(
  plan: WorldPlan,
  company: WorldCompany,
  contacts: WorldContact[],
  truth: AccountTruth,
): WorldActivity[] {
  const rng = Rng.for(plan.options.seed, company.index, STREAM.activities);
  const asOf = plan.options.asOf.getTime();
  const e = truth.drivers.engagement;
  const n = rng.poisson(plan.options.activitiesPerAccount * (0.2 + 1.6 * e));
  const meanAgeDays = 10 + 170 * (1 - e);
  const weights = [3, 2, 2, 3, 0.5 + 3 * e];
  const out: WorldActivity[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted(KINDS, weights);
    const ageDays = Math.min(720, -Math.log(1 - rng.next()) * meanAgeDays);
    // Nothing is logged against an account before the account exists in the CRM.
    const at = Math.max(company.createdAt.getTime(), asOf - Math.floor(ageDays * DAY_MS));
    const contact = contacts.length && rng.chance(0.85) ? rng.pick(contacts) : null;
    const subject = rng.pick(SUBJECTS[company.country === 'KR' ? 'ko' : 'en'][kind]);
    out[i] = {
      key: `act-${company.key.slice(4)}-${String(i).padStart(4, '0')}`,
      accountKey: company.key,
      contactKey: contact ? contact.key : null,
      ownerKey: rng.chance(0.8) ? company.ownerKey : rng.pick(plan.users).key,
      kind,
      subject,
      body: `${subject} — ${company.nameEn}`,
      at: new Date(at),
      completed: at < asOf - DAY_MS || rng.chance(0.3),
    };
  }
  return out;
}

const PRIMARY_PREFERENCE: readonly BuyingRole[] = ['champion', 'decision_maker', 'economic_buyer', 'executive_sponsor'];

function contactRolesFor(rng: Rng, contacts: WorldContact[]): WorldOpportunityContactRole[] {
  if (!contacts.length) return [];
  const holders = contacts.filter((c) => c.buyingRole !== null && c.buyingRole !== 'end_user');
  const pool = holders.length ? holders : contacts;
  const picked = rng.shuffle([...pool]).slice(0, rng.int(1, Math.min(4, pool.length)));
  let primary = 0;
  for (const role of PRIMARY_PREFERENCE) {
    const idx = picked.findIndex((c) => c.buyingRole === role);
    if (idx >= 0) {
      primary = idx;
      break;
    }
  }
  return picked.map((c, i) => ({ contactKey: c.key, role: c.buyingRole ?? 'influencer', isPrimary: i === primary }));
}

/**
 * Opportunities. Count grows with engagement; customers also get renewal/upsell deals. Closed ones are
 * won with the account's `winProbability` (truth.ts) — the documented dependency tests rely on.
 */
export function generateOpportunities(
  plan: WorldPlan,
  company: WorldCompany,
  contacts: WorldContact[],
  licenses: WorldLicense[],
  truth: AccountTruth,
): WorldOpportunity[] {
  const rng = Rng.for(plan.options.seed, company.index, STREAM.opportunities);
  const asOf = plan.options.asOf.getTime();
  const n = rng.poisson(0.5 + 1.5 * truth.drivers.engagement) + (company.customer ? 1 : 0);
  const out: WorldOpportunity[] = [];
  const seatsBase = licenses.length ? licenses[licenses.length - 1].seats : Math.max(5, Math.round(Math.pow(company.employees, 0.55)));
  for (let i = 0; i < n; i++) {
    const type: WorldOpportunity['type'] = !company.customer ? 'new' : i === 0 ? 'renewal' : rng.chance(0.6) ? 'upsell' : 'new';
    const createdAt = Math.max(company.createdAt.getTime(), asOf - rng.int(10, 720) * DAY_MS);
    const cycleDays = rng.int(20, 180);
    const closeAt = createdAt + cycleDays * DAY_MS;
    let outcome: WorldOpportunity['outcome'];
    let stage: string;
    let probability: number;
    if (closeAt <= asOf) {
      outcome = rng.chance(truth.winProbability) ? 'won' : 'lost';
      stage = outcome === 'won' ? 'Closed Won' : 'Closed Lost';
      probability = outcome === 'won' ? 100 : 0;
    } else {
      outcome = 'open';
      // Open deals at engaged, well-covered accounts sit in later stages.
      const pos = Math.min(OPEN_STAGES.length - 1, Math.floor((truth.propensity + rng.normal(0, 0.15)) * OPEN_STAGES.length));
      [stage, probability] = OPEN_STAGES[Math.max(0, pos)];
    }
    const product = type === 'renewal' && licenses.length ? PRODUCTS.find((p) => p.name === licenses[licenses.length - 1].product) ?? PRODUCTS[0] : rng.pick(PRODUCTS);
    const quantity = type === 'upsell' ? Math.max(1, Math.round(seatsBase * 0.3)) : Math.max(1, Math.round(seatsBase * (0.7 + 0.6 * rng.next())));
    const lineItems = [{ product: product.name, quantity, unitPrice: product.seatPrice }];
    if (type !== 'renewal' && rng.chance(0.3)) {
      const addOn = PRODUCTS[1];
      lineItems.push({ product: addOn.name, quantity: Math.max(1, Math.round(quantity / 2)), unitPrice: addOn.seatPrice });
    }
    const amount = lineItems.reduce((s, li) => s + li.quantity * li.unitPrice, 0);
    const label = type === 'renewal' ? 'Renewal' : type === 'upsell' ? 'Upsell' : 'New Business';
    out.push({
      key: `opp-${company.key.slice(4)}-${String(i).padStart(2, '0')}`,
      accountKey: company.key,
      ownerKey: company.ownerKey,
      name: `${company.nameEn} — ${product.name} ${label}`,
      type,
      outcome,
      stage,
      probability,
      amount,
      createdAt: new Date(createdAt),
      closeDate: new Date(closeAt),
      contactRoles: contactRolesFor(rng, contacts),
      lineItems,
    });
  }
  return out;
}
