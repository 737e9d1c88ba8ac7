'use strict';
/**
 * Offline consistency checks for the SFDX tree. Each check returns a list of human-readable problems;
 * an empty list means the tree is consistent. What is checked, and why:
 * - every XML file is well-formed (fast-xml-parser's validator);
 * - elements of fields, objects, list views, permission sets and credentials come in Metadata API order
 *   (fullName first, then alphabetical, as the WSDL defines them and as retrieves write them): a deploy
 *   fails with "Element ... invalid at this location" otherwise;
 * - no custom fields under objects/Task or objects/Event: the Metadata API only accepts activity
 *   fields under objects/Activity (reference in-crm-surfaces.md, section 2.1);
 * - at most four custom fields on Account (reps complain about field sprawl, section 5);
 * - every field, object, Apex class and External Credential principal a permission set names exists,
 *   and no permission set grants FLS on a required field (the Metadata API rejects that);
 * - every custom field and object is covered by each shipped permission set (admins otherwise hit
 *   "field not visible" problems, section 5); platform-event fields are exempt: they have no FLS;
 * - every @salesforce/schema and @salesforce/apex import of the LWC resolves, and the Apex method is @AuraEnabled;
 * - every Apex class parses (apex-syntax.js);
 * - every callout:NAME in Apex names a Named Credential, which names an existing External Credential;
 * - every custom component on a FlexiPage is an LWC bundle of the tree.
 */
const fs = require('fs');
const path = require('path');
const { XMLParser, XMLValidator } = require('fast-xml-parser');
const { loadInventory, objectExists } = require('./metadata-inventory');
const { checkApexSyntax } = require('./apex-syntax');

function rel(inv, file) {
  return path.relative(inv.projectDir, file).split(path.sep).join('/');
}

function checkWellFormed(inv) {
  const problems = [];
  for (const file of inv.files.filter((f) => f.endsWith('.xml'))) {
    const result = XMLValidator.validate(fs.readFileSync(file, 'utf8'));
    if (result !== true) problems.push(`${rel(inv, file)}:${result.err.line}: malformed XML: ${result.err.msg}`);
  }
  return problems;
}

// Source files whose types list their elements alphabetically (fullName first) in the Metadata WSDL.
const ORDERED_FILES = /[\\/](objects|permissionsets|namedCredentials|externalCredentials)[\\/].*\.xml$/;
const orderedParser = new XMLParser({ preserveOrder: true, ignoreAttributes: true });

function orderKey(tag) {
  return tag === 'fullName' ? '' : tag;
}

function firstOrderViolation(nodes) {
  const tags = nodes.map((n) => Object.keys(n).find((k) => k !== ':@')).filter((t) => t && t !== '#text');
  for (let i = 1; i < tags.length; i++) {
    if (orderKey(tags[i]) < orderKey(tags[i - 1])) return `<${tags[i]}> must come before <${tags[i - 1]}>`;
  }
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (tag && Array.isArray(node[tag])) {
      const inner = firstOrderViolation(node[tag]);
      if (inner) return inner;
    }
  }
  return null;
}

function checkElementOrder(inv) {
  const problems = [];
  for (const file of inv.files.filter((f) => ORDERED_FILES.test(f))) {
    const doc = orderedParser.parse(fs.readFileSync(file, 'utf8')).filter((n) => !n['?xml']);
    const violation = firstOrderViolation(doc);
    if (violation) problems.push(`${rel(inv, file)}: ${violation} (Metadata API element order)`);
  }
  return problems;
}

function checkActivityFields(inv) {
  return inv.files
    .filter((f) => /[\\/]objects[\\/](Task|Event)[\\/]fields[\\/]/.test(f))
    .map((f) => `${rel(inv, f)}: Task/Event custom fields must live under objects/Activity/fields`);
}

function checkAccountFieldBudget(inv, max = 4) {
  const accountFields = [...inv.fields.keys()].filter((k) => k.startsWith('Account.'));
  return accountFields.length > max ? [`Account has ${accountFields.length} custom fields (${accountFields.join(', ')}); at most ${max} allowed`] : [];
}

function isRequired(field) {
  return field.meta.required === 'true' || field.meta.type === 'MasterDetail';
}

function checkPermissionSetReferences(inv) {
  const problems = [];
  for (const [name, ps] of inv.permissionSets) {
    for (const fp of ps.fieldPermissions || []) {
      const field = inv.fields.get(fp.field);
      if (!field) problems.push(`permission set ${name}: field ${fp.field} does not exist`);
      else if (isRequired(field)) problems.push(`permission set ${name}: FLS on required field ${fp.field} is rejected on deploy`);
    }
    for (const op of ps.objectPermissions || []) {
      if (!objectExists(inv, op.object)) problems.push(`permission set ${name}: object ${op.object} does not exist`);
    }
    for (const ca of ps.classAccesses || []) {
      if (!inv.classes.has(ca.apexClass)) problems.push(`permission set ${name}: Apex class ${ca.apexClass} does not exist`);
    }
    for (const pa of ps.externalCredentialPrincipalAccesses || []) {
      const [credential, principal] = String(pa.externalCredentialPrincipal).split('-');
      if (!(inv.externalCredentials.get(credential) || []).includes(principal)) {
        problems.push(`permission set ${name}: External Credential principal ${pa.externalCredentialPrincipal} does not exist`);
      }
    }
  }
  return problems;
}

function checkPermissionSetCoverage(inv, permissionSetNames) {
  const problems = [];
  for (const name of permissionSetNames) {
    const ps = inv.permissionSets.get(name);
    if (!ps) {
      problems.push(`permission set ${name} is missing`);
      continue;
    }
    const granted = new Set((ps.fieldPermissions || []).filter((fp) => fp.readable === 'true').map((fp) => fp.field));
    const objects = new Set((ps.objectPermissions || []).filter((op) => op.allowRead === 'true').map((op) => op.object));
    for (const [key, field] of inv.fields) {
      const [object] = key.split('.');
      // Activity fields are granted as Task.X (the object reps and the integration use); Event is optional.
      if (object === 'Activity' || object === 'Event' || object.endsWith('__e') || isRequired(field)) continue;
      if (!granted.has(key)) problems.push(`permission set ${name}: no read access to ${key}`);
    }
    for (const object of inv.objects.keys()) {
      if (!objects.has(object)) problems.push(`permission set ${name}: no read access to object ${object}`);
    }
  }
  return problems;
}

function importsOf(source) {
  return [...source.matchAll(/import\s+[\s\S]*?\s+from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function auraEnabledMethods(apexSource) {
  return new Set([...apexSource.matchAll(/@AuraEnabled(?:\([^)]*\))?\s+(?:public|global)\s+static\s+[\w<>,\s]+?\s+(\w+)\s*\(/g)].map((m) => m[1]));
}

function checkLwcReferences(inv) {
  const problems = [];
  for (const [bundle, files] of inv.lwc) {
    for (const file of files) {
      for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
        let m;
        if ((m = spec.match(/^@salesforce\/schema\/([^.]+)(?:\.(.+))?$/))) {
          if (m[2] ? !inv.fields.has(`${m[1]}.${m[2]}`) && !STANDARD_FIELD.test(m[2]) : !objectExists(inv, m[1])) {
            problems.push(`lwc ${bundle}: ${spec} does not resolve to metadata in this tree`);
          }
        } else if ((m = spec.match(/^@salesforce\/apex\/(\w+)\.(\w+)$/))) {
          const source = inv.classes.get(m[1]);
          if (!source) problems.push(`lwc ${bundle}: Apex class ${m[1]} does not exist`);
          else if (!auraEnabledMethods(source).has(m[2])) problems.push(`lwc ${bundle}: ${m[1]}.${m[2]} is not an @AuraEnabled static method`);
        }
      }
    }
  }
  return problems;
}
// Standard fields (no __c suffix) are assumed to exist on standard objects.
const STANDARD_FIELD = /^(?!.*__c$)\w+$/;

function stripApexComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

function checkApexReferences(inv) {
  const problems = [];
  const fieldNames = new Set([...inv.fields.keys()].map((k) => k.split('.')[1]));
  for (const [name, raw] of inv.classes) {
    const source = stripApexComments(raw);
    for (const m of source.matchAll(/callout:(\w+)/g)) {
      if (!inv.namedCredentials.has(m[1])) problems.push(`Apex ${name}: Named Credential ${m[1]} does not exist`);
    }
    for (const m of source.matchAll(/\b(\w+__[ce])\b/g)) {
      if (!inv.objects.has(m[1]) && !fieldNames.has(m[1])) problems.push(`Apex ${name}: ${m[1]} is neither an object nor a field of this tree`);
    }
  }
  for (const [name, externals] of inv.namedCredentials) {
    for (const ext of externals) {
      if (!inv.externalCredentials.has(ext)) problems.push(`Named Credential ${name}: External Credential ${ext} does not exist`);
    }
  }
  return problems;
}

function checkFlexiPages(inv) {
  const problems = [];
  for (const [name, page] of inv.flexiPages) {
    for (const region of page.flexiPageRegions || []) {
      for (const item of region.itemInstances || []) {
        const component = item.componentInstance && item.componentInstance.componentName;
        if (component && !component.includes(':') && !inv.lwc.has(component)) {
          problems.push(`FlexiPage ${name}: component ${component} is not an LWC bundle of this tree`);
        }
      }
    }
  }
  return problems;
}

const SHIPPED_PERMISSION_SETS = ['ABM_Integration', 'ABM_Rep_Viewer'];

function runAllChecks(projectDir) {
  const inv = loadInventory(projectDir);
  const wellFormed = checkWellFormed(inv);
  // Later checks parse the XML; on malformed files their answers would be noise.
  if (wellFormed.length) return { inventory: inv, problems: wellFormed };
  const problems = [
    ...checkElementOrder(inv),
    ...checkActivityFields(inv),
    ...checkAccountFieldBudget(inv),
    ...checkPermissionSetReferences(inv),
    ...checkPermissionSetCoverage(inv, SHIPPED_PERMISSION_SETS),
    ...checkLwcReferences(inv),
    ...checkApexSyntax(inv),
    ...checkApexReferences(inv),
    ...checkFlexiPages(inv),
  ];
  return { inventory: inv, problems };
}

module.exports = {
  runAllChecks,
  checkWellFormed,
  checkElementOrder,
  checkActivityFields,
  checkAccountFieldBudget,
  checkPermissionSetReferences,
  checkPermissionSetCoverage,
  checkLwcReferences,
  checkApexReferences,
  checkFlexiPages,
  auraEnabledMethods,
};
