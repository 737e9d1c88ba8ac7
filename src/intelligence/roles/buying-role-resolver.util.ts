import type { BuyingRole, TitleClassification } from './title-classifier.types';
import { fromHubSpotBuyingRole, fromSalesforceRole, splitMultiValue } from './crm-role-mapping.util';

export type RoleSource = 'hubspot' | 'salesforce' | 'inferred_from_title' | 'none';

export interface CrmRoleValue {
  crm: 'hubspot' | 'salesforce';
  /** The raw field value, e.g. "DECISION_MAKER" or "Decision Maker;Economic Buyer". */
  value: string | null | undefined;
  /** Field it came from, for the audit trail (e.g. "hs_buying_role", "AccountContactRelation.Roles"). */
  field?: string;
}

export interface ResolvedBuyingRole {
  role: BuyingRole;
  source: RoleSource;
  /** 1 for a role set by a person in the CRM; the classifier's confidence for an inferred one. */
  confidence: number;
  /** Every canonical role the CRM holds (multi-select fields can hold several). */
  crmRoles: BuyingRole[];
  /** CRM values that map to nothing we know (custom picklist entries), kept so they are not lost. */
  unmappedCrmValues: string[];
  field?: string;
  inferred?: Pick<TitleClassification, 'buyingRole' | 'confidence' | 'evidence'>;
}

/** When a multi-select holds several roles, the one that matters most for deal strategy is primary. */
const PRIORITY: BuyingRole[] = [
  'decision_maker', 'economic_buyer', 'executive_sponsor', 'blocker', 'champion', 'technical_evaluator',
  'legal_compliance', 'procurement', 'influencer', 'end_user', 'other',
];

/**
 * A role someone set in the CRM always wins over one inferred from the title: people know things a
 * title does not say, and overwriting their choice is the fastest way to lose a rep's trust
 * (market-features.md, opportunity 4: inferences are suggestions, never silent overwrites).
 * CRM values are read in the order given (callers pass the system of record first).
 */
export function resolveBuyingRole(crmValues: readonly CrmRoleValue[], inferred?: TitleClassification): ResolvedBuyingRole {
  const unmapped: string[] = [];
  for (const source of crmValues) {
    const roles: BuyingRole[] = [];
    for (const raw of splitMultiValue(source.value)) {
      const role = source.crm === 'hubspot' ? fromHubSpotBuyingRole(raw) : fromSalesforceRole(raw);
      if (role) {
        if (!roles.includes(role)) roles.push(role);
      } else {
        unmapped.push(raw);
      }
    }
    if (roles.length > 0) {
      const primary = [...roles].sort((a, b) => PRIORITY.indexOf(a) - PRIORITY.indexOf(b))[0];
      return {
        role: primary,
        source: source.crm,
        confidence: 1,
        crmRoles: roles,
        unmappedCrmValues: unmapped,
        ...(source.field ? { field: source.field } : {}),
        ...(inferred ? { inferred: { buyingRole: inferred.buyingRole, confidence: inferred.confidence, evidence: inferred.evidence } } : {}),
      };
    }
  }
  if (inferred && inferred.buyingRole !== 'unknown') {
    return {
      role: inferred.buyingRole,
      source: 'inferred_from_title',
      confidence: inferred.confidence,
      crmRoles: [],
      unmappedCrmValues: unmapped,
      inferred: { buyingRole: inferred.buyingRole, confidence: inferred.confidence, evidence: inferred.evidence },
    };
  }
  return { role: 'unknown', source: 'none', confidence: 0, crmRoles: [], unmappedCrmValues: unmapped };
}
