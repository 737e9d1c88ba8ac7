#!/usr/bin/env node
'use strict';
/**
 * Offline validation of the Salesforce package, for CI and for the root test runner:
 *   npm ci --prefix integrations/salesforce && node integrations/salesforce/scripts/validate.js
 * 1. metadata consistency checks and Apex syntax (scripts/lib/metadata-checks.js, apex-syntax.js);
 * 2. source -> Metadata API conversion with @salesforce/source-deploy-retrieve into a temp dir;
 * 3. Jest: the LWC tests (@salesforce/sfdx-lwc-jest) and the metadata tests under test/.
 * Exits non-zero on the first failing step. Pass --skip-jest to run steps 1-2 only.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const PROJECT = path.resolve(__dirname, '..');

function fail(message) {
  console.error(`salesforce validate: ${message}`);
  process.exit(1);
}

async function main() {
  if (!fs.existsSync(path.join(PROJECT, 'node_modules', '@salesforce', 'source-deploy-retrieve'))) {
    fail('tooling not installed; run `npm ci --prefix integrations/salesforce` first');
  }
  const { runAllChecks } = require('./lib/metadata-checks');
  const { convertOffline } = require('./lib/convert-offline');

  const { problems, inventory } = runAllChecks(PROJECT);
  if (problems.length) {
    problems.forEach((p) => console.error(`  ✗ ${p}`));
    fail(`${problems.length} metadata problem(s)`);
  }
  console.log(
    `✓ metadata consistent: ${inventory.files.filter((f) => f.endsWith('.xml')).length} XML files, ` +
      `${inventory.fields.size} field entries, ${inventory.permissionSets.size} permission sets, ${inventory.lwc.size} LWC bundle(s), ` +
      `${inventory.classes.size} Apex classes parsed`,
  );

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-mdapi-'));
  try {
    const { components } = await convertOffline(PROJECT, out);
    console.log(`✓ converted ${components.length} packaged components to Metadata API format`);
  } catch (e) {
    fail(`source conversion failed: ${e.message}`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }

  if (process.argv.includes('--skip-jest')) return;
  // sfdx-lwc-jest finds the LWC modules from sfdx-project.json in the working directory.
  const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest', { paths: [PROJECT] }), '--ci'], {
    cwd: PROJECT,
    stdio: 'inherit',
  });
  if (jest.status !== 0) fail('jest failed');
}

main().catch((e) => fail(e.stack || e.message));
