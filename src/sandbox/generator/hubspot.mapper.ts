import type { BuyingRole, WorldActivity, WorldCompany, WorldContact, WorldLicense, WorldLineItem, WorldOpportunity } from './world.types';

/**
 * World → HubSpot CRM v3 records (`properties` as strings, as the API takes them). Pure functions;
 * the loader adds the custom properties and the `licenses` custom object below to the sandbox's
 * schema first, and wires associations with the ids the store returns.
 */
export interface HsRecord {
  properties: Record<string, string | null>;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface HsPropertySpec {
  name: string;
  type?: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
  options?: string[];
  label?: string;
}

export const HUBSPOT_DEMO_PROPERTIES: Record<string, HsPropertySpec[]> = {
  companies: [
    { name: 'abm_demo_key', label: 'Demo key' },
    // Written by some teams' own Salesforce integrations: the duplicate's Salesforce Account Id.
    { name: 'salesforce_account_id', label: 'Salesforce Account ID' },
    { name: 'founded_year', label: 'Year Founded' },
    { name: 'abm_technologies', label: 'Technologies' },
    { name: 'abm_segment', type: 'enumeration', options: ['SMB', 'Mid-Market', 'Enterprise'], label: 'Segment' },
    { name: 'abm_cloud_maturity', type: 'enumeration', options: ['low', 'medium', 'high'], label: 'Cloud maturity' },
  ],
  contacts: [{ name: 'abm_demo_key', label: 'Demo key' }],
  deals: [{ name: 'abm_demo_key', label: 'Demo key' }],
};

export const LICENSE_OBJECT = { name: 'licenses', singular: 'license', primaryDisplayProperty: 'license_name' } as const;

export const LICENSE_PROPERTIES: HsPropertySpec[] = [
  { name: 'license_name', label: 'License' },
  { name: 'subscription_key', label: 'Subscription' },
  { name: 'product', label: 'Product' },
  { name: 'event_type', type: 'enumeration', options: ['purchase', 'renewal', 'upgrade', 'downgrade', 'cancellation'], label: 'Event' },
  { name: 'seats', type: 'number', label: 'Seats' },
  { name: 'used_seats', type: 'number', label: 'Used seats' },
  { name: 'annual_value', type: 'number', label: 'Annual value' },
  { name: 'start_date', type: 'date', label: 'Start date' },
  { name: 'end_date', type: 'date', label: 'End date' },
  { name: 'license_status', type: 'enumeration', options: ['active', 'expired', 'cancelled'], label: 'Status' },
];

/** HubSpot's company `industry` option values for our industries. */
const HS_INDUSTRY: Record<string, string> = {
  Software: 'COMPUTER_SOFTWARE',
  'Information Technology & Services': 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'Financial Services': 'FINANCIAL_SERVICES',
  Telecommunications: 'TELECOMMUNICATIONS',
  Semiconductors: 'SEMICONDUCTORS',
  Healthcare: 'HOSPITAL_HEALTH_CARE',
  Pharmaceuticals: 'PHARMACEUTICALS',
  Manufacturing: 'INDUSTRIAL_AUTOMATION',
  Automotive: 'AUTOMOTIVE',
  'Logistics & Supply Chain': 'LOGISTICS_AND_SUPPLY_CHAIN',
  Retail: 'RETAIL',
  'Energy & Utilities': 'UTILITIES',
  Construction: 'CONSTRUCTION',
  Education: 'EDUCATION_MANAGEMENT',
  Government: 'GOVERNMENT_ADMINISTRATION',
  Hospitality: 'HOSPITALITY',
  'Food & Beverage': 'FOOD_BEVERAGES',
};

/** Canonical role → `hs_buying_role` option (HubSpot has no procurement option: OTHER). */
export const HS_ROLE: Record<BuyingRole, string> = {
  decision_maker: 'DECISION_MAKER',
  economic_buyer: 'BUDGET_HOLDER',
  champion: 'CHAMPION',
  technical_evaluator: 'INFLUENCER',
  procurement: 'OTHER',
  legal_compliance: 'LEGAL_AND_COMPLIANCE',
  executive_sponsor: 'EXECUTIVE_SPONSOR',
  influencer: 'INFLUENCER',
  end_user: 'END_USER',
  blocker: 'BLOCKER',
};

/** Deal-to-contact association labels that carry opportunity contact roles (user-defined in HubSpot). */
export const HS_DEAL_CONTACT_LABEL: Record<BuyingRole, string> = {
  decision_maker: 'Decision Maker',
  economic_buyer: 'Budget Holder',
  champion: 'Champion',
  technical_evaluator: 'Technical Evaluator',
  procurement: 'Procurement',
  legal_compliance: 'Legal & Compliance',
  executive_sponsor: 'Executive Sponsor',
  influencer: 'Influencer',
  end_user: 'End User',
  blocker: 'Blocker',
};

/** Salesforce default stages → HubSpot default pipeline stages. */
const HS_STAGE: Record<string, string> = {
  Prospecting: 'appointmentscheduled',
  Qualification: 'qualifiedtobuy',
  'Needs Analysis': 'presentationscheduled',
  'Value Proposition': 'presentationscheduled',
  'Id. Decision Makers': 'decisionmakerboughtin',
  'Perception Analysis': 'decisionmakerboughtin',
  'Proposal/Price Quote': 'contractsent',
  'Negotiation/Review': 'contractsent',
  'Closed Won': 'closedwon',
  'Closed Lost': 'closedlost',
};

const iso = (d: Date): string => d.toISOString();
const day = (d: Date): string => d.toISOString().slice(0, 10);

export function hsCompany(c: WorldCompany, salesforceAccountId: string | null): HsRecord {
  return {
    createdAt: c.createdAt,
    properties: {
      name: c.hubspotName,
      domain: c.domain,
      website: c.website,
      industry: HS_INDUSTRY[c.industry] ?? null,
      numberofemployees: String(c.employees),
      annualrevenue: String(c.annualRevenue),
      country: c.countryName,
      city: c.city,
      phone: c.phone,
      lifecyclestage: c.customer ? 'customer' : 'lead',
      founded_year: String(c.foundedYear),
      abm_demo_key: c.key,
      salesforce_account_id: salesforceAccountId,
      abm_technologies: c.technologies.join(';'),
      abm_segment: c.segment,
      abm_cloud_maturity: c.cloudMaturity,
    },
  };
}

export function hsContact(c: WorldContact, company: WorldCompany, companyId: string): HsRecord {
  return {
    createdAt: c.createdAt,
    properties: {
      email: c.email,
      firstname: c.firstName,
      lastname: c.lastName,
      jobtitle: c.title,
      company: company.hubspotName,
      phone: c.phone,
      country: company.countryName,
      city: company.city,
      associatedcompanyid: companyId,
      lifecyclestage: company.customer ? 'customer' : 'lead',
      hs_buying_role: c.buyingRole && c.roleRecordedInCrm ? HS_ROLE[c.buyingRole] : null,
      hs_email_optout: c.emailOptOut ? 'true' : 'false',
      abm_demo_key: c.key,
    },
  };
}

export function hsDeal(o: WorldOpportunity): HsRecord {
  return {
    createdAt: o.createdAt,
    properties: {
      dealname: o.name,
      amount: String(o.amount),
      closedate: iso(o.closeDate),
      pipeline: 'default',
      dealstage: HS_STAGE[o.stage] ?? 'appointmentscheduled',
      dealtype: o.type === 'new' ? 'newbusiness' : 'existingbusiness',
      abm_demo_key: o.key,
    },
  };
}

export function hsLineItem(li: WorldLineItem, createdAt: Date): HsRecord {
  return {
    createdAt,
    properties: {
      name: li.product,
      price: String(li.unitPrice),
      quantity: String(li.quantity),
      amount: String(li.unitPrice * li.quantity),
      hs_sku: li.product.toUpperCase().replace(/[^A-Z]+/g, '-'),
    },
  };
}

const TASK_TYPE: Record<WorldActivity['kind'], string> = { task: 'TODO', call: 'CALL', email: 'EMAIL', meeting: 'MEETING', note: 'TODO' };

/** Notes become HubSpot notes; everything else a task with the matching `hs_task_type`. */
export function hsEngagement(a: WorldActivity): { type: 'tasks' | 'notes'; record: HsRecord } {
  if (a.kind === 'note') {
    return { type: 'notes', record: { createdAt: a.at, properties: { hs_timestamp: iso(a.at), hs_note_body: `<p>${a.body}</p>` } } };
  }
  return {
    type: 'tasks',
    record: {
      createdAt: a.at,
      properties: {
        hs_timestamp: iso(a.at),
        hs_task_subject: a.subject,
        hs_task_body: a.body,
        hs_task_status: a.completed ? 'COMPLETED' : 'NOT_STARTED',
        hs_task_priority: 'NONE',
        hs_task_type: TASK_TYPE[a.kind],
      },
    },
  };
}

export function hsLicense(l: WorldLicense): HsRecord {
  return {
    createdAt: l.startDate,
    properties: {
      license_name: `${l.product} ${day(l.startDate)}`,
      subscription_key: l.subscriptionKey,
      product: l.product,
      event_type: l.event,
      seats: String(l.seats),
      used_seats: String(l.usedSeats),
      annual_value: String(l.annualValue),
      start_date: day(l.startDate),
      end_date: day(l.endDate),
      license_status: l.status,
    },
  };
}
