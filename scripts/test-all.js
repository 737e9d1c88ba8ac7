#!/usr/bin/env node
'use strict';
/**
 * The test command (`npm test`): type-check, build, migration drift check, the whole jest suite on the
 * embedded PGlite, the database specs (`*.db.spec.ts`) again on a real PostgreSQL when
 * ABM_TEST_POSTGRES_URL is set (CI sets it), and the CRM-side package checks when their tooling is installed.
 * Ends with one line "tests: N passed, N failed".
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(title, cmd, args, env = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) {
    process.stdout.write(`!! ${title} failed (exit ${res.status})\n`);
    ok = false;
  }
  return res.status === 0;
}

function jest(title, args, env) {
  const out = path.join(os.tmpdir(), `abm-jest-${process.pid}-${Date.now()}.json`);
  run(title, process.execPath, [require.resolve('jest/bin/jest'), '--json', `--outputFile=${out}`, ...args], {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim(),
    ...env,
  });
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests;
    if (r.numTotalTests === 0) ok = false;
    fs.rmSync(out);
  } else {
    totals.failed += 1;
  }
}

const only = process.argv.slice(2);
run('type-check', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
run('build', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
run('migrations match entities', process.execPath, ['dist/src/cli/migration-generate.js', '--check']);
jest('jest (embedded PGlite)', only, { ABM_TEST_POSTGRES_URL: '' });
if (process.env.ABM_TEST_POSTGRES_URL) {
  jest(`jest database specs (PostgreSQL ${process.env.ABM_TEST_POSTGRES_URL.replace(/\/\/[^@]*@/, '//')})`, ['--testPathPatterns', '\\.db\\.spec\\.ts$', ...only], {});
} else {
  process.stdout.write('\n(ABM_TEST_POSTGRES_URL not set: database specs ran on PGlite only; .ci/run runs them on PostgreSQL too)\n');
}
for (const pkg of ['integrations/salesforce', 'integrations/hubspot/project']) {
  const dir = path.join(root, pkg);
  const script = path.join(dir, 'scripts', 'validate.js');
  if (!fs.existsSync(script)) continue;
  if (!fs.existsSync(path.join(dir, 'node_modules'))) {
    process.stdout.write(`\n(${pkg}: tooling not installed, skipped; run npm ci --prefix ${pkg})\n`);
    continue;
  }
  process.stdout.write(`\n== ${pkg} checks\n`);
  const res = spawnSync(process.execPath, [script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const text = res.stdout.toString() + res.stderr.toString();
  process.stdout.write(text);
  // Their runner is jest: read its "Tests: 1 failed, 2 skipped, 21 passed, 24 total" line.
  const line = /Tests:\s+([^\n]*)total/.exec(text);
  const count = (word) => Number((new RegExp(`(\\d+) ${word}`).exec(line ? line[1] : '') || [0, 0])[1]);
  totals.passed += count('passed');
  totals.failed += count('failed');
  if (res.status !== 0) { ok = false; if (!count('failed')) totals.failed += 1; }
}
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
