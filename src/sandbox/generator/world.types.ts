/**
 * The shape of a generated demo "world": CRM-neutral records that the mappers turn into native
 * Salesforce and HubSpot records. Keys (`acc-000042`, `con-000042-03`, …) are stable for a given seed
 * and index, so the same world can be regenerated, re-loaded, or compared across both CRMs.
 */

/** How many of each thing to generate. `contacts` and `licenses` are totals across all accounts. */
export interface WorldSizes {
  accounts: number;
  contacts: number;
  /** License records (purchase/renewal/upgrade/downgrade/cancellation terms), across all accounts. */
  licenses: number;
  /** Mean engagement activities per account (scaled by each account's engagement). Default 6. */
  activitiesPerAccount?: number;
}

export interface WorldOptions {
  seed: number;
  sizes: WorldSizes;
  /** Share of companies present in both CRMs, 0..1. The rest is split evenly between SF-only and HS-only. */
  overlap: number;
  /** The world's "today": histories end here, expiries are measured from here. */
  asOf: Date;
  /**
   * Folder holding the title datasets (default: `../shared/data/titles` from the project root).
   * `null` forces the small built-in lists, which are also used when the folder does not exist.
   */
  titlesDir?: string | null;
  /** Accounts per generated chunk (memory bound while streaming). Default 500. */
  chunkSize?: number;
}

export type CrmPresence = 'salesforce' | 'hubspot' | 'both';

/** Our canonical buying-committee vocabulary; the mappers translate it to each CRM's picklist. */
export type BuyingRole =
  | 'decision_maker'
  | 'economic_buyer'
  | 'champion'
  | 'technical_evaluator'
  | 'procurement'
  | 'legal_compliance'
  | 'executive_sponsor'
  | 'influencer'
  | 'end_user'
  | 'blocker';

/** The six roles whose presence counts towards "committee coverage" in the latent model (see truth.ts). */
export const CORE_COMMITTEE_ROLES: readonly BuyingRole[] = [
  'decision_maker',
  'economic_buyer',
  'champion',
  'technical_evaluator',
  'procurement',
  'legal_compliance',
];

export type Department =
  | 'executive'
  | 'procurement'
  | 'finance'
  | 'legal'
  | 'security'
  | 'it'
  | 'engineering'
  | 'sales'
  | 'marketing'
  | 'hr'
  | 'operations'
  | 'production'
  | 'research';

/** 0 = individual contributor … 5 = C-level / owner. */
export type Seniority = 0 | 1 | 2 | 3 | 4 | 5;

export interface WorldUser {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  alias: string;
}

export interface WorldCompany {
  key: string;
  index: number;
  /** Name as the CRM shows it (Hangul for some Korean companies). */
  name: string;
  /** Romanised/English name, for Korean companies whose `name` is in Hangul; otherwise equal to `name`. */
  nameEn: string;
  domain: string;
  website: string;
  industry: string;
  employees: number;
  annualRevenue: number;
  /** ISO 3166-1 alpha-2. */
  country: string;
  countryName: string;
  city: string;
  phone: string;
  technologies: string[];
  foundedYear: number;
  ownership: 'public' | 'private' | 'subsidiary';
  segment: 'SMB' | 'Mid-Market' | 'Enterprise';
  cloudMaturity: 'low' | 'medium' | 'high';
  presence: CrmPresence;
  /** True when the company holds (or held) licenses. */
  customer: boolean;
  ownerKey: string;
  createdAt: Date;
  /** For companies in both CRMs: whether HubSpot carries the Salesforce Account Id in a property. */
  hubspotCarriesSalesforceId: boolean;
  /**
   * The name the HubSpot copy carries. Usually `name`; for some duplicates the romanised name or the
   * name without its legal form, as happens when two teams type the same company in.
   */
  hubspotName: string;
}

export interface WorldContact {
  key: string;
  accountKey: string;
  /** The company's presence, except that a duplicated company's contacts are partly in one CRM only. */
  presence: CrmPresence;
  firstName: string;
  lastName: string;
  /** Korean names are generated in Hangul (family name first when displayed). */
  korean: boolean;
  email: string;
  phone: string;
  title: string;
  titleLanguage: 'en' | 'ko';
  department: Department;
  seniority: Seniority;
  /** The contact's real role in the buying committee (ground truth), or null. */
  buyingRole: BuyingRole | null;
  /** Whether that role is written in the CRM field (about 30%); otherwise it must be inferred. */
  roleRecordedInCrm: boolean;
  emailOptOut: boolean;
  doNotCall: boolean;
  createdAt: Date;
}

export type LicenseEvent = 'purchase' | 'renewal' | 'upgrade' | 'downgrade' | 'cancellation';

/** One term of a subscription. A subscription's terms are consecutive and share `subscriptionKey`. */
export interface WorldLicense {
  key: string;
  accountKey: string;
  subscriptionKey: string;
  product: string;
  event: LicenseEvent;
  startDate: Date;
  endDate: Date;
  seats: number;
  /** Seats in use at the end of the term (or at asOf for the current term): the usage trend. */
  usedSeats: number;
  annualValue: number;
  status: 'active' | 'expired' | 'cancelled';
}

export interface WorldSupportCase {
  key: string;
  accountKey: string;
  contactKey: string | null;
  subject: string;
  severity: 'S1' | 'S2' | 'S3' | 'S4';
  status: 'New' | 'Working' | 'Escalated' | 'Closed';
  openedAt: Date;
  closedAt: Date | null;
}

export type ActivityKind = 'task' | 'call' | 'note' | 'email' | 'meeting';

export interface WorldActivity {
  key: string;
  accountKey: string;
  contactKey: string | null;
  ownerKey: string;
  kind: ActivityKind;
  subject: string;
  body: string;
  at: Date;
  completed: boolean;
}

export type OpportunityType = 'new' | 'renewal' | 'upsell';
export type OpportunityOutcome = 'won' | 'lost' | 'open';

export interface WorldOpportunityContactRole {
  contactKey: string;
  role: BuyingRole;
  isPrimary: boolean;
}

export interface WorldLineItem {
  product: string;
  quantity: number;
  unitPrice: number;
}

export interface WorldOpportunity {
  key: string;
  accountKey: string;
  ownerKey: string;
  name: string;
  type: OpportunityType;
  outcome: OpportunityOutcome;
  /** Stage name in Salesforce's default sales process vocabulary. */
  stage: string;
  probability: number;
  amount: number;
  createdAt: Date;
  closeDate: Date;
  contactRoles: WorldOpportunityContactRole[];
  lineItems: WorldLineItem[];
}

/** The latent drivers of an account, each in [0, 1]. See truth.ts for the exact model. */
export interface TruthDrivers {
  fit: number;
  engagement: number;
  committeeCoverage: number;
  loyalty: number;
}

export interface AccountTruth {
  accountKey: string;
  index: number;
  /** The company's web domain: the key that finds the account in either CRM. */
  domain: string;
  drivers: TruthDrivers;
  noise: number;
  /** w·drivers + noise. Higher means more likely to buy; the outcome draws follow `winProbability`. */
  propensity: number;
  winProbability: number;
}

/** Everything generated for one account. Streams of these are what the loaders consume. */
export interface AccountBundle {
  company: WorldCompany;
  contacts: WorldContact[];
  licenses: WorldLicense[];
  cases: WorldSupportCase[];
  activities: WorldActivity[];
  opportunities: WorldOpportunity[];
  truth: AccountTruth;
}

export interface WorldCounts {
  accounts: number;
  contacts: number;
  licenses: number;
  cases: number;
  activities: number;
  opportunities: number;
}
