#!/usr/bin/env node
'use strict';
// Regenerates src/intelligence/roles/lexicon/english-token-model.json from the O*NET alternate titles
// (training side of the held-out split only). Run after `npm run build`:
//   node scripts/build-title-token-model.js [--data ../shared/data] [--dist dist]
// Includes information from the O*NET Database by USDOL/ETA, used under CC BY 4.0.
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const distArg = process.argv.indexOf('--dist');
const dist = path.join(distArg > 0 ? process.argv[distArg + 1] : path.join(root, 'dist'), 'src', 'intelligence');
const { loadOnetTitles, isHeldOut } = require(path.join(dist, 'evaluation', 'title-evaluation.util.js'));
const { trainTokenModel } = require(path.join(dist, 'roles', 'title-token-model.util.js'));
const { normalizeTitle } = require(path.join(dist, 'roles', 'title-normalizer.util.js'));
const { contentTokens } = require(path.join(dist, 'roles', 'title-lexicon.util.js'));

const dataArg = process.argv.indexOf('--data');
const dataDir = dataArg > 0 ? process.argv[dataArg + 1] : path.join(root, '..', 'shared', 'data');

loadOnetTitles(path.join(dataDir, 'titles')).then((titles) => {
  const train = titles.filter((t) => !isHeldOut(t.group));
  const model = trainTokenModel(
    train.map((t) => ({ tokens: contentTokens(normalizeTitle(t.title).latinTokens), function: t.function })),
    { minCount: 3, alpha: 0.5, source: 'O*NET 28 alternate titles (USDOL/ETA, CC BY 4.0), training split; labels = SOC roll-up' },
  );
  const out = path.join(root, 'src', 'intelligence', 'roles', 'lexicon', 'english-token-model.json');
  fs.writeFileSync(out, JSON.stringify(model) + '\n');
  process.stdout.write(`wrote ${out}: ${Object.keys(model.counts).length} tokens from ${train.length} titles\n`);
});
