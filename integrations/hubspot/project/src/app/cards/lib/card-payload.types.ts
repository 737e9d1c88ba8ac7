/**
 * The card payload the ABM service serves at GET /api/v1/card/hubspot/{objectType}/{objectId}
 * (and /api/v1/card/salesforce/{accountId}). Mirrors src/write-back/card/card-payload.schema.json in
 * the service repository; test/card-payload-schema.test.ts checks the two agree on the fixtures.
 * Fractions are 0..1, scores 0..100, dates ISO 8601.
 */

export type CrmProvider = 'salesforce' | 'hubspot';
export type Tier = 'A' | 'B' | 'C' | 'D';
export type RenewalWindow = 'T-180' | 'T-120' | 'T-90' | 'T-60';
export type ActionStatus = 'open' | 'accepted' | 'done' | 'dismissed';

export interface TrendPoint {
  at: string;
  value: number;
}

export interface ScoreReason {
  factor: string;
  text: string;
  /** Signed points the factor adds to the score. */
  contribution: number;
}

export interface CommitteeMember {
  contactId: string;
  name: string;
  title: string | null;
  role: string | null;
  engaged: boolean;
}

export interface NextAction {
  id: string;
  action: string;
  reason: string;
  owner: string | null;
  dueDate: string | null;
  /** Expected score change in points if done. */
  expectedImpact: number | null;
  status: ActionStatus;
}

export interface CardPayload {
  crm: { provider: CrmProvider; objectType: string; id: string };
  account: { id: string; name: string };
  score: {
    value: number;
    tier: Tier | null;
    /** Oldest first. */
    trend: TrendPoint[];
    delta: number | null;
    deltaReasons: string[];
  };
  topReasons: ScoreReason[];
  committee: {
    /** Share (0..1) of the expected buying-committee roles covered. */
    coverage: number;
    members: CommitteeMember[];
    missingRoles: string[];
    singleThreaded: boolean;
  };
  loyalty: {
    score: number | null;
    tenureMonths: number | null;
    /** Probability (0..1) of churn before the next renewal. */
    churnRisk: number | null;
    /** The churn risk and what drives it, in words (null with churnRisk). */
    churnRiskReason: string | null;
    renewal: {
      nextRenewalDate: string | null;
      daysToRenewal: number | null;
      window: RenewalWindow | null;
    };
  };
  /** Ordered by rank: first = do first. */
  nextActions: NextAction[];
  freshness: { updatedAt: string; ageSeconds: number; stale: boolean };
}
