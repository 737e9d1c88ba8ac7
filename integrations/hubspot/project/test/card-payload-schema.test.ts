import fs from 'fs';
import type { CardPayload } from '../src/app/cards/lib/card-payload.types';
import hubspotFixture from './fixtures/card-payload.hubspot.json';
// The Salesforce LWC tests render this fixture; both cards must agree with the service's schema.
import salesforceFixture from '../../../salesforce/force-app/main/default/lwc/abmAccountInsights/__tests__/fixtures/cardPayload.json';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compileCardPayloadSchema, formatErrors, CARD_PAYLOAD_SCHEMA } = require('../scripts/lib/project-checks');

const validate = compileCardPayloadSchema();
const clone = (p: unknown): any => JSON.parse(JSON.stringify(p));

// Compile-time check: both fixtures satisfy the TypeScript type (tsc fails otherwise).
const typed: CardPayload[] = [hubspotFixture as CardPayload, salesforceFixture as CardPayload];

describe('card payload schema (src/write-back/card/card-payload.schema.json)', () => {
  it('is the file the service validates against', () => {
    expect(fs.existsSync(CARD_PAYLOAD_SCHEMA)).toBe(true);
  });

  it.each([
    ['hubspot', typed[0]],
    ['salesforce', typed[1]],
  ])('accepts the %s card fixture', (_name, fixture) => {
    const ok = validate(fixture);
    expect(formatErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('accepts a brand-new account with nulls where there is no history', () => {
    const p = clone(hubspotFixture);
    p.score = { value: 5, tier: null, trend: [], delta: null, deltaReasons: [] };
    p.loyalty = { score: null, tenureMonths: null, churnRisk: null, churnRiskReason: null, renewal: { nextRenewalDate: null, daysToRenewal: null, window: null } };
    p.committee = { coverage: 0, members: [], missingRoles: ['champion'], singleThreaded: false };
    p.nextActions = [];
    expect(validate(p)).toBe(true);
  });

  it.each([
    ['a score above 100', (p: any) => { p.score.value = 101; }, '/score/value must be <= 100'],
    ['an unknown tier', (p: any) => { p.score.tier = 'E'; }, '/score/tier must be equal to one of the allowed values'],
    ['an unknown renewal window', (p: any) => { p.loyalty.renewal.window = 'T-30'; }, '/loyalty/renewal/window must be equal to one of the allowed values'],
    ['an unknown action status', (p: any) => { p.nextActions[0].status = 'snoozed'; }, '/nextActions/0/status must be equal to one of the allowed values'],
    ['coverage given in percent', (p: any) => { p.committee.coverage = 60; }, '/committee/coverage must be <= 1'],
    ['a missing freshness block', (p: any) => { delete p.freshness; }, "/ must have required property 'freshness'"],
    ['a non-ISO updatedAt', (p: any) => { p.freshness.updatedAt = '25/11/2026'; }, '/freshness/updatedAt must match format "date-time"'],
    ['an extra top-level key', (p: any) => { p.debug = true; }, '/ must NOT have additional properties'],
  ])('rejects %s', (_name, mutate, message) => {
    const p = clone(hubspotFixture);
    mutate(p);
    expect(validate(p)).toBe(false);
    expect(formatErrors(validate.errors).map((e: string) => e.replace(/ \(.*\)$/, ''))).toContain(message);
  });
});
