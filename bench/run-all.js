#!/usr/bin/env node
'use strict';
/**
 * Runs every compiled benchmark (dist/bench/*.bench.js) one after another, each in its own process so
 * peak RSS is per benchmark, and prints their output. `npm run bench -- card rescore` runs only those.
 * Each benchmark documents its own arguments at the top of its source file in bench/.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'dist', 'bench');
const wanted = process.argv.slice(2);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js')).filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)));
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const res = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
