import type { PackedFactor, ScoreFactor } from '../entities/account-score.entity';
import type { ScoringDefinition } from '../config/scoring-definition.types';

export type { PackedFactor };

const LOYALTY_LABELS: Record<string, string> = {
  'loyalty.prospect': 'purchase history',
  'loyalty.base': 'customer baseline',
  'loyalty.tenure': 'tenure',
  'loyalty.renewals': 'renewals kept',
  'loyalty.lapses': 'lapses',
  'loyalty.upgrades': 'upgrades',
  'loyalty.downgrades': 'downgrades',
  'loyalty.seats_trend': 'seats',
  'loyalty.support_cases': 'support cases',
  'loyalty.expiring': 'expiring entitlements',
  'loyalty.recency': 'purchase recency',
  'loyalty.renewal_window': 'renewal window',
  'loyalty.churn_risk': 'churn risk',
  'loyalty.lifetime_value': 'lifetime value',
  'loyalty.bounds': 'loyalty cap',
};

/** Lower-case names of every signal a definition can produce, for change reasons ("support cases doubled"). */
export function signalLabels(def: ScoringDefinition): Record<string, string> {
  const out: Record<string, string> = { ...LOYALTY_LABELS, 'committee.threading': 'engaged contacts' };
  for (const r of def.fit.rules) out[`fit.${r.signal}`] = r.label.toLowerCase();
  for (const s of def.engagement.signals) out[`engagement.${s.type}`] = s.label.toLowerCase();
  for (const roles of Object.values(def.committee.templates)) for (const r of roles) out[`committee.role.${r.role}`] = (r.label ?? r.role).toLowerCase();
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Expands stored factors into the full explanation: every fit rule (matched or not), every required committee
 * role (held or missing), each engagement signal and loyalty measurement, with weight and a sentence.
 */
export function expandFactors(packed: PackedFactor[], def: ScoringDefinition): ScoreFactor[] {
  const labels = signalLabels(def);
  const bySignal = new Map(packed.map((f) => [f[0], f]));
  const out: ScoreFactor[] = [];
  const push = (f: PackedFactor | undefined, signal: string, weight: number, text: string) => {
    out.push({ component: signal.split('.')[0], signal, rawValue: f?.[1] ?? null, weight, decay: f?.[3] ?? null, contribution: f?.[2] ?? 0, text, label: labels[signal] });
  };
  for (const r of def.fit.rules) {
    const f = bySignal.get(`fit.${r.signal}`);
    const share = f && f[4] !== null ? Number(f[4]) : 0;
    push(f, `fit.${r.signal}`, r.points, `${r.label}: ${f ? `${f[1] ?? 'unknown'} (${share >= 1 ? 'matches' : 'partly'})` : 'no match'}`);
  }
  for (const s of def.engagement.signals) {
    const f = bySignal.get(`engagement.${s.type}`);
    if (f) push(f, `engagement.${s.type}`, s.weight, `${s.label}: ${f[1]} in the period, weighing ${Math.round((f[3] ?? 0) * 100)}% on average after decay (half-life ${s.halfLifeDays} days)`);
  }
  const threading = bySignal.get('committee.threading');
  const template = (threading?.[4] && def.committee.templates[threading[4]] ? threading[4] : 'default') as string;
  const c = def.committee;
  for (const r of def.committee.templates[template]) {
    const f = bySignal.get(`committee.role.${r.role}`);
    push(f ?? [`committee.role.${r.role}`, 'missing', 0, null, null], `committee.role.${r.role}`, c.coverageShare + c.engagedShare,
      `${r.label ?? r.role}: ${f ? `${f[4] ?? 'a contact'} (${f[1]})` : 'missing'}`);
  }
  const engaged = Number(threading?.[1] ?? 0);
  push(threading, 'committee.threading', c.multiThreadShare, engaged >= 2 ? `Multi-threaded: ${engaged} engaged contacts` : `Single-threaded risk: ${plural(engaged, 'engaged contact')}`);
  for (const f of packed.filter((x) => x[0].startsWith('loyalty.'))) push(f, f[0], loyaltyWeight(f[0], def), loyaltyText(f, def));
  return out;
}

function loyaltyWeight(signal: string, def: ScoringDefinition): number {
  const l = def.loyalty;
  const weights: Record<string, number> = {
    'loyalty.prospect': l.prospectScore, 'loyalty.base': l.base, 'loyalty.tenure': l.tenurePointsPerYear, 'loyalty.renewals': l.renewalPoints,
    'loyalty.lapses': l.lapsePoints, 'loyalty.upgrades': l.upgradePoints, 'loyalty.downgrades': l.downgradePoints,
    'loyalty.seats_trend': l.seatsTrendPoints, 'loyalty.support_cases': l.supportPointsPerWeightedCase, 'loyalty.expiring': l.expiringPoints,
    'loyalty.recency': l.recentPurchasePoints,
  };
  return weights[signal] ?? 0;
}

function loyaltyText(f: PackedFactor, def: ScoringDefinition): string {
  const raw = f[1];
  const n = Number(raw ?? 0);
  const l = def.loyalty;
  switch (f[0]) {
    case 'loyalty.prospect':
      return 'No purchase history: neutral loyalty';
    case 'loyalty.base':
      return 'Customer baseline';
    case 'loyalty.tenure':
      return `Customer for ${n.toFixed(1)} years`;
    case 'loyalty.renewals':
      return `${plural(n, 'renewal')} kept`;
    case 'loyalty.lapses':
      return `${n} lapsed or cancelled`;
    case 'loyalty.upgrades':
      return `${plural(n, 'upgrade')} or expansions`;
    case 'loyalty.downgrades':
      return plural(n, 'downgrade');
    case 'loyalty.seats_trend':
      return `Seats ${String(f[4] ?? '').replace('/', ' now vs ')} a year ago`;
    case 'loyalty.support_cases': {
      const [prior, weighted] = String(f[4] ?? '0|0').split('|');
      return `${plural(n, 'support case')} in ${l.supportWindowDays} days (${prior} in the ${l.supportWindowDays} before), severity-weighted ${weighted}`;
    }
    case 'loyalty.expiring':
      return `${plural(n, 'entitlement')} expiring within ${l.expiringWithinDays} days`;
    case 'loyalty.recency': {
      const [freq, monetary] = String(f[4] ?? '0|0').split('|');
      return `RFM: last purchase ${n} days ago, ${plural(Number(freq), 'purchase')}, ${monetary} in the last 12 months`;
    }
    case 'loyalty.renewal_window':
      return f[4] ? `Renewal in ${n} days: T-${f[4]} window open` : `Renewal in ${n} days`;
    case 'loyalty.churn_risk':
      return `Churn risk ${Math.round(n * 100)}%`;
    case 'loyalty.lifetime_value':
      return `Estimated lifetime value ${n}`;
    case 'loyalty.bounds':
      return 'Loyalty capped to 0..100';
    default:
      return cap(f[0]);
  }
}
