import { resolveBuyingRole } from '../../../src/intelligence/roles/buying-role-resolver.util';
import {
  fromHubSpotBuyingRole,
  fromSalesforceRole,
  HUBSPOT_BUYING_ROLES,
  SALESFORCE_CONTACT_ROLES,
  toHubSpotBuyingRole,
  toSalesforceRole,
} from '../../../src/intelligence/roles/crm-role-mapping.util';
import { classifyTitle } from '../../../src/intelligence/roles/title-classifier.service';
import { BUYING_ROLES } from '../../../src/intelligence/roles/title-classifier.types';

describe('CRM role vocabularies', () => {
  it('maps every HubSpot hs_buying_role value in and back out unchanged', () => {
    for (const value of HUBSPOT_BUYING_ROLES) {
      const role = fromHubSpotBuyingRole(value);
      expect(role).toBeDefined();
      expect(toHubSpotBuyingRole(role!)).toEqual({ value, exact: true });
    }
  });

  it('maps every Salesforce contact role in; all but the synonym round-trip exactly', () => {
    for (const value of SALESFORCE_CONTACT_ROLES) {
      const role = fromSalesforceRole(value);
      expect(role).toBeDefined();
      const back = toSalesforceRole(role!);
      if (value === 'Economic Decision Maker') expect(back?.value).toBe('Economic Buyer');
      else if (value === 'Evaluator') expect(back?.value).toBe('Technical Buyer');
      else expect(back).toEqual({ value, exact: true });
    }
  });

  it('has an outbound value for every canonical role but unknown, and flags the lossy ones', () => {
    for (const role of BUYING_ROLES) {
      if (role === 'unknown') {
        expect(toHubSpotBuyingRole(role)).toBeUndefined();
        expect(toSalesforceRole(role)).toBeUndefined();
        continue;
      }
      expect(HUBSPOT_BUYING_ROLES).toContain(toHubSpotBuyingRole(role)!.value);
      expect(SALESFORCE_CONTACT_ROLES).toContain(toSalesforceRole(role)!.value);
    }
    expect(toHubSpotBuyingRole('procurement')).toEqual({ value: 'OTHER', exact: false });
    expect(toSalesforceRole('champion')).toEqual({ value: 'Influencer', exact: false });
    expect(toSalesforceRole('blocker')?.exact).toBe(false);
  });

  it('reads values case- and separator-insensitively and rejects unknown ones', () => {
    expect(fromHubSpotBuyingRole('decision maker')).toBe('decision_maker');
    expect(fromSalesforceRole('economic buyer')).toBe('economic_buyer');
    expect(fromHubSpotBuyingRole('GATEKEEPER')).toBeUndefined();
    expect(fromSalesforceRole('Approver')).toBeUndefined();
  });
});

describe('resolveBuyingRole: the CRM wins over the title', () => {
  const cfo = classifyTitle('Chief Financial Officer');

  it('uses a HubSpot role even when the title suggests another', () => {
    const r = resolveBuyingRole([{ crm: 'hubspot', value: 'CHAMPION', field: 'hs_buying_role' }], cfo);
    expect(r).toMatchObject({ role: 'champion', source: 'hubspot', confidence: 1, field: 'hs_buying_role' });
    expect(r.inferred?.buyingRole).toBe('economic_buyer');
  });

  it('picks the most decisive of several Salesforce roles and keeps them all', () => {
    const r = resolveBuyingRole([{ crm: 'salesforce', value: 'Influencer;Economic Decision Maker;Business User' }], cfo);
    expect(r.role).toBe('economic_buyer');
    expect(r.source).toBe('salesforce');
    expect(r.crmRoles).toEqual(['influencer', 'economic_buyer', 'end_user']);
  });

  it('takes the first CRM source that has a role, in the order given', () => {
    const r = resolveBuyingRole(
      [
        { crm: 'salesforce', value: '' },
        { crm: 'hubspot', value: 'BLOCKER' },
      ],
      cfo,
    );
    expect(r).toMatchObject({ role: 'blocker', source: 'hubspot' });
  });

  it('falls back to the title when the CRM is empty or holds only custom values', () => {
    const r = resolveBuyingRole([{ crm: 'salesforce', value: 'Approver' }], cfo);
    expect(r).toMatchObject({ role: 'economic_buyer', source: 'inferred_from_title', confidence: cfo.confidence });
    expect(r.unmappedCrmValues).toEqual(['Approver']);
  });

  it('says none when neither the CRM nor the title knows', () => {
    expect(resolveBuyingRole([{ crm: 'hubspot', value: null }], classifyTitle('n/a'))).toMatchObject({ role: 'unknown', source: 'none', confidence: 0 });
  });
});
