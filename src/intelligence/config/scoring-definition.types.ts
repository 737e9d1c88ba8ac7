/**
 * The scoring configuration as marketers write it (YAML or JSON), versioned in score_configs.
 * Every number that shapes a score lives here, so a change can be diffed, backtested, published and rolled back.
 */

/** One firmographic ICP rule. Exactly one matcher (`in`, `map`, `between`, `anyOf`) is used. */
export interface FitRule {
  signal: string;
  label: string;
  /** 'industry' | 'country' | 'employees' | 'annual_revenue' | 'technologies' | 'custom.<key>' */
  field: string;
  points: number;
  /** Exact (case-insensitive) match against any of the values. */
  in?: string[];
  /** Partial credit: value → share of the points (0..1). */
  map?: Record<string, number>;
  /** Numeric range, inclusive; either bound may be null. */
  between?: [number | null, number | null];
  /** Array field (technologies): share = matches / `needed`, capped at 1. */
  anyOf?: string[];
  needed?: number;
}

export interface EngagementSignal {
  /** activities.type */
  type: string;
  label: string;
  weight: number;
  /** Days after which a signal counts half. */
  halfLifeDays: number;
  /** Only inbound (or direction unknown) activities count: our outbound e-mails are not their engagement. */
  inboundOnly?: boolean;
}

export interface CommitteeRoleSpec {
  role: string;
  label: string;
}

export interface LoyaltyRules {
  /** Loyalty component for accounts without any purchase history (prospects): neutral. */
  prospectScore: number;
  base: number;
  tenurePointsPerYear: number;
  tenureMaxYears: number;
  renewalPoints: number;
  renewalMaxPoints: number;
  lapsePoints: number;
  lapseMaxPoints: number;
  upgradePoints: number;
  upgradeMaxPoints: number;
  downgradePoints: number;
  downgradeMaxPoints: number;
  /** Points per 100 % change of seats vs a year earlier, capped at ±seatsMaxPoints. */
  seatsTrendPoints: number;
  seatsMaxPoints: number;
  /** Severity weights for support cases ('critical'/'S1' … 'low'/'S4'). */
  severityWeights: Record<string, number>;
  supportWindowDays: number;
  supportPointsPerWeightedCase: number;
  supportMaxPoints: number;
  expiringWithinDays: number;
  expiringPoints: number;
  expiringMaxPoints: number;
  recentPurchaseDays: number;
  recentPurchasePoints: number;
  stalePurchaseDays: number;
  stalePurchasePoints: number;
  /** Renewal windows, widest first: days-before-renewal → points added while the window is open. */
  renewalWindows: Array<{ days: number; points: number }>;
  /** Rule-based churn model: logit = intercept + Σ coefficient × feature. */
  churn: { intercept: number; lapses: number; downgrades: number; renewals: number; weightedCases: number; tenureYears: number; seatsShrinking: number };
  /** Annual discount rate used by the lifetime-value estimate. */
  discountRate: number;
}

export interface ScoringDefinition {
  name: string;
  /** Component weights; normalised to sum to 1. */
  weights: { fit: number; engagement: number; committee: number; loyalty: number };
  /** Lower bounds of tiers A, B, C (anything below C is D). */
  tiers: { A: number; B: number; C: number };
  fit: { rules: FitRule[] };
  engagement: {
    /** Decayed weighted signal sum at which engagement reaches ~63 (1 − 1/e) of 100. */
    saturation: number;
    /** Activities older than this never count (keeps the scan small). */
    maxAgeDays: number;
    signals: EngagementSignal[];
  };
  committee: {
    /** Account custom field choosing the template (product line); falls back to 'default'. */
    templateField: string;
    templates: Record<string, CommitteeRoleSpec[]>;
    /** A member counts as engaged with a counted activity within this many days. */
    engagedWithinDays: number;
    /** Inferred (title) roles below this confidence are ignored. */
    minInferredConfidence: number;
    /** Which role a contact on a license/service record of each kind shows (installs vs buys). */
    recordRoles: Record<string, string>;
    /** Shares of the committee component (sum 1): roles covered, roles covered by engaged people, ≥2 engaged people. */
    coverageShare: number;
    engagedShare: number;
    multiThreadShare: number;
  };
  loyalty: LoyaltyRules;
  /** Learned component weights, when training earned them (written by the trainer, not by hand). */
  learned?: { modelVersion: string; weights: ScoringDefinition['weights']; report: Record<string, unknown> };
}
