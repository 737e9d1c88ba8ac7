'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { XMLParser } = require('fast-xml-parser');
const { convertOffline } = require('../scripts/lib/convert-offline');

const PROJECT = path.resolve(__dirname, '..');

describe('source -> metadata conversion (@salesforce/source-deploy-retrieve)', () => {
  let out;
  let result;
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-mdapi-'));
    result = await convertOffline(PROJECT, out);
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('recognises every packaged component with the expected metadata type', () => {
    const names = result.components.map((c) => `${c.type} ${c.fullName}`);
    expect(names).toEqual(expect.arrayContaining([
      'ApexClass AbmInsightsController',
      'ApexClass AbmInsightsControllerTest',
      'CustomField Account.ABM_Score__c',
      'CustomField Account.ABM_Tier__c',
      'CustomField Account.ABM_Reasons__c',
      'CustomField Account.ABM_Score_Updated_At__c',
      'CustomField Activity.ABM_Recommendation_Id__c',
      'CustomObject ABM_Recommendation__c',
      'CustomObject ABM_Score_Update__e',
      'ExternalCredential ABM_API',
      'NamedCredential ABM_API',
      'LightningComponentBundle abmAccountInsights',
      'PermissionSet ABM_Integration',
      'PermissionSet ABM_Rep_Viewer',
    ]));
    // The example record page is not part of the package.
    expect(names).not.toContain('FlexiPage ABM_Account_Record_Page');
  });

  it('writes a metadata-format tree whose package.xml lists the components', () => {
    const pkg = new XMLParser({ isArray: (n) => n === 'types' || n === 'members' }).parse(
      fs.readFileSync(path.join(result.packagePath, 'package.xml'), 'utf8'),
    ).Package;
    const byType = Object.fromEntries(pkg.types.map((t) => [t.name, t.members]));
    expect(byType.CustomField).toContain('ABM_Recommendation__c.External_Id__c');
    expect(byType.CustomObject).toEqual(['ABM_Recommendation__c', 'ABM_Score_Update__e']);
    expect(pkg.version).toBe(66);
  });

  it('folds the Account fields into objects/Account.object and leaves LWC tests out', () => {
    const account = fs.readFileSync(path.join(result.packagePath, 'objects', 'Account.object'), 'utf8');
    for (const f of ['ABM_Score__c', 'ABM_Tier__c', 'ABM_Reasons__c', 'ABM_Score_Updated_At__c']) {
      expect(account).toContain(`<fullName>${f}</fullName>`);
    }
    const lwcFiles = fs.readdirSync(path.join(result.packagePath, 'lwc', 'abmAccountInsights'));
    expect(lwcFiles).toContain('insightsViewModel.js');
    expect(lwcFiles).not.toContain('__tests__');
  });
});
