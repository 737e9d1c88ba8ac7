import type { ScoreFactor } from '../../intelligence/entities/account-score.entity';

/**
 * What moves the loyalty model's churn estimate (the logistic rule in intelligence/loyalty/loyalty-sql.util.ts:
 * lapses, downgrades, severity-weighted support load and shrinking seats raise it; renewals kept and tenure
 * lower it). The card names the ones present on this account, in the loyalty factors' own words.
 */
const RAISES = ['loyalty.lapses', 'loyalty.downgrades', 'loyalty.support_cases', 'loyalty.seats_trend'];
const LOWERS = ['loyalty.renewals', 'loyalty.tenure'];

/** Card bands: at or above HIGH reps see a warning; below LOW it reads as low. */
export const CHURN_RISK_HIGH = 0.5;
export const CHURN_RISK_LOW = 0.2;

export interface ChurnRiskView {
  /** Probability (0..1) from the loyalty model; null for prospects (nothing to churn from). */
  value: number | null;
  /** The value and its drivers in words, e.g. "High churn risk (62%): 2 lapsed or cancelled; offset by 3 renewals kept". */
  reason: string | null;
}

const lowerFirst = (s: string): string => (s.length > 1 && /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function present(f: ScoreFactor | undefined): f is ScoreFactor {
  if (!f || f.rawValue === null || f.rawValue === undefined) return false;
  const n = Number(f.rawValue);
  // Seats count only when shrinking (now / a year ago < 1); the other drivers when non-zero.
  if (f.signal === 'loyalty.seats_trend') return Number.isFinite(n) && n < 1;
  return Number.isFinite(n) && n > 0;
}

export function churnRiskFrom(factors: ScoreFactor[] | null | undefined): ChurnRiskView {
  const list = factors ?? [];
  const risk = list.find((f) => f.signal === 'loyalty.churn_risk');
  const raw = risk?.rawValue === null || risk?.rawValue === undefined ? NaN : Number(risk.rawValue);
  if (!Number.isFinite(raw)) return { value: null, reason: null };
  const value = Math.max(0, Math.min(1, raw));
  const level = value >= CHURN_RISK_HIGH ? 'High' : value >= CHURN_RISK_LOW ? 'Moderate' : 'Low';
  const bySignal = new Map(list.map((f) => [f.signal, f]));
  const words = (signals: string[]) => signals.map((s) => bySignal.get(s)).filter(present).map((f) => lowerFirst(f.text));
  const up = words(RAISES);
  const down = words(LOWERS);
  const parts = [up.length ? up.join('; ') : 'no lapses, downgrades, support load or shrinking seats', down.length ? `offset by ${down.join(' and ')}` : ''];
  return { value, reason: `${level} churn risk (${Math.round(value * 100)}%): ${parts.filter(Boolean).join('; ')}` };
}
