import { field, lookup, SfFieldDef, SfObjectDef } from './field.types';

/**
 * The sObjects the sandbox serves. Field lists follow the Salesforce "Object Reference" pages for each
 * object (Account, Contact, AccountContactRelation, Opportunity, OpportunityContactRole, Asset, Contract,
 * Entitlement, Case, Task, User); Account matches field for field the real records in
 * `shared/fixtures/airbyte-salesforce-expected_records.jsonl` (a Developer Edition org, including its
 * seeded custom fields such as `SLA__c`). Key prefixes are the platform's fixed ones.
 */

/** System audit fields every object has (Object Reference, "System Fields"). */
export function systemFields(): SfFieldDef[] {
  return [
    field('Id', 'id', { system: true, label: 'Record ID', nillable: false }),
    field('IsDeleted', 'boolean', { system: true, label: 'Deleted' }),
    field('CreatedDate', 'datetime', { system: true, nillable: false }),
    lookup('CreatedById', 'User', { system: true, relationshipName: 'CreatedBy', nillable: false }),
    field('LastModifiedDate', 'datetime', { system: true, nillable: false }),
    lookup('LastModifiedById', 'User', { system: true, relationshipName: 'LastModifiedBy', nillable: false }),
    field('SystemModstamp', 'datetime', { system: true, nillable: false }),
  ];
}

export function owner(): SfFieldDef {
  return lookup('OwnerId', 'User', { relationshipName: 'Owner' });
}

function address(prefix: string): SfFieldDef[] {
  const parts = ['Street', 'City', 'State', 'PostalCode', 'Country'];
  return [
    field(`${prefix}Street`, 'textarea', { length: 255 }),
    ...parts.slice(1).map((p) => field(`${prefix}${p}`, 'string', { length: p === 'PostalCode' ? 20 : 80 })),
    field(`${prefix}Latitude`, 'double', { precision: 18, scale: 15 }),
    field(`${prefix}Longitude`, 'double', { precision: 18, scale: 15 }),
    field(`${prefix}GeocodeAccuracy`, 'picklist', { picklistValues: ['Address', 'NearAddress', 'Block', 'Street', 'ExtendedZip', 'Zip', 'City', 'County', 'State', 'Unknown'] }),
    // Compound field: read-only, null when every component is null (as in the Airbyte fixture's ShippingAddress).
    field(`${prefix}Address`, 'address', {
      derived: (get) => {
        const value = {
          city: get(`${prefix}City`) ?? null,
          country: get(`${prefix}Country`) ?? null,
          geocodeAccuracy: get(`${prefix}GeocodeAccuracy`) ?? null,
          latitude: get(`${prefix}Latitude`) ?? null,
          longitude: get(`${prefix}Longitude`) ?? null,
          postalCode: get(`${prefix}PostalCode`) ?? null,
          state: get(`${prefix}State`) ?? null,
          street: get(`${prefix}Street`) ?? null,
        };
        return Object.values(value).every((v) => v === null) ? null : value;
      },
    }),
  ];
}

const personName = (get: (n: string) => unknown): string =>
  [get('Salutation'), get('FirstName'), get('LastName')].filter((v) => v !== null && v !== undefined && v !== '').join(' ');

const picklist = (name: string, values: string[], extra: Parameters<typeof field>[2] = {}): SfFieldDef =>
  field(name, 'picklist', { picklistValues: values, ...extra });

const ACR_ROLES = ['Business User', 'Decision Maker', 'Economic Buyer', 'Economic Decision Maker', 'Evaluator', 'Executive Sponsor', 'Influencer', 'Technical Buyer', 'Other'];
const OCR_ROLES = ACR_ROLES;

export function standardObjects(): SfObjectDef[] {
  const [id, isDeleted, ...audit] = systemFields();
  const obj = (name: string, keyPrefix: string, fields: SfFieldDef[], nameField: string | null = 'Name', labelPlural?: string): SfObjectDef => ({
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    labelPlural: labelPlural ?? `${name.replace(/__c$/, '').replace(/_/g, ' ')}s`,
    keyPrefix,
    custom: name.endsWith('__c'),
    fields,
    nameField,
  });
  return [
    obj('User', '005', [
      id, isDeleted,
      field('Username', 'string', { length: 80, required: true, unique: true }),
      field('LastName', 'string', { length: 80, required: true }),
      field('FirstName', 'string', { length: 40 }),
      field('Name', 'string', { derived: (get) => [get('FirstName'), get('LastName')].filter(Boolean).join(' ') }),
      field('Email', 'email', { required: true }),
      field('Alias', 'string', { length: 8 }),
      field('Title', 'string', { length: 80 }),
      field('CompanyName', 'string', { length: 80 }),
      field('IsActive', 'boolean', { defaultValue: true }),
      picklist('UserType', ['Standard', 'AutomatedProcess'], { defaultValue: 'Standard' }),
      ...audit,
    ]),
    obj('Account', '001', [
      id, isDeleted,
      lookup('MasterRecordId', 'Account', { createable: false, updateable: false }),
      field('Name', 'string', { required: true }),
      picklist('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other']),
      lookup('ParentId', 'Account'),
      ...address('Billing'),
      ...address('Shipping'),
      field('Phone', 'phone'), field('Fax', 'phone'),
      field('AccountNumber', 'string', { length: 40 }),
      field('Website', 'url'),
      field('PhotoUrl', 'url', { createable: false, updateable: false }),
      field('Sic', 'string', { length: 20 }),
      picklist('Industry', ['Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other']),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int', { precision: 8 }),
      picklist('Ownership', ['Public', 'Private', 'Subsidiary', 'Other']),
      field('TickerSymbol', 'string', { length: 20 }),
      field('Description', 'textarea'),
      picklist('Rating', ['Hot', 'Warm', 'Cold']),
      field('Site', 'string', { length: 80 }),
      owner(),
      ...audit,
      field('LastActivityDate', 'date', { createable: false, updateable: false }),
      field('LastViewedDate', 'datetime', { createable: false, updateable: false }),
      field('LastReferencedDate', 'datetime', { createable: false, updateable: false }),
      field('Jigsaw', 'string', { length: 20 }),
      field('JigsawCompanyId', 'string', { length: 20, createable: false, updateable: false }),
      picklist('CleanStatus', ['Matched', 'Different', 'Acknowledged', 'NotFound', 'Inactive', 'Pending', 'SelectMatch', 'Skipped'], { defaultValue: 'Pending' }),
      picklist('AccountSource', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
      field('DunsNumber', 'string', { length: 9 }),
      field('Tradestyle', 'string'),
      field('NaicsCode', 'string', { length: 8 }),
      field('NaicsDesc', 'string', { length: 120 }),
      field('YearStarted', 'string', { length: 4 }),
      field('SicDesc', 'string', { length: 80 }),
      field('DandbCompanyId', 'reference', { referenceTo: ['DandBCompany'], relationshipName: 'DandbCompany' }),
      field('OperatingHoursId', 'reference', { referenceTo: ['OperatingHours'], relationshipName: 'OperatingHours' }),
      picklist('CustomerPriority__c', ['High', 'Low', 'Medium']),
      picklist('SLA__c', ['Gold', 'Silver', 'Platinum', 'Bronze']),
      picklist('Active__c', ['No', 'Yes']),
      field('NumberofLocations__c', 'double', { precision: 3, scale: 0 }),
      picklist('UpsellOpportunity__c', ['Maybe', 'No', 'Yes']),
      field('SLASerialNumber__c', 'string', { length: 10 }),
      field('SLAExpirationDate__c', 'date'),
    ], 'Name', 'Accounts'),
    obj('Contact', '003', [
      id, isDeleted,
      lookup('MasterRecordId', 'Contact', { createable: false, updateable: false }),
      lookup('AccountId', 'Account'),
      field('LastName', 'string', { length: 80, required: true }),
      field('FirstName', 'string', { length: 40 }),
      picklist('Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']),
      field('Name', 'string', { length: 121, derived: personName }),
      ...address('Mailing'),
      field('Phone', 'phone'), field('MobilePhone', 'phone'),
      lookup('ReportsToId', 'Contact'),
      field('Email', 'email'),
      field('Title', 'string', { length: 128 }),
      field('Department', 'string', { length: 80 }),
      picklist('LeadSource', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
      field('Birthdate', 'date'),
      field('Description', 'textarea'),
      owner(),
      field('HasOptedOutOfEmail', 'boolean', { defaultValue: false }),
      // Standard Contact consent fields (Contact object reference): DoNotCall beside HasOptedOutOfEmail.
      field('DoNotCall', 'boolean', { defaultValue: false }),
      field('EmailBouncedDate', 'datetime'),
      ...audit,
      field('LastActivityDate', 'date', { createable: false, updateable: false }),
    ], 'Name', 'Contacts'),
    obj('AccountContactRelation', '07k', [
      id, isDeleted,
      lookup('AccountId', 'Account', { required: true, updateable: false }),
      lookup('ContactId', 'Contact', { required: true, updateable: false }),
      field('Roles', 'multipicklist', { picklistValues: ACR_ROLES }),
      field('IsDirect', 'boolean', { createable: false, updateable: false, defaultValue: false }),
      field('IsActive', 'boolean', { defaultValue: true }),
      field('StartDate', 'date'), field('EndDate', 'date'),
      ...audit,
    ], null, 'Account Contact Relationships'),
    obj('Opportunity', '006', [
      id, isDeleted,
      lookup('AccountId', 'Account'),
      field('Name', 'string', { length: 120, required: true }),
      field('Description', 'textarea'),
      picklist('StageName', ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'], { required: true }),
      field('Amount', 'currency'),
      field('Probability', 'percent', { precision: 3 }),
      field('CloseDate', 'date', { required: true }),
      picklist('Type', ['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']),
      field('NextStep', 'string'),
      picklist('LeadSource', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
      field('IsClosed', 'boolean', { derived: (get) => String(get('StageName') ?? '').startsWith('Closed') }),
      field('IsWon', 'boolean', { derived: (get) => get('StageName') === 'Closed Won' }),
      picklist('ForecastCategoryName', ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
      owner(),
      ...audit,
    ], 'Name', 'Opportunities'),
    obj('OpportunityContactRole', '00K', [
      id, isDeleted,
      lookup('OpportunityId', 'Opportunity', { required: true, updateable: false }),
      lookup('ContactId', 'Contact', { required: true }),
      picklist('Role', OCR_ROLES),
      field('IsPrimary', 'boolean', { defaultValue: false }),
      ...audit,
    ], null, 'Opportunity Contact Roles'),
    obj('Asset', '02i', [
      id, isDeleted,
      lookup('AccountId', 'Account'), lookup('ContactId', 'Contact'),
      field('Name', 'string', { required: true }),
      field('SerialNumber', 'string', { length: 80 }),
      field('InstallDate', 'date'), field('PurchaseDate', 'date'), field('UsageEndDate', 'date'),
      picklist('Status', ['Purchased', 'Shipped', 'Installed', 'Registered', 'Obsolete']),
      field('Price', 'currency'), field('Quantity', 'double', { precision: 12, scale: 2 }),
      field('Description', 'textarea'),
      field('IsCompetitorProduct', 'boolean', { defaultValue: false }),
      owner(),
      ...audit,
    ], 'Name', 'Assets'),
    obj('Contract', '800', [
      id, isDeleted,
      lookup('AccountId', 'Account', { required: true }),
      field('ContractNumber', 'string', { length: 30, autoNumber: true }),
      picklist('Status', ['Draft', 'In Approval Process', 'Activated'], { required: true }),
      field('StartDate', 'date'), field('EndDate', 'date'),
      field('ContractTerm', 'int', { precision: 4 }),
      field('ActivatedDate', 'datetime'),
      field('Description', 'textarea'),
      owner(),
      ...audit,
    ], 'ContractNumber', 'Contracts'),
    obj('Entitlement', '550', [
      id, isDeleted,
      field('Name', 'string', { required: true }),
      lookup('AccountId', 'Account', { required: true }),
      lookup('AssetId', 'Asset'),
      picklist('Type', ['Phone Support', 'Web Support', 'Email Support']),
      field('StartDate', 'date'), field('EndDate', 'date'),
      field('RemainingCases', 'int', { precision: 9 }),
      ...audit,
    ], 'Name', 'Entitlements'),
    obj('Case', '500', [
      id, isDeleted,
      field('CaseNumber', 'string', { length: 30, autoNumber: true }),
      lookup('AccountId', 'Account'), lookup('ContactId', 'Contact'), lookup('AssetId', 'Asset'), lookup('EntitlementId', 'Entitlement'),
      field('Subject', 'string'),
      field('Description', 'textarea'),
      picklist('Status', ['New', 'Working', 'Escalated', 'Closed'], { defaultValue: 'New' }),
      picklist('Priority', ['High', 'Medium', 'Low'], { defaultValue: 'Medium' }),
      picklist('Origin', ['Phone', 'Email', 'Web']),
      picklist('Type', ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']),
      picklist('Reason', ['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other']),
      field('IsClosed', 'boolean', { derived: (get) => get('Status') === 'Closed' }),
      field('ClosedDate', 'datetime', { createable: false, updateable: false }),
      owner(),
      ...audit,
    ], 'CaseNumber', 'Cases'),
    obj('Task', '00T', [
      id, isDeleted,
      // WhoId/WhatId are polymorphic in Salesforce; the sandbox resolves Who to Contact and What to Account.
      lookup('WhoId', 'Contact', { relationshipName: 'Who' }),
      lookup('WhatId', 'Account', { relationshipName: 'What' }),
      field('Subject', 'string'),
      field('ActivityDate', 'date'),
      picklist('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], { defaultValue: 'Not Started' }),
      picklist('Priority', ['High', 'Normal', 'Low'], { defaultValue: 'Normal' }),
      picklist('Type', ['Call', 'Email', 'Meeting', 'Other']),
      picklist('TaskSubtype', ['Task', 'Email', 'Call']),
      field('Description', 'textarea'),
      field('CallDurationInSeconds', 'int'),
      field('IsClosed', 'boolean', { derived: (get) => get('Status') === 'Completed' }),
      owner(),
      ...audit,
    ], 'Subject', 'Tasks'),
  ];
}
