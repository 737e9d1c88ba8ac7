import { fromHubSpotBuyingRole } from '../../intelligence/roles/crm-role-mapping.util';
import { canonicalRole } from './value-normalizers.util';

/** Labels and internal names ("Decision maker", "decision_maker") compare equal. */
export function labelKey(label: string): string {
  return label.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
}

/**
 * A HubSpot association label → our canonical buying role. A connection's own table (mapping.labelRoles,
 * for custom labels such as "Billing contact") wins; then the hs_buying_role vocabulary HubSpot's default
 * labels share ("Decision maker", "Budget holder", "Champion", …, see intelligence/roles); then the common
 * Salesforce-style names ("Economic buyer", "Technical evaluator"); anything else is 'other' and keeps
 * its label in crm_role.
 */
export function roleForLabel(label: string, overrides: Record<string, string> = {}): string {
  const key = labelKey(label);
  for (const [name, role] of Object.entries(overrides)) if (labelKey(name) === key) return role;
  const hubspot = fromHubSpotBuyingRole(key);
  if (hubspot && hubspot !== 'unknown') return hubspot;
  if (LABEL_ALIASES[key]) return LABEL_ALIASES[key];
  const asWritten = canonicalRole(label);
  return asWritten !== 'other' ? asWritten : canonicalRole(key.replace(/_/g, ' '));
}

/** Label spellings seen in portals that neither vocabulary lists verbatim. */
const LABEL_ALIASES: Record<string, string> = {
  legal_compliance: 'legal_compliance', legal: 'legal_compliance', budget_owner: 'economic_buyer', economic_buyer: 'economic_buyer',
  technical_evaluator: 'technical_evaluator', technical_buyer: 'technical_evaluator', executive_sponsor: 'executive_sponsor', procurement: 'procurement', purchasing: 'procurement',
};
