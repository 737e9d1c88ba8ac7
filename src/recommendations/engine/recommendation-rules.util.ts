import type { ScoreFactor } from '../../intelligence/entities/account-score.entity';

/** Everything the rules look at for one account (read set-based by the refresh service). */
export interface AccountContext {
  accountId: string;
  accountName: string;
  ownerCrmUserId: string | null;
  score: number;
  tier: string;
  delta: number | null;
  deltaReasons: string[];
  factors: ScoreFactor[];
  members: Array<{ contactId: string; name: string; role: string; engaged: boolean; blocked: boolean }>;
  /** Roles the account's buying committee should have. */
  expectedRoles: string[];
  nextRenewalDate: string | null;
  openOpportunities: number;
}

export interface Candidate {
  accountId: string;
  contactId: string | null;
  action: string;
  reason: string;
  reasonFactors: string[];
  ownerType: 'rep' | 'marketing';
  ownerCrmUserId: string | null;
  dueDate: string;
  expectedImpact: number;
  dedupeKey: string;
}

export const DEFAULT_EXPECTED_ROLES = ['economic_buyer', 'decision_maker', 'champion', 'technical_evaluator'];
/** At most this many open recommendations per account, so a rep sees the few that matter. */
export const MAX_PER_ACCOUNT = 3;

const ROLE_WORDS: Record<string, string> = {
  economic_buyer: 'an economic buyer',
  decision_maker: 'a decision maker',
  champion: 'a champion',
  technical_evaluator: 'a technical evaluator',
  executive_sponsor: 'an executive sponsor',
  procurement: 'procurement',
  legal_compliance: 'legal/compliance',
};

function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The strongest factors, in the words the scoring wrote (score decomposition → reason). */
function strongest(factors: ScoreFactor[], component?: string, n = 2): ScoreFactor[] {
  return factors
    .filter((f) => (component ? f.component === component : true) && f.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, n);
}

function because(factors: ScoreFactor[]): string {
  return factors.length === 0 ? '' : ` Because: ${factors.map((f) => `${f.text || f.signal} (${f.contribution > 0 ? '+' : '−'}${Math.abs(f.contribution).toFixed(1)})`).join('; ')}.`;
}

/**
 * Next best actions for one account, ranked by expected impact (score points). Contact-level actions
 * only ever name contacts that are not opted out, not do-not-contact and not deleted (`blocked`).
 */
export function recommendFor(ctx: AccountContext, today: string): Candidate[] {
  const out: Candidate[] = [];
  const key = (action: string, subject: string) => `${ctx.accountId}:${action}:${subject}`;
  const base = { accountId: ctx.accountId, ownerCrmUserId: ctx.ownerCrmUserId };
  const covered = new Set(ctx.members.map((m) => m.role));
  const missing = ctx.expectedRoles.filter((r) => !covered.has(r));
  const committeeFactors = strongest(ctx.factors, 'committee');
  const perRole = ctx.expectedRoles.length > 0 ? 100 / ctx.expectedRoles.length : 0;
  const committeeWeight = ctx.factors.filter((f) => f.component === 'committee').reduce((s, f) => Math.max(s, f.weight), 0) || 0.25;

  for (const role of missing.slice(0, 2)) {
    out.push({
      ...base,
      contactId: null,
      action: 'engage_missing_role',
      reason: `${ctx.accountName} has no ${ROLE_WORDS[role] ?? role.replace(/_/g, ' ')} in the buying committee (${ctx.members.length} known contacts).${because(committeeFactors)}`,
      reasonFactors: committeeFactors.map((f) => f.signal),
      ownerType: 'rep',
      dueDate: addDays(today, ctx.tier === 'A' ? 3 : 7),
      expectedImpact: round(perRole * committeeWeight),
      dedupeKey: key('engage_missing_role', role),
    });
  }

  const engaged = ctx.members.filter((m) => m.engaged && !m.blocked);
  const reachable = ctx.members.filter((m) => !m.engaged && !m.blocked);
  if (engaged.length <= 1 && reachable.length > 0) {
    const target = reachable.find((m) => m.role === 'economic_buyer' || m.role === 'decision_maker') ?? reachable[0];
    out.push({
      ...base,
      contactId: target.contactId,
      action: 'multi_thread',
      reason: `Only ${engaged.length} engaged contact at ${ctx.accountName}: single-threaded deals stall. Reach ${target.name} (${target.role.replace(/_/g, ' ')}).`,
      reasonFactors: ['committee.engaged_members'],
      ownerType: 'rep',
      dueDate: addDays(today, 5),
      expectedImpact: round(perRole * committeeWeight * 0.5),
      dedupeKey: key('multi_thread', target.contactId),
    });
  }

  if (ctx.nextRenewalDate) {
    const days = daysBetween(today, ctx.nextRenewalDate);
    if (days >= 0 && days <= 120) {
      const loyalty = strongest(ctx.factors, 'loyalty');
      out.push({
        ...base,
        contactId: null,
        action: 'renewal_outreach',
        reason: `Renewal on ${ctx.nextRenewalDate} (${days} days).${because(loyalty)}`,
        reasonFactors: loyalty.map((f) => f.signal),
        ownerType: 'rep',
        dueDate: addDays(today, Math.max(1, Math.min(14, days - 60))),
        expectedImpact: round(10 + (120 - days) / 12),
        dedupeKey: key('renewal_outreach', ctx.nextRenewalDate),
      });
    }
  }

  if (ctx.delta !== null && ctx.delta <= -10) {
    out.push({
      ...base,
      contactId: null,
      action: 're_engage',
      reason: `Score fell ${Math.abs(ctx.delta).toFixed(0)} points: ${ctx.deltaReasons.slice(0, 2).join('; ') || 'engagement dropped'}.`,
      reasonFactors: strongest(ctx.factors, 'engagement').map((f) => f.signal),
      ownerType: 'rep',
      dueDate: addDays(today, 3),
      expectedImpact: round(Math.abs(ctx.delta) / 2),
      dedupeKey: key('re_engage', 'score_drop'),
    });
  }

  if (ctx.tier === 'A' && ctx.openOpportunities === 0) {
    const top = strongest(ctx.factors);
    out.push({
      ...base,
      contactId: null,
      action: 'open_opportunity',
      reason: `Tier A (score ${ctx.score.toFixed(0)}) with no open opportunity.${because(top)}`,
      reasonFactors: top.map((f) => f.signal),
      ownerType: 'rep',
      dueDate: addDays(today, 7),
      expectedImpact: round(ctx.score / 5),
      dedupeKey: key('open_opportunity', 'tier_a'),
    });
  }

  if ((ctx.tier === 'B' || ctx.tier === 'C') && engaged.length === 0 && reachable.length > 0) {
    const eng = strongest(ctx.factors, 'engagement');
    out.push({
      ...base,
      ownerCrmUserId: null,
      contactId: null,
      action: 'nurture_enrol',
      reason: `Tier ${ctx.tier} fit but nobody engaged yet: enrol ${reachable.length} reachable contacts in a nurture track.${because(eng)}`,
      reasonFactors: eng.map((f) => f.signal),
      ownerType: 'marketing',
      dueDate: addDays(today, 14),
      expectedImpact: round(5),
      dedupeKey: key('nurture_enrol', 'account'),
    });
  }

  return out.sort((a, b) => b.expectedImpact - a.expectedImpact || a.dedupeKey.localeCompare(b.dedupeKey)).slice(0, MAX_PER_ACCOUNT);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
