#!/usr/bin/env node
'use strict';
/**
 * Offline validation of the HubSpot developer project, for CI and the root test runner:
 *   npm ci --prefix integrations/hubspot/project && node integrations/hubspot/project/scripts/validate.js
 * 1. JSON files parse and match the schemas in schemas/ + cross-file rules (scripts/lib/project-checks.js);
 * 2. TypeScript type-check of the card and tests (Babel, used by Jest and HubSpot's build, strips types unchecked);
 * 3. Jest: card view-model, fetch and render tests (@hubspot/ui-extensions/testing), schema tests.
 * Exits non-zero on the first failing step. Pass --skip-jest to skip step 3.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const PROJECT = path.resolve(__dirname, '..');

function fail(message) {
  console.error(`hubspot validate: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(path.join(PROJECT, 'node_modules', 'ajv'))) {
  fail('tooling not installed; run `npm ci --prefix integrations/hubspot/project` first');
}
const { checkProject } = require('./lib/project-checks');
const problems = checkProject(PROJECT);
if (problems.length) {
  problems.forEach((p) => console.error(`  ✗ ${p}`));
  fail(`${problems.length} project file problem(s)`);
}
console.log('✓ hsproject.json and *-hsmeta.json match their schemas and each other');

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [PROJECT] }), '-p', 'tsconfig.json'], {
  cwd: PROJECT,
  stdio: 'inherit',
});
if (tsc.status !== 0) fail('type errors in the card (tsc)');
console.log('✓ card and tests type-check');

if (!process.argv.includes('--skip-jest')) {
  const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest', { paths: [PROJECT] }), '--ci'], {
    cwd: PROJECT,
    stdio: 'inherit',
  });
  if (jest.status !== 0) fail('jest failed');
}
