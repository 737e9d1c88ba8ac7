/**
 * Pure mapping from the card payload to what the card shows: labels, tag variants, filtered lists.
 * Kept apart from the React component so it can be tested without a renderer.
 */
import type { CardPayload, RenewalWindow } from './card-payload.types';
import { MAX_ACTIONS, MAX_REASONS, STALE_AFTER_SECONDS } from './card-config';

export type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';

export interface CardView {
  accountName: string;
  score: number;
  tierLabel: string;
  tierVariant: TagVariant;
  delta: { text: string; direction: 'increase' | 'decrease' } | null;
  deltaReasons: string[];
  trendSummary: string | null;
  reasons: { key: string; text: string; contribution: string; negative: boolean }[];
  committee: {
    coverageLabel: string;
    members: { key: string; name: string; detail: string; engaged: boolean }[];
    missingRoles: string[];
    singleThreaded: boolean;
  };
  loyalty: { summary: string; renewalLabel: string; windowLabel: string | null; highChurnRisk: boolean; churnReason: string | null };
  actions: { key: string; action: string; reason: string; meta: string }[];
  freshness: { label: string; stale: boolean };
}

const WINDOW_LABELS: Record<RenewalWindow, string> = {
  'T-180': 'Renewal in 6 months: plan the expansion story',
  'T-120': 'Renewal in 4 months: confirm champions',
  'T-90': 'Renewal in 3 months: start the renewal conversation',
  'T-60': 'Renewal in 2 months: close open risks',
};

const TIER_VARIANTS: Record<string, TagVariant> = { A: 'success', B: 'info', C: 'default', D: 'warning' };

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "updated 4 minutes ago" from the service's ageSeconds (server clock: no client clock skew). */
export function relativeAge(ageSeconds: number): string {
  if (!Number.isFinite(ageSeconds) || ageSeconds < 0) return 'update time unknown';
  if (ageSeconds < 60) return 'updated just now';
  const minutes = Math.floor(ageSeconds / 60);
  if (minutes < 60) return `updated ${plural(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `updated ${plural(hours, 'hour')} ago`;
  return `updated ${plural(Math.floor(hours / 24), 'day')} ago`;
}

export function signed(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

export function isStale(freshness: CardPayload['freshness'], staleAfterSeconds = STALE_AFTER_SECONDS): boolean {
  return freshness.stale || freshness.ageSeconds >= staleAfterSeconds;
}

function trendSummary(trend: CardPayload['score']['trend']): string | null {
  if (trend.length < 2) return null;
  const sorted = [...trend].sort((a, b) => a.at.localeCompare(b.at));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const days = Math.round((Date.parse(last.at) - Date.parse(first.at)) / 86_400_000);
  return `${Math.round(first.value)} → ${Math.round(last.value)} over ${plural(days, 'day')}`;
}

function loyaltyView(loyalty: CardPayload['loyalty']): CardView['loyalty'] {
  const parts = [
    loyalty.score !== null ? `Loyalty ${Math.round(loyalty.score)}` : null,
    loyalty.tenureMonths !== null ? `customer for ${plural(loyalty.tenureMonths, 'month')}` : null,
    loyalty.churnRisk !== null ? `churn risk ${Math.round(loyalty.churnRisk * 100)}%` : null,
  ].filter((p): p is string => p !== null);
  const { nextRenewalDate, daysToRenewal, window } = loyalty.renewal;
  return {
    summary: parts.length ? parts.join(' · ') : 'No loyalty data yet',
    renewalLabel: nextRenewalDate
      ? `Renews ${nextRenewalDate}${daysToRenewal !== null ? ` (in ${plural(daysToRenewal, 'day')})` : ''}`
      : 'No renewal on file',
    windowLabel: window ? WINDOW_LABELS[window] : null,
    highChurnRisk: loyalty.churnRisk !== null && loyalty.churnRisk >= 0.5,
    // Older service versions send no reason: show none rather than "undefined".
    churnReason: loyalty.churnRiskReason ?? null,
  };
}

export function toCardView(payload: CardPayload, staleAfterSeconds = STALE_AFTER_SECONDS): CardView {
  const { score, committee } = payload;
  const reasons = [...payload.topReasons]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, MAX_REASONS)
    .map((r, i) => ({ key: `${r.factor}-${i}`, text: r.text, contribution: signed(r.contribution), negative: r.contribution < 0 }));
  const actions = payload.nextActions
    .filter((a) => a.status === 'open' || a.status === 'accepted')
    .slice(0, MAX_ACTIONS)
    .map((a) => ({
      key: a.id,
      action: a.action,
      reason: a.reason,
      meta: [
        a.owner ? `Owner: ${a.owner}` : null,
        a.dueDate ? `Due ${a.dueDate}` : null,
        a.expectedImpact !== null ? `Impact ${signed(a.expectedImpact)} pts` : null,
        a.status === 'accepted' ? 'Accepted' : null,
      ]
        .filter(Boolean)
        .join(' · '),
    }));
  return {
    accountName: payload.account.name,
    score: Math.round(score.value),
    tierLabel: score.tier ? `Tier ${score.tier}` : 'No tier',
    tierVariant: score.tier ? TIER_VARIANTS[score.tier] : 'default',
    delta:
      score.delta !== null && score.delta !== 0
        ? { text: signed(score.delta), direction: score.delta > 0 ? 'increase' : 'decrease' }
        : null,
    deltaReasons: score.deltaReasons,
    trendSummary: trendSummary(score.trend),
    reasons,
    committee: {
      coverageLabel: `${Math.round(committee.coverage * 100)}% of the buying committee covered`,
      members: committee.members.map((m) => ({
        key: m.contactId,
        name: m.name,
        detail: [m.role, m.title].filter(Boolean).join(' · '),
        engaged: m.engaged,
      })),
      missingRoles: committee.missingRoles,
      singleThreaded: committee.singleThreaded,
    },
    loyalty: loyaltyView(payload.loyalty),
    actions,
    freshness: { label: relativeAge(payload.freshness.ageSeconds), stale: isStale(payload.freshness, staleAfterSeconds) },
  };
}
