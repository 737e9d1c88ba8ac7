'use strict';
/**
 * Offline checks of the HubSpot developer project: every JSON file parses, hsproject.json and each
 * *-hsmeta.json match the JSON schemas in ../../schemas (written from HubSpot's 2025.2 templates, see
 * the schemas' descriptions), plus cross-file rules a schema cannot express:
 * - exactly one app component, unique uids;
 * - each card entrypoint exists under srcDir;
 * - the card's ABM_API_BASE_URL is listed in permittedUrls.fetch (hubspot.fetch refuses other URLs);
 * - the card package.json pins the same @hubspot/ui-extensions and react as the tooling package.json.
 */
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const PROJECT = path.resolve(__dirname, '..', '..');
const CARD_PAYLOAD_SCHEMA = path.resolve(PROJECT, '..', '..', '..', 'src', 'write-back', 'card', 'card-payload.schema.json');

function newAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function compileProjectSchemas() {
  const ajv = newAjv();
  const load = (name) => ajv.compile(readJson(path.join(PROJECT, 'schemas', name)));
  return { hsproject: load('hsproject.schema.json'), app: load('app-hsmeta.schema.json'), card: load('card-hsmeta.schema.json') };
}

function compileCardPayloadSchema() {
  return newAjv().compile(readJson(CARD_PAYLOAD_SCHEMA));
}

function formatErrors(errors) {
  return (errors || []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && e.params.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** The base URL constant the card fetches from, read from the source so the check follows edits. */
function cardBaseUrl(srcDir) {
  const file = path.join(srcDir, 'app', 'cards', 'lib', 'card-config.ts');
  const m = fs.readFileSync(file, 'utf8').match(/ABM_API_BASE_URL\s*=\s*['"]([^'"]+)['"]/);
  return m ? m[1] : null;
}

function checkProject(projectDir = PROJECT) {
  const problems = [];
  const rel = (f) => path.relative(projectDir, f).split(path.sep).join('/');
  const schemas = compileProjectSchemas();
  const parse = (file) => {
    try {
      return readJson(file);
    } catch (e) {
      problems.push(`${rel(file)}: invalid JSON: ${e.message}`);
      return undefined;
    }
  };

  const hsproject = parse(path.join(projectDir, 'hsproject.json'));
  if (!hsproject) return problems;
  if (!schemas.hsproject(hsproject)) formatErrors(schemas.hsproject.errors).forEach((e) => problems.push(`hsproject.json: ${e}`));
  const srcDir = path.join(projectDir, hsproject.srcDir || 'src');

  const components = [];
  for (const file of walk(srcDir).filter((f) => f.endsWith('.json'))) {
    const json = parse(file);
    if (json === undefined || !file.endsWith('-hsmeta.json')) continue;
    const validate = schemas[json.type];
    if (!validate) {
      problems.push(`${rel(file)}: no schema for component type ${JSON.stringify(json.type)}`);
      continue;
    }
    if (!validate(json)) formatErrors(validate.errors).forEach((e) => problems.push(`${rel(file)}: ${e}`));
    components.push({ file, json });
  }

  const apps = components.filter((c) => c.json.type === 'app');
  if (apps.length !== 1) problems.push(`expected exactly one app component, found ${apps.length}`);
  const seen = new Map();
  for (const c of components) {
    if (seen.has(c.json.uid)) problems.push(`${rel(c.file)}: uid ${c.json.uid} already used by ${rel(seen.get(c.json.uid))}`);
    else seen.set(c.json.uid, c.file);
  }

  const tooling = readJson(path.join(projectDir, 'package.json')).devDependencies || {};
  for (const card of components.filter((c) => c.json.type === 'card')) {
    const entry = card.json.config && card.json.config.entrypoint;
    if (entry && !fs.existsSync(path.join(srcDir, entry))) problems.push(`${rel(card.file)}: entrypoint ${entry} does not exist`);
    const cardPkgFile = path.join(path.dirname(card.file), 'package.json');
    if (!fs.existsSync(cardPkgFile)) {
      problems.push(`${rel(card.file)}: no package.json next to the card`);
      continue;
    }
    const deps = readJson(cardPkgFile).dependencies || {};
    for (const dep of ['@hubspot/ui-extensions', 'react']) {
      if (deps[dep] !== tooling[dep]) problems.push(`${rel(cardPkgFile)}: ${dep} ${deps[dep]} differs from the tested ${tooling[dep]}`);
    }
  }

  const baseUrl = cardBaseUrl(srcDir);
  const fetchUrls = apps.length === 1 ? ((apps[0].json.config || {}).permittedUrls || {}).fetch || [] : [];
  if (!baseUrl) problems.push('card-config.ts: ABM_API_BASE_URL not found');
  else if (apps.length === 1 && !fetchUrls.some((u) => baseUrl === u || baseUrl.startsWith(`${u.replace(/\/+$/, '')}/`))) {
    problems.push(`app permittedUrls.fetch does not allow the card's ABM_API_BASE_URL ${baseUrl}`);
  }
  return problems;
}

module.exports = { checkProject, compileCardPayloadSchema, compileProjectSchemas, formatErrors, CARD_PAYLOAD_SCHEMA };
