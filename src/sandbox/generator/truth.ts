import { generateCompany, industryFitOf } from './company.generator';
import { clamp01, Rng } from '../shared/prng.util';
import { STREAM } from './streams.constants';
import { planWorld, type WorldPlan } from './world-plan.util';
import { CORE_COMMITTEE_ROLES, type AccountTruth, type TruthDrivers, type WorldCompany, type WorldOptions } from './world.types';

/**
 * The latent model behind every generated account (also written up in TRUTH.md).
 *
 * Four drivers, each in [0, 1]:
 *   fit        = 0.4·industryFit + 0.3·sizeFit + 0.2·techFit + 0.1·cloudFit            (deterministic)
 *                industryFit: INDUSTRIES[].icpFit; sizeFit = clamp((log10(employees) − 1) / 3);
 *                techFit = min(1, complementary technologies / 2); cloudFit: low 0, medium 0.5, high 1.
 *   engagement ~ clamp(N(0.4, 0.25))                                                     (latent)
 *   committeeCoverage = k / 6, k = min(round(c·6), contacts), c ~ clamp(N(0.45, 0.3))    (observed)
 *                k = number of the six core roles (decision maker, economic buyer, champion, technical
 *                evaluator, procurement, legal/compliance) held by some contact of the account.
 *   loyalty    ~ clamp(N(0.6, 0.25)) for customers (accounts with license records); 0.5 for prospects
 *                (no history = neutral).                                                   (latent)
 *
 *   propensity = 0.35·fit + 0.25·engagement + 0.25·committeeCoverage + 0.15·loyalty + ε,  ε ~ N(0, 0.05)
 *   winProbability = sigmoid(12 · (propensity − 0.5))
 *
 * Every closed opportunity of the account is won with probability `winProbability` (independently).
 * The latent drivers leave observable traces (see the generators): engagement sets the number and recency
 * of activities and the number of opportunities; loyalty sets renewals vs downgrades/cancellations, seat
 * usage and support-case severity; committee coverage is visible in contacts' titles and (for ~30% of
 * role holders) in the CRM role fields; fit is visible in firmographics.
 */
export const TRUTH_WEIGHTS = { fit: 0.35, engagement: 0.25, committeeCoverage: 0.25, loyalty: 0.15 } as const;
export const TRUTH_NOISE_SD = 0.05;
export const TRUTH_SLOPE = 12;
export const PROSPECT_LOYALTY = 0.5;

const CLOUD_FIT: Record<WorldCompany['cloudMaturity'], number> = { low: 0, medium: 0.5, high: 1 };
const COMPLEMENTARY = new Set(['Salesforce', 'HubSpot', 'Snowflake', 'Segment', 'Marketo', 'Outreach']);

export function fitOf(company: WorldCompany): number {
  const sizeFit = clamp01((Math.log10(company.employees) - 1) / 3);
  const techFit = Math.min(1, company.technologies.filter((t) => COMPLEMENTARY.has(t)).length / 2);
  return clamp01(0.4 * industryFitOf(company.industry) + 0.3 * sizeFit + 0.2 * techFit + 0.1 * CLOUD_FIT[company.cloudMaturity]);
}

export function propensityOf(drivers: TruthDrivers, noise: number): number {
  return (
    TRUTH_WEIGHTS.fit * drivers.fit +
    TRUTH_WEIGHTS.engagement * drivers.engagement +
    TRUTH_WEIGHTS.committeeCoverage * drivers.committeeCoverage +
    TRUTH_WEIGHTS.loyalty * drivers.loyalty +
    noise
  );
}

export function winProbabilityOf(propensity: number): number {
  return sigmoid(TRUTH_SLOPE * (propensity - 0.5));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export interface AccountLatents {
  truth: AccountTruth;
  /** How many of the six core committee roles the account's contacts hold. */
  coreRolesHeld: number;
}

/** Draws an account's latent values. Uses its own stream, so it never shifts other generated data. */
export function accountLatents(plan: WorldPlan, company: WorldCompany): AccountLatents {
  const rng = Rng.for(plan.options.seed, company.index, STREAM.truth);
  const engagement = rng.unitAround(0.4, 0.25);
  const coverageTarget = rng.unitAround(0.45, 0.3);
  const loyaltyDraw = rng.unitAround(0.6, 0.25);
  const noise = rng.normal(0, TRUTH_NOISE_SD);
  const contacts = plan.contactsPer[company.index];
  const coreRolesHeld = Math.min(Math.round(coverageTarget * CORE_COMMITTEE_ROLES.length), contacts);
  const drivers: TruthDrivers = {
    fit: fitOf(company),
    engagement,
    committeeCoverage: coreRolesHeld / CORE_COMMITTEE_ROLES.length,
    loyalty: company.customer ? loyaltyDraw : PROSPECT_LOYALTY,
  };
  const propensity = propensityOf(drivers, noise);
  return {
    coreRolesHeld,
    truth: {
      accountKey: company.key,
      index: company.index,
      domain: company.domain,
      drivers,
      noise,
      propensity,
      winProbability: winProbabilityOf(propensity),
    },
  };
}

/**
 * Ground truth for every account of a world, without generating contacts or histories
 * (cheap: ~1 µs per account). Tests use it to check that scores rank accounts in the documented order.
 */
export function* worldTruth(options: WorldOptions): Generator<AccountTruth> {
  const plan = planWorld(options);
  for (let i = 0; i < options.sizes.accounts; i++) yield accountLatents(plan, generateCompany(plan, i)).truth;
}
