import { HS_DEAL_CONTACT_LABEL } from '../../sandbox/generator/hubspot.mapper';
import { labelKey, roleForLabel } from './association-label-roles.util';

describe('roleForLabel', () => {
  it('maps every deal–contact label the demo portal defines back onto its canonical role', () => {
    for (const [role, label] of Object.entries(HS_DEAL_CONTACT_LABEL)) expect([label, roleForLabel(label)]).toEqual([label, role]);
  });

  it('treats labels and internal names alike, lets a connection map custom labels, and falls back to other', () => {
    expect(roleForLabel('decision_maker')).toBe('decision_maker');
    expect(roleForLabel('Decision maker')).toBe('decision_maker');
    expect(roleForLabel('Economic Buyer')).toBe('economic_buyer');
    expect(roleForLabel('Billing contact')).toBe('other');
    expect(roleForLabel('Billing contact', { 'billing_contact': 'economic_buyer' })).toBe('economic_buyer');
    expect(labelKey(' Legal & Compliance ')).toBe('legal_compliance');
  });
});
