'use strict';
/**
 * Reads an SFDX source tree (the package directories of sfdx-project.json) into a small inventory:
 * objects, fields, Apex classes, LWC bundles, credentials, permission sets and FlexiPages.
 * Used by metadata-checks.js; no org, no network.
 */
const fs = require('fs');
const path = require('path');
const { XMLParser } = require('fast-xml-parser');

// Tags that may repeat in the metadata types we read; always parsed as arrays.
const ARRAY_TAGS = new Set([
  'fieldPermissions', 'objectPermissions', 'classAccesses', 'externalCredentialPrincipalAccesses',
  'namedCredentialParameters', 'externalCredentialParameters', 'flexiPageRegions', 'itemInstances',
]);
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ARRAY_TAGS.has(name) });

// Standard objects our metadata may reference; anything else must be defined in the tree.
const STANDARD_OBJECTS = new Set(['Account', 'Contact', 'Lead', 'Opportunity', 'Task', 'Event', 'Activity', 'User']);

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function packageDirs(projectDir) {
  const project = JSON.parse(fs.readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8'));
  return project.packageDirectories.map((d) => path.join(projectDir, d.path));
}

function parseXml(file) {
  return parser.parse(fs.readFileSync(file, 'utf8'));
}

function loadInventory(projectDir) {
  const files = packageDirs(projectDir).flatMap((d) => walk(d));
  const inv = {
    projectDir,
    files,
    objects: new Map(), // name -> CustomObject (custom objects only)
    fields: new Map(), // "Object.Field" -> { file, meta }
    classes: new Map(), // name -> source
    lwc: new Map(), // bundle name -> [js file]
    externalCredentials: new Map(), // name -> [principal names]
    namedCredentials: new Map(), // name -> [external credential names]
    permissionSets: new Map(), // name -> PermissionSet
    flexiPages: new Map(), // name -> FlexiPage
  };

  for (const file of files) {
    const rel = file.split(path.sep).join('/');
    let m;
    if ((m = rel.match(/\/objects\/([^/]+)\/\1\.object-meta\.xml$/))) {
      inv.objects.set(m[1], parseXml(file).CustomObject || {});
    } else if ((m = rel.match(/\/objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/))) {
      const meta = parseXml(file).CustomField || {};
      const owners = m[1] === 'Activity' ? ['Activity', 'Task', 'Event'] : [m[1]];
      for (const owner of owners) inv.fields.set(`${owner}.${m[2]}`, { file, meta, definedOn: m[1] });
    } else if ((m = rel.match(/\/classes\/([^/]+)\.cls$/))) {
      inv.classes.set(m[1], fs.readFileSync(file, 'utf8'));
    } else if ((m = rel.match(/\/lwc\/([^/]+)\/(?!__tests__)([^/]+\.js)$/))) {
      if (!inv.lwc.has(m[1])) inv.lwc.set(m[1], []);
      inv.lwc.get(m[1]).push(file);
    } else if ((m = rel.match(/\/externalCredentials\/([^/]+)\.externalCredential-meta\.xml$/))) {
      const params = (parseXml(file).ExternalCredential || {}).externalCredentialParameters || [];
      inv.externalCredentials.set(
        m[1],
        params.filter((p) => /Principal$/.test(p.parameterType)).map((p) => p.parameterName),
      );
    } else if ((m = rel.match(/\/namedCredentials\/([^/]+)\.namedCredential-meta\.xml$/))) {
      const params = (parseXml(file).NamedCredential || {}).namedCredentialParameters || [];
      inv.namedCredentials.set(m[1], params.filter((p) => p.externalCredential).map((p) => p.externalCredential));
    } else if ((m = rel.match(/\/permissionsets\/([^/]+)\.permissionset-meta\.xml$/))) {
      inv.permissionSets.set(m[1], parseXml(file).PermissionSet || {});
    } else if ((m = rel.match(/\/flexipages\/([^/]+)\.flexipage-meta\.xml$/))) {
      inv.flexiPages.set(m[1], parseXml(file).FlexiPage || {});
    }
  }
  return inv;
}

function objectExists(inv, name) {
  return STANDARD_OBJECTS.has(name) || inv.objects.has(name);
}

module.exports = { loadInventory, packageDirs, walk, objectExists, parseXml };
