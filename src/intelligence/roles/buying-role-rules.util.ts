import type { BuyingRole, JobFunction, Seniority } from './title-classifier.types';

export interface BuyingRoleRule {
  role: BuyingRole;
  /** How often the rule holds in practice (0..1); multiplies the title's own confidence. */
  strength: number;
  reason: string;
}

type SeniorityBand = 'top' | 'vp' | 'director' | 'manager' | 'ic';

const BAND: Record<Exclude<Seniority, 'unknown'>, SeniorityBand> = {
  c_level: 'top',
  vp_executive: 'vp',
  director_head: 'director',
  manager: 'manager',
  individual_contributor: 'ic',
};

/**
 * Function × seniority → canonical buying role. The rules follow common B2B sales practice
 * (MEDDIC's economic buyer / champion, the buying-committee personas used by Demandbase and 6sense):
 * - procurement and legal/compliance people play their gatekeeping role at every level;
 * - finance leaders hold the budget (economic buyer); finance staff influence;
 * - CEOs/owners decide; other C-levels sponsor business purchases but decide technical ones;
 * - technical directors/managers evaluate (IT, security, engineering); technical staff are end users,
 *   except security staff, whose review is itself an evaluation;
 * - business VPs decide for their department; directors and managers are the natural champions;
 *   their staff are end users.
 * `blocker` is behavioural (who opposes the deal) and is never inferred from a title.
 */
const RULES: Record<Exclude<JobFunction, 'unknown'>, Partial<Record<SeniorityBand, [BuyingRole, number]>>> = {
  procurement: { top: ['procurement', 0.9], vp: ['procurement', 0.9], director: ['procurement', 0.9], manager: ['procurement', 0.9], ic: ['procurement', 0.85] },
  legal_compliance: { top: ['legal_compliance', 0.9], vp: ['legal_compliance', 0.9], director: ['legal_compliance', 0.9], manager: ['legal_compliance', 0.9], ic: ['legal_compliance', 0.85] },
  finance: { top: ['economic_buyer', 0.85], vp: ['economic_buyer', 0.8], director: ['economic_buyer', 0.65], manager: ['influencer', 0.6], ic: ['influencer', 0.5] },
  executive: { top: ['decision_maker', 0.8], vp: ['executive_sponsor', 0.7], director: ['executive_sponsor', 0.6], manager: ['influencer', 0.5], ic: ['influencer', 0.4] },
  it: { top: ['decision_maker', 0.8], vp: ['decision_maker', 0.7], director: ['technical_evaluator', 0.7], manager: ['technical_evaluator', 0.7], ic: ['end_user', 0.6] },
  engineering: { top: ['decision_maker', 0.75], vp: ['decision_maker', 0.65], director: ['technical_evaluator', 0.7], manager: ['technical_evaluator', 0.65], ic: ['end_user', 0.6] },
  security: { top: ['decision_maker', 0.75], vp: ['technical_evaluator', 0.7], director: ['technical_evaluator', 0.8], manager: ['technical_evaluator', 0.8], ic: ['technical_evaluator', 0.7] },
  operations: { top: ['executive_sponsor', 0.65], vp: ['decision_maker', 0.6], director: ['champion', 0.55], manager: ['champion', 0.5], ic: ['end_user', 0.6] },
  marketing: { top: ['executive_sponsor', 0.65], vp: ['decision_maker', 0.65], director: ['champion', 0.6], manager: ['champion', 0.55], ic: ['end_user', 0.6] },
  sales: { top: ['executive_sponsor', 0.65], vp: ['decision_maker', 0.65], director: ['champion', 0.6], manager: ['champion', 0.55], ic: ['end_user', 0.6] },
  hr: { top: ['executive_sponsor', 0.6], vp: ['decision_maker', 0.6], director: ['champion', 0.55], manager: ['champion', 0.5], ic: ['end_user', 0.55] },
  other: { top: ['executive_sponsor', 0.5], vp: ['influencer', 0.45], director: ['influencer', 0.45], manager: ['influencer', 0.4], ic: ['other', 0.4] },
};

/** Function-only roles: these hold whatever the rank (or with no rank at all). */
const FUNCTION_ONLY: Partial<Record<JobFunction, BuyingRole>> = {
  procurement: 'procurement',
  legal_compliance: 'legal_compliance',
};

export function inferBuyingRole(fn: JobFunction, seniority: Seniority): BuyingRoleRule {
  const functionOnly = FUNCTION_ONLY[fn];
  if (seniority === 'unknown') {
    if (functionOnly) return { role: functionOnly, strength: 0.8, reason: `${fn} × any rank → ${functionOnly}` };
    return { role: 'unknown', strength: 0, reason: 'no rank in the title: role not inferred' };
  }
  if (fn === 'unknown') {
    // A rank alone ("Director", "부장") says how senior, not which committee seat.
    if (seniority === 'c_level') return { role: 'decision_maker', strength: 0.5, reason: 'unknown function × c_level → decision_maker' };
    return { role: 'unknown', strength: 0, reason: 'no function in the title: role not inferred' };
  }
  const [role, strength] = RULES[fn][BAND[seniority]] ?? ['other', 0.3];
  return { role, strength, reason: `${fn} × ${seniority} → ${role}` };
}
