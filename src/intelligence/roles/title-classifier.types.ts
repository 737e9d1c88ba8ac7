/** Canonical vocabularies for title-based role inference, shared by both CRMs. */

export const JOB_FUNCTIONS = [
  'executive', 'finance', 'procurement', 'legal_compliance', 'it', 'security', 'engineering',
  'operations', 'marketing', 'sales', 'hr', 'other', 'unknown',
] as const;
export type JobFunction = (typeof JOB_FUNCTIONS)[number];

/** Ordered from most to least senior; `unknown` when the title carries no rank. */
export const SENIORITIES = ['c_level', 'vp_executive', 'director_head', 'manager', 'individual_contributor', 'unknown'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const BUYING_ROLES = [
  'decision_maker', 'economic_buyer', 'champion', 'technical_evaluator', 'end_user', 'influencer',
  'legal_compliance', 'procurement', 'executive_sponsor', 'blocker', 'other', 'unknown',
] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export interface TitleEvidence {
  /** Matched cues that decided the function, e.g. ["cfo", "재무"]. */
  function: string[];
  /** Matched cues that decided the seniority, e.g. ["vice president"] or ["과장"]. */
  seniority: string[];
  /** The function × seniority rule that produced the buying role. */
  buyingRole: string;
  /** Per-part confidence, 0..1. */
  confidence: { function: number; seniority: number; buyingRole: number };
}

export interface TitleClassification {
  title: string;
  function: JobFunction;
  seniority: Seniority;
  /** The exact Korean rank word (e.g. 과장, 책임연구원) when the title has one. */
  rank?: string;
  buyingRole: BuyingRole;
  /** Confidence in the buying role, 0..1 (the weakest link of function, seniority and rule). */
  confidence: number;
  evidence: TitleEvidence;
}
