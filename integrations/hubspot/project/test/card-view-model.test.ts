import { relativeAge, isStale, toCardView, signed } from '../src/app/cards/lib/card-view-model';
import type { CardPayload } from '../src/app/cards/lib/card-payload.types';
import fixture from './fixtures/card-payload.hubspot.json';

const payload = fixture as CardPayload;
const withPatch = (patch: Partial<CardPayload>): CardPayload => ({ ...payload, ...patch });

describe('relativeAge', () => {
  it.each([
    [0, 'updated just now'],
    [59, 'updated just now'],
    [60, 'updated 1 minute ago'],
    [240, 'updated 4 minutes ago'],
    [3599, 'updated 59 minutes ago'],
    [3600, 'updated 1 hour ago'],
    [47 * 3600, 'updated 47 hours ago'],
    [48 * 3600, 'updated 2 days ago'],
    [-5, 'update time unknown'],
    [Number.NaN, 'update time unknown'],
  ])('%s seconds -> %s', (age, label) => {
    expect(relativeAge(age)).toBe(label);
  });
});

describe('isStale', () => {
  it('follows the service flag', () => {
    expect(isStale({ updatedAt: '2026-11-25T08:00:00Z', ageSeconds: 10, stale: true })).toBe(true);
  });
  it('also flags data older than the card threshold when the service does not', () => {
    const fresh = { updatedAt: '2026-11-25T08:00:00Z', ageSeconds: 3599, stale: false };
    expect(isStale(fresh, 3600)).toBe(false);
    expect(isStale({ ...fresh, ageSeconds: 3600 }, 3600)).toBe(true);
  });
});

describe('toCardView', () => {
  it('maps the fixture to what the card shows', () => {
    const view = toCardView(payload);
    expect(view.score).toBe(82);
    expect(view.tierLabel).toBe('Tier A');
    expect(view.tierVariant).toBe('success');
    expect(view.delta).toEqual({ text: '+6', direction: 'increase' });
    expect(view.trendSummary).toBe('70 → 82 over 30 days');
    expect(view.reasons.map((r) => [r.contribution, r.negative])).toEqual([
      ['+22', false],
      ['+18', false],
      ['-9', true],
    ]);
    expect(view.committee.coverageLabel).toBe('60% of the buying committee covered');
    expect(view.committee.members[1]).toEqual({ key: '52', name: 'Lee Park', detail: 'procurement · Procurement Lead', engaged: false });
    expect(view.loyalty).toEqual({
      summary: 'Loyalty 71 · customer for 26 months · churn risk 18%',
      renewalLabel: 'Renews 2027-02-20 (in 87 days)',
      windowLabel: 'Renewal in 3 months: start the renewal conversation',
      highChurnRisk: false,
      churnReason: 'Low churn risk (18%): 1 downgrade; offset by 2 renewals kept and customer for 2.2 years',
    });
    expect(view.actions.map((a) => a.key)).toEqual(['rec_1', 'rec_2', 'rec_4']);
    expect(view.actions[1].meta).toBe('Owner: Sam Rep · Due 2026-12-05 · Impact +2.5 pts · Accepted');
    expect(view.freshness).toEqual({ label: 'updated 4 minutes ago', stale: false });
  });

  it('handles a brand-new account: no tier, no history, no loyalty, no renewal', () => {
    const view = toCardView(
      withPatch({
        score: { value: 12.4, tier: null, trend: [], delta: null, deltaReasons: [] },
        loyalty: { score: null, tenureMonths: null, churnRisk: null, churnRiskReason: null, renewal: { nextRenewalDate: null, daysToRenewal: null, window: null } },
        nextActions: [],
      }),
    );
    expect(view.score).toBe(12);
    expect(view.tierLabel).toBe('No tier');
    expect(view.delta).toBeNull();
    expect(view.trendSummary).toBeNull();
    expect(view.loyalty).toEqual({ summary: 'No loyalty data yet', renewalLabel: 'No renewal on file', windowLabel: null, highChurnRisk: false, churnReason: null });
    expect(view.actions).toEqual([]);
  });

  it('shows a falling score as a decrease', () => {
    const view = toCardView(withPatch({ score: { ...payload.score, delta: -4.26 } }));
    expect(view.delta).toEqual({ text: '-4.3', direction: 'decrease' });
    expect(signed(0)).toBe('0');
  });
});
