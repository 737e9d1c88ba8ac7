import type {
  BuyingRole,
  WorldActivity,
  WorldCompany,
  WorldContact,
  WorldLicense,
  WorldOpportunity,
  WorldSupportCase,
  WorldUser,
} from './world.types';

/**
 * World → Salesforce records, in the REST API's field names (Object Reference). Pure functions: the
 * loader resolves the Ids of referenced records and passes them in. Values use the standard picklists
 * of a fresh org where one fits; the extra facts we need (world key, technologies, license events,
 * case severity) go into the custom fields below, which the loader adds to the sandbox's schema.
 */
export type SfRecord = Record<string, unknown>;

export interface SfCustomField {
  object: string;
  name: string;
  type: 'string' | 'textarea' | 'picklist' | 'double' | 'date';
  label: string;
  values?: string[];
  externalId?: boolean;
  length?: number;
}

export const SALESFORCE_DEMO_FIELDS: SfCustomField[] = [
  { object: 'Account', name: 'ABM_Demo_Key__c', type: 'string', label: 'Demo Key', externalId: true, length: 40 },
  { object: 'Account', name: 'Technologies__c', type: 'textarea', label: 'Technologies' },
  { object: 'Account', name: 'Segment__c', type: 'picklist', label: 'Segment', values: ['SMB', 'Mid-Market', 'Enterprise'] },
  { object: 'Account', name: 'Cloud_Maturity__c', type: 'picklist', label: 'Cloud Maturity', values: ['low', 'medium', 'high'] },
  { object: 'Contact', name: 'ABM_Demo_Key__c', type: 'string', label: 'Demo Key', externalId: true, length: 40 },
  { object: 'Opportunity', name: 'ABM_Demo_Key__c', type: 'string', label: 'Demo Key', externalId: true, length: 40 },
  { object: 'Contract', name: 'License_Event__c', type: 'picklist', label: 'License Event', values: ['purchase', 'renewal', 'upgrade', 'downgrade', 'cancellation'] },
  { object: 'Contract', name: 'Product_Name__c', type: 'string', label: 'Product', length: 80 },
  { object: 'Contract', name: 'Seats__c', type: 'double', label: 'Seats' },
  { object: 'Contract', name: 'Used_Seats__c', type: 'double', label: 'Used Seats' },
  { object: 'Contract', name: 'Annual_Value__c', type: 'double', label: 'Annual Value' },
  { object: 'Case', name: 'Severity__c', type: 'picklist', label: 'Severity', values: ['S1', 'S2', 'S3', 'S4'] },
];

/** Our detailed industries onto the standard Account.Industry picklist (detail kept in NaicsDesc). */
const SF_INDUSTRY: Record<string, string> = {
  Software: 'Technology',
  'Information Technology & Services': 'Technology',
  'Financial Services': 'Finance',
  Telecommunications: 'Telecommunications',
  Semiconductors: 'Electronics',
  Healthcare: 'Healthcare',
  Pharmaceuticals: 'Biotechnology',
  Manufacturing: 'Manufacturing',
  Automotive: 'Manufacturing',
  'Logistics & Supply Chain': 'Transportation',
  Retail: 'Retail',
  'Energy & Utilities': 'Utilities',
  Construction: 'Construction',
  Education: 'Education',
  Government: 'Government',
  Hospitality: 'Hospitality',
  'Food & Beverage': 'Food & Beverage',
};

/**
 * Canonical role → ACR `Roles` / OpportunityContactRole `Role` picklist value. Salesforce has no
 * procurement or legal value in the default list, so those land on "Evaluator" and "Other": the
 * real-world ambiguity the role-inference has to live with.
 */
export const SF_ROLE: Record<BuyingRole, string> = {
  decision_maker: 'Decision Maker',
  economic_buyer: 'Economic Buyer',
  champion: 'Influencer',
  technical_evaluator: 'Technical Buyer',
  procurement: 'Evaluator',
  legal_compliance: 'Other',
  executive_sponsor: 'Executive Sponsor',
  influencer: 'Influencer',
  end_user: 'Business User',
  blocker: 'Other',
};

const OPP_TYPE: Record<WorldOpportunity['type'], string> = {
  new: 'New Customer',
  upsell: 'Existing Customer - Upgrade',
  renewal: 'Existing Customer - Replacement',
};

const day = (d: Date): string => d.toISOString().slice(0, 10);
const iso = (d: Date): string => d.toISOString();

export function sfUser(user: WorldUser): SfRecord {
  return {
    FirstName: user.firstName,
    LastName: user.lastName,
    Alias: user.alias,
    Username: user.email,
    Email: user.email,
    Title: 'Account Executive',
    Department: 'Sales',
  };
}

export function sfAccount(c: WorldCompany, ownerId: string): SfRecord {
  return {
    Name: c.name,
    Type: c.customer ? 'Customer - Direct' : 'Prospect',
    Website: c.website,
    Phone: c.phone,
    Industry: SF_INDUSTRY[c.industry] ?? 'Other',
    NaicsDesc: c.industry,
    AnnualRevenue: c.annualRevenue,
    NumberOfEmployees: c.employees,
    Ownership: c.ownership === 'public' ? 'Public' : c.ownership === 'private' ? 'Private' : 'Subsidiary',
    YearStarted: String(c.foundedYear),
    BillingCity: c.city,
    BillingCountry: c.countryName,
    Tradestyle: c.name !== c.nameEn ? c.nameEn : null,
    OwnerId: ownerId,
    CreatedDate: iso(c.createdAt),
    ABM_Demo_Key__c: c.key,
    Technologies__c: c.technologies.join(';'),
    Segment__c: c.segment,
    Cloud_Maturity__c: c.cloudMaturity,
  };
}

const DEPARTMENT_LABEL: Record<WorldContact['department'], string> = {
  executive: 'Executive', procurement: 'Procurement', finance: 'Finance', legal: 'Legal', security: 'Information Security',
  it: 'IT', engineering: 'Engineering', sales: 'Sales', marketing: 'Marketing', hr: 'Human Resources',
  operations: 'Operations', production: 'Production', research: 'R&D',
};

export function sfContact(c: WorldContact, accountId: string, ownerId: string, withDepartment: boolean): SfRecord {
  return {
    AccountId: accountId,
    FirstName: c.firstName,
    LastName: c.lastName,
    Email: c.email,
    Phone: c.phone,
    Title: c.title.slice(0, 128),
    Department: withDepartment ? DEPARTMENT_LABEL[c.department] : null,
    HasOptedOutOfEmail: c.emailOptOut,
    DoNotCall: c.doNotCall,
    OwnerId: ownerId,
    CreatedDate: iso(c.createdAt),
    ABM_Demo_Key__c: c.key,
  };
}

/** Only contacts whose role is recorded in the CRM get a relation carrying `Roles`. */
export function sfAccountContactRelation(c: WorldContact, accountId: string, contactId: string): SfRecord {
  return {
    AccountId: accountId,
    ContactId: contactId,
    Roles: c.buyingRole ? SF_ROLE[c.buyingRole] : null,
    IsDirect: true,
    IsActive: true,
    StartDate: day(c.createdAt),
  };
}

export function sfOpportunity(o: WorldOpportunity, accountId: string, ownerId: string): SfRecord {
  return {
    AccountId: accountId,
    Name: o.name.slice(0, 120),
    StageName: o.stage,
    Amount: o.amount,
    Probability: o.probability,
    CloseDate: day(o.closeDate),
    Type: OPP_TYPE[o.type],
    ForecastCategoryName: o.outcome === 'open' ? (o.probability >= 70 ? 'Commit' : 'Pipeline') : o.outcome === 'won' ? 'Closed' : 'Omitted',
    OwnerId: ownerId,
    CreatedDate: iso(o.createdAt),
    ABM_Demo_Key__c: o.key,
  };
}

export function sfOpportunityContactRole(role: BuyingRole, isPrimary: boolean, opportunityId: string, contactId: string): SfRecord {
  return { OpportunityId: opportunityId, ContactId: contactId, Role: SF_ROLE[role], IsPrimary: isPrimary };
}

/** One Asset per subscription, describing its latest term. */
export function sfAsset(last: WorldLicense, first: WorldLicense, accountId: string): SfRecord {
  return {
    AccountId: accountId,
    Name: last.product,
    SerialNumber: last.subscriptionKey,
    PurchaseDate: day(first.startDate),
    InstallDate: day(first.startDate),
    UsageEndDate: day(last.endDate),
    Status: last.status === 'active' ? 'Installed' : 'Obsolete',
    Quantity: last.seats,
    Price: last.annualValue,
  };
}

/** One Contract per license record (term). */
export function sfContract(l: WorldLicense, accountId: string): SfRecord {
  const months = Math.max(1, Math.round((l.endDate.getTime() - l.startDate.getTime()) / (30.4375 * 86_400_000)));
  return {
    AccountId: accountId,
    StartDate: day(l.startDate),
    EndDate: day(l.endDate),
    ContractTerm: months,
    Status: 'Activated',
    Description: `${l.product} — ${l.event}`,
    License_Event__c: l.event,
    Product_Name__c: l.product,
    Seats__c: l.seats,
    Used_Seats__c: l.usedSeats,
    Annual_Value__c: l.annualValue,
  };
}

/** Entitlement for a live subscription's current term (this is what "expiring in 90 days" reads). */
export function sfEntitlement(current: WorldLicense, accountId: string, assetId: string): SfRecord {
  return {
    Name: `${current.product} Support`,
    AccountId: accountId,
    AssetId: assetId,
    Type: 'Web Support',
    StartDate: day(current.startDate),
    EndDate: day(current.endDate),
  };
}

const PRIORITY: Record<WorldSupportCase['severity'], string> = { S1: 'High', S2: 'High', S3: 'Medium', S4: 'Low' };

export function sfCase(c: WorldSupportCase, accountId: string, contactId: string | null, assetId: string | null): SfRecord {
  return {
    AccountId: accountId,
    ContactId: contactId,
    AssetId: assetId,
    Subject: c.subject,
    Status: c.status,
    Priority: PRIORITY[c.severity],
    Severity__c: c.severity,
    Origin: 'Web',
    Type: 'Other',
    IsEscalated: c.status === 'Escalated',
    ClosedDate: c.closedAt ? iso(c.closedAt) : null,
    CreatedDate: iso(c.openedAt),
  };
}

const TASK_TYPE: Record<WorldActivity['kind'], [string, string]> = {
  task: ['Other', 'Task'],
  call: ['Call', 'Call'],
  note: ['Other', 'Task'],
  email: ['Email', 'Email'],
  meeting: ['Meeting', 'Task'],
};

export function sfTask(a: WorldActivity, whatId: string, whoId: string | null, ownerId: string): SfRecord {
  const [type, subtype] = TASK_TYPE[a.kind];
  return {
    WhatId: whatId,
    WhoId: whoId,
    AccountId: whatId,
    Subject: a.subject,
    Description: a.body,
    ActivityDate: day(a.at),
    Status: a.completed ? 'Completed' : 'Not Started',
    Priority: 'Normal',
    Type: type,
    TaskSubtype: subtype,
    OwnerId: ownerId,
    CreatedDate: iso(a.at),
  };
}
