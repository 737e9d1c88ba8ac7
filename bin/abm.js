#!/usr/bin/env node
'use strict';
// The package bin. The TypeScript is compiled by `npm install` (prepare) or `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('abm: the project is not built yet; run `npm run build` first.\n');
  process.exit(2);
}
require(entry).runCli(process.argv).catch((err) => {
  process.stderr.write(`abm: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
