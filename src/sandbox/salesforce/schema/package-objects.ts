import { field, lookup, type SfObjectDef } from './field.types';
import { owner, systemFields } from './standard-objects';

/**
 * The custom object our SFDX package ships (integrations/salesforce/force-app/main/default/objects/
 * ABM_Recommendation__c), as an installed package would add it to an org: Account and Contact lookups,
 * a unique external id for upserts, status picklist, owner. `prefix` is the package namespace (`abmx__`).
 */
export function recommendationObject(prefix = ''): SfObjectDef {
  const n = (name: string): string => `${prefix}${name}`;
  return {
    name: n('ABM_Recommendation__c'),
    label: 'ABM Recommendation',
    labelPlural: 'ABM Recommendations',
    // Custom objects get an org-specific a0x prefix; any unused one will do in the sandbox.
    keyPrefix: 'a0X',
    custom: true,
    nameField: 'Name',
    fields: [
      ...systemFields(),
      owner(),
      field('Name', 'string', { length: 80, label: 'Recommendation' }),
      lookup(n('Account__c'), 'Account', { custom: true }),
      lookup(n('Contact__c'), 'Contact', { custom: true }),
      field(n('External_Id__c'), 'string', { length: 64, externalId: true, unique: true, custom: true }),
      field(n('Action__c'), 'string', { length: 255, custom: true }),
      field(n('Reason__c'), 'textarea', { length: 2000, custom: true }),
      field(n('Status__c'), 'picklist', { picklistValues: ['open', 'accepted', 'done', 'dismissed'], restrictedPicklist: true, defaultValue: 'open', custom: true }),
      field(n('Due_Date__c'), 'date', { custom: true }),
      field(n('Expected_Impact__c'), 'double', { precision: 5, scale: 1, custom: true }),
      field(n('Rank__c'), 'double', { precision: 3, scale: 0, custom: true }),
    ],
  };
}
