'use strict';
/**
 * Source-format -> Metadata-API-format conversion with @salesforce/source-deploy-retrieve, the library
 * the Salesforce CLI itself uses (reference in-crm-surfaces.md, section 7). It proves every file is a
 * recognised metadata type in the right place; it does not prove an org would accept the deploy.
 */
const path = require('path');
const { ComponentSet, MetadataConverter } = require('@salesforce/source-deploy-retrieve');
const { packageDirs } = require('./metadata-inventory');

async function convertOffline(projectDir, outputDirectory, { packagedOnly = true } = {}) {
  // The packaged directory only by default: unpackaged/ holds examples that are not part of the package.
  const dirs = packagedOnly ? [path.join(projectDir, 'force-app')] : packageDirs(projectDir);
  const componentSet = ComponentSet.fromSource(dirs);
  const components = componentSet
    .getSourceComponents()
    .toArray()
    .map((c) => ({ type: c.type.name, fullName: c.fullName }))
    .sort((a, b) => `${a.type} ${a.fullName}`.localeCompare(`${b.type} ${b.fullName}`));
  const result = await new MetadataConverter().convert(componentSet, 'metadata', {
    type: 'directory',
    outputDirectory,
    genUniqueDir: false,
  });
  return { components, packagePath: result.packagePath };
}

module.exports = { convertOffline };
