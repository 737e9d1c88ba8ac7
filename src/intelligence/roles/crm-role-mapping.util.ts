import type { BuyingRole } from './title-classifier.types';

/**
 * Canonical buying role ↔ CRM picklists.
 * HubSpot contact property `hs_buying_role` (9 values, per public generated contact schemas; see
 * ../shared/reference/market-features.md [H1]). Salesforce AccountContactRelation.Roles (multi-select)
 * and OpportunityContactRole.Role share the default values listed in the object reference [S1][S2].
 * Where a CRM has no equivalent, the outbound mapping is marked `exact: false` so callers can decide
 * not to overwrite; inbound values always map to exactly one canonical role.
 */
export const HUBSPOT_BUYING_ROLES = [
  'BUDGET_HOLDER', 'CHAMPION', 'DECISION_MAKER', 'END_USER', 'EXECUTIVE_SPONSOR', 'INFLUENCER',
  'LEGAL_AND_COMPLIANCE', 'OTHER', 'BLOCKER',
] as const;
export type HubSpotBuyingRole = (typeof HUBSPOT_BUYING_ROLES)[number];

export const SALESFORCE_CONTACT_ROLES = [
  'Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator',
  'Executive Sponsor', 'Influencer', 'Technical Buyer', 'Other',
] as const;
export type SalesforceContactRole = (typeof SALESFORCE_CONTACT_ROLES)[number];

export interface OutboundRole<T> {
  value: T;
  /** False when the CRM has no value with the same meaning and this is the nearest one. */
  exact: boolean;
}

const TO_HUBSPOT: Record<Exclude<BuyingRole, 'unknown'>, OutboundRole<HubSpotBuyingRole>> = {
  decision_maker: { value: 'DECISION_MAKER', exact: true },
  economic_buyer: { value: 'BUDGET_HOLDER', exact: true },
  champion: { value: 'CHAMPION', exact: true },
  technical_evaluator: { value: 'INFLUENCER', exact: false },
  end_user: { value: 'END_USER', exact: true },
  influencer: { value: 'INFLUENCER', exact: true },
  legal_compliance: { value: 'LEGAL_AND_COMPLIANCE', exact: true },
  procurement: { value: 'OTHER', exact: false },
  executive_sponsor: { value: 'EXECUTIVE_SPONSOR', exact: true },
  blocker: { value: 'BLOCKER', exact: true },
  other: { value: 'OTHER', exact: true },
};

const FROM_HUBSPOT: Record<HubSpotBuyingRole, BuyingRole> = {
  BUDGET_HOLDER: 'economic_buyer',
  CHAMPION: 'champion',
  DECISION_MAKER: 'decision_maker',
  END_USER: 'end_user',
  EXECUTIVE_SPONSOR: 'executive_sponsor',
  INFLUENCER: 'influencer',
  LEGAL_AND_COMPLIANCE: 'legal_compliance',
  OTHER: 'other',
  BLOCKER: 'blocker',
};

const TO_SALESFORCE: Record<Exclude<BuyingRole, 'unknown'>, OutboundRole<SalesforceContactRole>> = {
  decision_maker: { value: 'Decision Maker', exact: true },
  economic_buyer: { value: 'Economic Buyer', exact: true },
  champion: { value: 'Influencer', exact: false },
  technical_evaluator: { value: 'Technical Buyer', exact: true },
  end_user: { value: 'Business User', exact: true },
  influencer: { value: 'Influencer', exact: true },
  legal_compliance: { value: 'Other', exact: false },
  procurement: { value: 'Other', exact: false },
  executive_sponsor: { value: 'Executive Sponsor', exact: true },
  blocker: { value: 'Other', exact: false },
  other: { value: 'Other', exact: true },
};

const FROM_SALESFORCE: Record<SalesforceContactRole, BuyingRole> = {
  'Business User': 'end_user',
  'Decision Maker': 'decision_maker',
  'Economic Buyer': 'economic_buyer',
  // "Economic Decision Maker" is the budget owner who also signs: economic buyer in our vocabulary.
  'Economic Decision Maker': 'economic_buyer',
  Evaluator: 'technical_evaluator',
  'Executive Sponsor': 'executive_sponsor',
  Influencer: 'influencer',
  'Technical Buyer': 'technical_evaluator',
  Other: 'other',
};

/** `unknown` has no CRM value: nothing should be written. */
export function toHubSpotBuyingRole(role: BuyingRole): OutboundRole<HubSpotBuyingRole> | undefined {
  return role === 'unknown' ? undefined : TO_HUBSPOT[role];
}

export function toSalesforceRole(role: BuyingRole): OutboundRole<SalesforceContactRole> | undefined {
  return role === 'unknown' ? undefined : TO_SALESFORCE[role];
}

/** Case- and separator-insensitive (API returns "DECISION_MAKER"; exports sometimes "Decision maker"). */
export function fromHubSpotBuyingRole(value: string): BuyingRole | undefined {
  const key = value.trim().toUpperCase().replace(/[\s-]+/g, '_') as HubSpotBuyingRole;
  return FROM_HUBSPOT[key];
}

export function fromSalesforceRole(value: string): BuyingRole | undefined {
  const wanted = value.trim().toLowerCase();
  const match = SALESFORCE_CONTACT_ROLES.find((r) => r.toLowerCase() === wanted);
  return match ? FROM_SALESFORCE[match] : undefined;
}

/** HubSpot multi-checkbox and Salesforce multipicklist values both arrive as ";"-separated text. */
export function splitMultiValue(value: string | null | undefined): string[] {
  return (value ?? '').split(';').map((v) => v.trim()).filter((v) => v.length > 0);
}
