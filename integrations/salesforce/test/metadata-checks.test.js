'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runAllChecks } = require('../scripts/lib/metadata-checks');

const PROJECT = path.resolve(__dirname, '..');
const DEFAULT = 'force-app/main/default';

/** Copies the SFDX tree to a temp dir so a test can break one thing and see the checks catch it. */
function copyProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-sfdx-'));
  for (const entry of ['sfdx-project.json', 'force-app', 'unpackaged']) {
    fs.cpSync(path.join(PROJECT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

function edit(dir, file, from, to) {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture drift: ${from} not in ${file}`);
  fs.writeFileSync(full, text.replace(from, to));
}

describe('SFDX metadata consistency', () => {
  const copies = [];
  const scratch = () => {
    const dir = copyProject();
    copies.push(dir);
    return dir;
  };
  afterAll(() => copies.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('finds no problem in the shipped tree', () => {
    const { problems, inventory } = runAllChecks(PROJECT);
    expect(problems).toEqual([]);
    expect([...inventory.fields.keys()].filter((k) => k.startsWith('Account.')).sort()).toEqual([
      'Account.ABM_Reasons__c', 'Account.ABM_Score_Updated_At__c', 'Account.ABM_Score__c', 'Account.ABM_Tier__c',
    ]);
    expect(inventory.fields.get('Task.ABM_Recommendation_Id__c').definedOn).toBe('Activity');
    expect(inventory.fields.get('ABM_Recommendation__c.External_Id__c').meta).toMatchObject({ externalId: 'true', unique: 'true' });
    expect([...inventory.permissionSets.keys()].sort()).toEqual(['ABM_Integration', 'ABM_Rep_Viewer']);
  });

  it('reports malformed XML with file and line', () => {
    const dir = scratch();
    const file = `${DEFAULT}/objects/Account/fields/ABM_Tier__c.field-meta.xml`;
    const line = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes('</label>')) + 1;
    edit(dir, file, '</label>', '</lable>');
    const { problems } = runAllChecks(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${file}:${line}: malformed XML`));
  });

  it('reports elements out of Metadata API order', () => {
    const dir = scratch();
    edit(
      dir,
      `${DEFAULT}/objects/ABM_Recommendation__c/fields/Rank__c.field-meta.xml`,
      '    <label>Rank</label>\n',
      '',
    );
    edit(dir, `${DEFAULT}/objects/ABM_Recommendation__c/fields/Rank__c.field-meta.xml`, '<unique>false</unique>', '<unique>false</unique>\n    <label>Rank</label>');
    const { problems } = runAllChecks(dir);
    expect(problems).toEqual([
      'force-app/main/default/objects/ABM_Recommendation__c/fields/Rank__c.field-meta.xml: <label> must come before <unique> (Metadata API element order)',
    ]);
  });

  it('rejects custom fields placed under objects/Task', () => {
    const dir = scratch();
    fs.mkdirSync(path.join(dir, DEFAULT, 'objects/Task/fields'), { recursive: true });
    fs.renameSync(
      path.join(dir, DEFAULT, 'objects/Activity/fields/ABM_Recommendation_Id__c.field-meta.xml'),
      path.join(dir, DEFAULT, 'objects/Task/fields/ABM_Recommendation_Id__c.field-meta.xml'),
    );
    const { problems } = runAllChecks(dir);
    expect(problems).toContain(
      'force-app/main/default/objects/Task/fields/ABM_Recommendation_Id__c.field-meta.xml: Task/Event custom fields must live under objects/Activity/fields',
    );
  });

  it('caps Account custom fields at four', () => {
    const dir = scratch();
    fs.copyFileSync(
      path.join(dir, DEFAULT, 'objects/Account/fields/ABM_Score__c.field-meta.xml'),
      path.join(dir, DEFAULT, 'objects/Account/fields/ABM_Fit__c.field-meta.xml'),
    );
    const { problems } = runAllChecks(dir);
    expect(problems.some((p) => p.startsWith('Account has 5 custom fields'))).toBe(true);
    // The new field is also flagged as missing from both permission sets.
    expect(problems).toContain('permission set ABM_Rep_Viewer: no read access to Account.ABM_Fit__c');
  });

  it('catches a permission set naming a field, class or principal that does not exist', () => {
    const dir = scratch();
    const ps = `${DEFAULT}/permissionsets/ABM_Rep_Viewer.permissionset-meta.xml`;
    edit(dir, ps, '<field>Account.ABM_Tier__c</field>', '<field>Account.ABM_Segment__c</field>');
    edit(dir, ps, '<apexClass>AbmInsightsController</apexClass>', '<apexClass>AbmScoreController</apexClass>');
    edit(dir, ps, 'ABM_API-ABM_Org_Key', 'ABM_API-Per_User');
    const { problems } = runAllChecks(dir);
    expect(problems).toEqual(expect.arrayContaining([
      'permission set ABM_Rep_Viewer: field Account.ABM_Segment__c does not exist',
      'permission set ABM_Rep_Viewer: Apex class AbmScoreController does not exist',
      'permission set ABM_Rep_Viewer: External Credential principal ABM_API-Per_User does not exist',
      'permission set ABM_Rep_Viewer: no read access to Account.ABM_Tier__c',
    ]));
  });

  it('rejects field-level security on a required field', () => {
    const dir = scratch();
    edit(dir, `${DEFAULT}/objects/ABM_Recommendation__c/fields/Action__c.field-meta.xml`, '<required>false</required>', '<required>true</required>');
    const { problems } = runAllChecks(dir);
    expect(problems).toContain('permission set ABM_Integration: FLS on required field ABM_Recommendation__c.Action__c is rejected on deploy');
  });

  it('catches LWC imports of missing fields and non-@AuraEnabled Apex methods', () => {
    const dir = scratch();
    edit(dir, `${DEFAULT}/lwc/abmAccountInsights/abmAccountInsights.js`, 'ABM_Score_Update__e.Account_Id__c', 'ABM_Score_Update__e.Record_Id__c');
    edit(dir, `${DEFAULT}/classes/AbmInsightsController.cls`, '@AuraEnabled(cacheable=true)', '');
    const { problems } = runAllChecks(dir);
    expect(problems.sort()).toEqual([
      'lwc abmAccountInsights: @salesforce/schema/ABM_Score_Update__e.Record_Id__c does not resolve to metadata in this tree',
      'lwc abmAccountInsights: AbmInsightsController.getInsights is not an @AuraEnabled static method',
    ]);
  });

  it('catches an Apex syntax error with class and line', () => {
    const dir = scratch();
    edit(dir, `${DEFAULT}/classes/AbmInsightsController.cls`, "req.setMethod('GET');", "req.setMethod('GET')");
    const { problems } = runAllChecks(dir);
    // ANTLR reports the token after the missing semicolon (line 26 starts with `req.setHeader`).
    expect(problems).toEqual(["Apex AbmInsightsController:26:8: missing ';' at 'req'"]);
  });

  it('catches an Apex callout to an unknown Named Credential', () => {
    const dir = scratch();
    edit(dir, `${DEFAULT}/classes/AbmInsightsController.cls`, "'callout:ABM_API/", "'callout:ABM_SERVICE/");
    const { problems } = runAllChecks(dir);
    expect(problems).toEqual(['Apex AbmInsightsController: Named Credential ABM_SERVICE does not exist']);
  });

  it('catches a FlexiPage placing a component that is not in the tree', () => {
    const dir = scratch();
    edit(dir, 'unpackaged/main/default/flexipages/ABM_Account_Record_Page.flexipage-meta.xml', '<componentName>abmAccountInsights<', '<componentName>abmAccountScore<');
    const { problems } = runAllChecks(dir);
    expect(problems).toEqual(['FlexiPage ABM_Account_Record_Page: component abmAccountScore is not an LWC bundle of this tree']);
  });
});
