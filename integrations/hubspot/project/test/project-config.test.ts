import fs from 'fs';
import os from 'os';
import path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkProject, compileProjectSchemas } = require('../scripts/lib/project-checks');

const PROJECT = path.resolve(__dirname, '..');
const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(PROJECT, rel), 'utf8'));

/** Copies the project files (not node_modules) so a test can break one thing. */
function copyProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abm-hsproject-'));
  for (const entry of ['hsproject.json', 'package.json', 'src', 'schemas']) {
    fs.cpSync(path.join(PROJECT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

function patchJson(dir: string, rel: string, patch: (json: any) => void) {
  const file = path.join(dir, rel);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  patch(json);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
}

const APP = 'src/app/app-hsmeta.json';
const CARD = 'src/app/cards/abm-insights-card-hsmeta.json';

describe('HubSpot project files', () => {
  const copies: string[] = [];
  const scratch = () => {
    const dir = copyProject();
    copies.push(dir);
    return dir;
  };
  afterAll(() => copies.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('pass every schema and cross-file rule', () => {
    expect(checkProject(PROJECT)).toEqual([]);
  });

  it('declare a marketplace OAuth app with a company and contact sidebar card', () => {
    expect(read('hsproject.json').platformVersion).toBe('2025.2');
    const app = read(APP).config;
    expect(app.distribution).toBe('marketplace');
    expect(app.auth.type).toBe('oauth');
    expect(app.auth.requiredScopes).toEqual(expect.arrayContaining(['oauth', 'crm.objects.companies.read', 'crm.objects.contacts.read']));
    const card = read(CARD).config;
    expect(card).toMatchObject({ location: 'crm.record.sidebar', objectTypes: ['companies', 'contacts'] });
  });

  it('schemas reject the mistakes seen in public projects', () => {
    const { app, card } = compileProjectSchemas();
    const goodApp = read(APP);
    // permittedUrls outside config (the shape of a mis-built marketplace app)
    expect(app({ ...goodApp, permittedUrls: goodApp.config.permittedUrls })).toBe(false);
    // marketplace distribution with static auth
    expect(app({ ...goodApp, config: { ...goodApp.config, auth: { ...goodApp.config.auth, type: 'static' } } })).toBe(false);
    // plain-http or localhost fetch URL
    expect(app({ ...goodApp, config: { ...goodApp.config, permittedUrls: { fetch: ['http://api.example-abm.com'] } } })).toBe(false);
    expect(app({ ...goodApp, config: { ...goodApp.config, permittedUrls: { fetch: ['https://localhost:3000'] } } })).toBe(false);
    const goodCard = read(CARD);
    // legacy 2025.1 card type and an unknown location
    expect(card({ ...goodCard, type: 'crm-card' })).toBe(false);
    expect(card({ ...goodCard, config: { ...goodCard.config, location: 'crm.record.header' } })).toBe(false);
    expect(card({ ...goodCard, config: { ...goodCard.config, objectTypes: [] } })).toBe(false);
    expect(card(goodCard)).toBe(true);
  });

  it('reports invalid JSON with the file name', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, CARD), '{ "uid": "abm_insights_card", ');
    expect(checkProject(dir)).toEqual([expect.stringMatching(/^src\/app\/cards\/abm-insights-card-hsmeta\.json: invalid JSON/)]);
  });

  it('catches a missing entrypoint, a duplicate uid and an unlisted fetch URL', () => {
    const dir = scratch();
    patchJson(dir, CARD, (j) => {
      j.config.entrypoint = '/app/cards/AccountScoreCard.tsx';
      j.uid = 'abm_crm_plugin_app';
    });
    patchJson(dir, APP, (j) => {
      j.config.permittedUrls.fetch = ['https://other.example.com'];
    });
    expect(checkProject(dir).sort()).toEqual([
      'app permittedUrls.fetch does not allow the card\'s ABM_API_BASE_URL https://api.example-abm.com',
      'src/app/cards/abm-insights-card-hsmeta.json: entrypoint /app/cards/AccountScoreCard.tsx does not exist',
      'src/app/cards/abm-insights-card-hsmeta.json: uid abm_crm_plugin_app already used by src/app/app-hsmeta.json',
    ]);
  });

  it('catches a card package.json drifting from the tested ui-extensions version', () => {
    const dir = scratch();
    patchJson(dir, 'src/app/cards/package.json', (j) => {
      j.dependencies['@hubspot/ui-extensions'] = 'latest';
    });
    expect(checkProject(dir)).toEqual(['src/app/cards/package.json: @hubspot/ui-extensions latest differs from the tested 0.17.0']);
  });
});
