import { CASE_SUBJECTS, PRODUCTS } from './name-pools.constants';
import { clamp01, Rng } from '../shared/prng.util';
import { STREAM } from './streams.constants';
import type { WorldPlan } from './world-plan.util';
import type { LicenseEvent, WorldCompany, WorldContact, WorldLicense, WorldSupportCase } from './world.types';

const DAY_MS = 86_400_000;
const CASE_SUBJECTS_EN = CASE_SUBJECTS.filter((s) => !/[\uac00-\ud7a3]/.test(s));

/**
 * License history of a customer: `count` terms split into subscriptions of 1–6 consecutive terms.
 * Loyalty (latent, see truth.ts) drives the observable history: loyal accounts renew and upgrade and use
 * most of their seats; disloyal ones downgrade, under-use seats and cancel. The current term of a live
 * subscription ends between 30 days ago and a year from `asOf`, so some entitlements expire within
 * 60/90/120/180 days of `asOf`.
 */
export function generateLicenses(plan: WorldPlan, company: WorldCompany, count: number, loyalty: number): WorldLicense[] {
  const rng = Rng.for(plan.options.seed, company.index, STREAM.licenses);
  const asOf = plan.options.asOf.getTime();
  const out: WorldLicense[] = [];
  const baseSeats = Math.max(5, Math.round(Math.pow(company.employees, 0.6) * (0.5 + rng.next())));
  let remaining = count;
  let sub = 0;
  while (remaining > 0) {
    const terms = Math.min(remaining, rng.int(1, 6));
    remaining -= terms;
    const subKey = `sub-${company.key.slice(4)}-${String(sub).padStart(2, '0')}`;
    const product = sub === 0 ? PRODUCTS[0] : rng.pick(PRODUCTS);
    const termDays = rng.weighted([365, 730, 1095], [8, 1.5, 0.5]);
    // Cancelled subscriptions end in the past; live ones have a current term around asOf.
    const cancelled = terms > 1 && rng.chance(0.45 * (1 - loyalty));
    const lastEnd = cancelled ? asOf - rng.int(30, 720) * DAY_MS : asOf + rng.int(-30, 365) * DAY_MS;
    let seats = Math.max(1, Math.round(baseSeats * (0.3 + 0.7 * rng.next())));
    const start0 = lastEnd - terms * termDays * DAY_MS;
    for (let t = 0; t < terms; t++) {
      let event: LicenseEvent;
      if (t === 0) event = 'purchase';
      else if (cancelled && t === terms - 1) event = 'cancellation';
      else {
        const r = rng.next();
        const pUp = 0.1 + 0.3 * loyalty;
        const pDown = 0.05 + 0.35 * (1 - loyalty);
        event = r < pUp ? 'upgrade' : r < pUp + pDown ? 'downgrade' : 'renewal';
      }
      if (event === 'upgrade') seats = Math.round(seats * (1.2 + 0.5 * rng.next())) + 1;
      if (event === 'downgrade') seats = Math.max(1, Math.round(seats * (0.5 + 0.3 * rng.next())));
      const startDate = start0 + t * termDays * DAY_MS;
      const endDate = startDate + termDays * DAY_MS;
      const usage = clamp01(rng.normal(0.35 + 0.6 * loyalty, 0.1));
      const status: WorldLicense['status'] =
        event === 'cancellation' ? 'cancelled' : endDate <= asOf ? 'expired' : 'active';
      out.push({
        key: `lic-${company.key.slice(4)}-${String(out.length).padStart(3, '0')}`,
        accountKey: company.key,
        subscriptionKey: subKey,
        product: product.name,
        event,
        startDate: new Date(startDate),
        endDate: new Date(endDate),
        seats,
        usedSeats: Math.round(seats * usage),
        annualValue: seats * product.seatPrice,
        status,
      });
    }
    sub++;
  }
  return out;
}

/** Support cases: customers only; more and more severe when loyalty is low. */
export function generateCases(
  plan: WorldPlan,
  company: WorldCompany,
  contacts: WorldContact[],
  loyalty: number,
): WorldSupportCase[] {
  if (!company.customer) return [];
  const rng = Rng.for(plan.options.seed, company.index, STREAM.cases);
  const asOf = plan.options.asOf.getTime();
  const n = rng.poisson(0.8 + 3.5 * (1 - loyalty));
  const out: WorldSupportCase[] = [];
  for (let i = 0; i < n; i++) {
    const severity = rng.weighted(['S1', 'S2', 'S3', 'S4'] as const, [0.3 + 2 * (1 - loyalty), 1.5, 3, 2]);
    const openedAt = Math.max(company.createdAt.getTime(), asOf - rng.int(0, 540) * DAY_MS - rng.int(0, DAY_MS - 1));
    const closed = asOf - openedAt > 20 * DAY_MS ? rng.chance(0.95) : rng.chance(0.4);
    const status: WorldSupportCase['status'] = closed
      ? 'Closed'
      : severity === 'S1' && rng.chance(0.5)
        ? 'Escalated'
        : rng.pick(['New', 'Working'] as const);
    out.push({
      key: `case-${company.key.slice(4)}-${String(i).padStart(3, '0')}`,
      accountKey: company.key,
      contactKey: contacts.length ? rng.pick(contacts).key : null,
      subject: rng.pick(company.country === 'KR' ? CASE_SUBJECTS : CASE_SUBJECTS_EN),
      severity,
      status,
      openedAt: new Date(openedAt),
      closedAt: closed ? new Date(Math.min(asOf, openedAt + rng.int(1, 20) * DAY_MS)) : null,
    });
  }
  return out;
}
