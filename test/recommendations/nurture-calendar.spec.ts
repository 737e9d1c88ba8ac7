import { BusinessCalendar } from '../../src/recommendations/nurture/business-calendar.util';
import { assignArm, validateNurtureDefinition } from '../../src/recommendations/nurture/nurture-definition.util';
import { hubspotSignatureV3, verifyHubspotSignatureV3 } from '../../src/write-back/card/hubspot-signature.util';

describe('Korean business calendar', () => {
  const kr = new BusinessCalendar('KR');
  it('skips all three Seollal days, substitute holidays and weekends', () => {
    // Seollal 2026: Feb 16–18 (Mon–Wed). Friday Feb 13 + 1 business day = Thursday Feb 19.
    expect(kr.isBusinessDay('2026-02-16')).toBe(false);
    expect(kr.isBusinessDay('2026-02-18')).toBe(false);
    expect(kr.addBusinessDays('2026-02-13', 1)).toBe('2026-02-19');
    // Chuseok 2025 Oct 5–7 with the substitute day Oct 8, and Hangul Day Oct 9.
    expect(kr.addBusinessDays('2025-10-02', 1)).toBe('2025-10-10');
    // Substitute for Liberation Day (Sat Aug 15 2026) is Mon Aug 17.
    expect(kr.isBusinessDay('2026-08-17')).toBe(false);
    expect(kr.isBusinessDay('2026-08-18')).toBe(true);
  });
});

describe('nurture definition', () => {
  const valid = {
    entry: { tiers: ['A', 'B'], renewalWindowDays: 120 },
    steps: [{ stage: 'awareness', role: '*', content: 'Intro', channel: 'email', owner: 'marketing', waitBusinessDays: 0 }],
    exits: ['opt_out', 'opportunity_opened'],
    calendar: { country: 'KR' },
    caps: { perContactPerWeek: 2, perAccountPerWeek: 5 },
    variants: [{ name: 'A', weight: 1 }, { name: 'B', weight: 1 }],
    holdoutPercent: 10,
  };
  it('accepts a complete definition and names each bad field', () => {
    expect(validateNurtureDefinition(valid)).toEqual([]);
    const errors = validateNurtureDefinition({ ...valid, steps: [{ ...valid.steps[0], channel: 'fax' }], holdoutPercent: 90 });
    expect(errors.some((e) => e.startsWith('steps[0].channel'))).toBe(true);
    expect(errors.some((e) => e.startsWith('holdoutPercent'))).toBe(true);
  });
  it('splits entrants into holdout and weighted variants deterministically', () => {
    const counts: Record<string, number> = {};
    for (let b = 0; b < 10_000; b++) {
      const arm = assignArm(valid as never, b);
      const key = arm.holdout ? 'holdout' : String(arm.variant);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts.holdout).toBe(1000);
    expect(counts.A).toBe(4500);
    expect(counts.B).toBe(4500);
    expect(assignArm(valid as never, 4242)).toEqual(assignArm(valid as never, 4242));
  });
});

describe('HubSpot v3 signature', () => {
  it('verifies its own signature, decodes only the documented characters, and rejects old timestamps', () => {
    const ts = '1700000000000';
    const uri = 'https://abm.example/api/v1/card/hubspot/companies/1?x=a%3Ab%2Bc';
    const sig = hubspotSignatureV3('s3cret', 'GET', uri, '', ts);
    // %3A is decoded before signing, %2B is not: the decoded form signs identically, a fully decoded one does not.
    expect(hubspotSignatureV3('s3cret', 'GET', 'https://abm.example/api/v1/card/hubspot/companies/1?x=a:b%2Bc', '', ts)).toBe(sig);
    expect(hubspotSignatureV3('s3cret', 'GET', 'https://abm.example/api/v1/card/hubspot/companies/1?x=a:b+c', '', ts)).not.toBe(sig);
    expect(verifyHubspotSignatureV3({ clientSecret: 's3cret', method: 'GET', uri, rawBody: '', signature: sig, timestamp: ts, now: 1700000000000 + 60_000 })).toEqual({ ok: true });
    expect(verifyHubspotSignatureV3({ clientSecret: 's3cret', method: 'GET', uri, rawBody: '', signature: sig, timestamp: ts, now: 1700000000000 + 301_000 }).ok).toBe(false);
    expect(verifyHubspotSignatureV3({ clientSecret: 'other', method: 'GET', uri, rawBody: '', signature: sig, timestamp: ts, now: 1700000000000 }).ok).toBe(false);
  });
});
