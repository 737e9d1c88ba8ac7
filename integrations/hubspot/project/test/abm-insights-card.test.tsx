import React from 'react';
import { Button, ErrorState, LoadingSpinner, StatisticsItem, StatisticsTrend, Tag, Text, Alert, EmptyState, List } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { AbmInsightsView } from '../src/app/cards/components/AbmInsightsView';
import type { CardFetcher } from '../src/app/cards/lib/card-api';
import type { CardPayload } from '../src/app/cards/lib/card-payload.types';
import fixture from './fixtures/card-payload.hubspot.json';

const payload = fixture as CardPayload;

/** A fake hubspot.fetch that answers from a queue and records the URLs it was asked for. */
function fakeFetch(...answers: Array<{ status: number; body: unknown }>) {
  const urls: string[] = [];
  const fetcher: CardFetcher = async (url) => {
    urls.push(url);
    const next = answers.length > 1 ? answers.shift()! : answers[0];
    return { ok: next.status < 300, status: next.status, json: async () => next.body };
  };
  return { fetcher, urls };
}

function renderCard(fetcher: CardFetcher, objectTypeId = '0-2') {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<AbmInsightsView objectTypeId={objectTypeId} objectId={9876543210} fetcher={fetcher} />);
  return renderer;
}

describe('AbmInsightsView', () => {
  it('shows a spinner while the ABM service answers', () => {
    const { fetcher } = fakeFetch({ status: 200, body: payload });
    const { findByTestId, maybeFind } = renderCard(fetcher);
    expect(findByTestId(LoadingSpinner, 'abm-loading').props.label).toBe('Loading ABM insights');
    expect(maybeFind(StatisticsItem)).toBeNull();
  });

  it('renders score, tier, trend, reasons, committee, renewal, actions and freshness', async () => {
    const { fetcher, urls } = fakeFetch({ status: 200, body: payload });
    const { waitFor, maybeFind, findByTestId, maybeFindByTestId } = renderCard(fetcher);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());

    expect(urls).toEqual(['https://api.example-abm.com/api/v1/card/hubspot/companies/9876543210']);
    expect(findByTestId(StatisticsItem, 'abm-score').props.number).toBe(82);
    expect(findByTestId(StatisticsTrend, 'abm-delta').props).toMatchObject({ direction: 'increase', value: '+6' });
    expect(findByTestId(Tag, 'abm-tier').text).toBe('Tier A');
    expect(findByTestId(Text, 'abm-trend').text).toBe('Trend: 70 → 82 over 30 days');
    expect(findByTestId(Text, 'abm-freshness').text).toBe('updated 4 minutes ago');
    expect(maybeFindByTestId(Tag, 'abm-stale')).toBeNull();

    const reasons = findByTestId(List, 'abm-reasons').findAll(Text).map((t) => t.text);
    expect(reasons).toEqual([
      '3 buying-committee contacts visited pricing in 7 days (+22)',
      'Industry and size match your best customers (+18)',
      'Open P1 support tickets (-9)',
    ]);
    expect(findByTestId(Text, 'abm-coverage').text).toBe('60% of the buying committee covered');
    expect(findByTestId(Text, 'abm-gaps').text).toBe('Missing: economic_buyer, security');
    expect(findByTestId(List, 'abm-members').findAll(Text).map((t) => t.text)).toEqual([
      'Dana Ortiz (champion · VP Engineering) · engaged',
      'Lee Park (procurement · Procurement Lead) · not engaged',
    ]);
    expect(maybeFindByTestId(Alert, 'abm-single-threaded')).toBeNull();
    expect(findByTestId(Text, 'abm-renewal').text).toBe('Renews 2027-02-20 (in 87 days)');
    expect(findByTestId(Tag, 'abm-renewal-window').text).toBe('Renewal in 3 months: start the renewal conversation');
    expect(findByTestId(Text, 'abm-churn').text).toBe('Low churn risk (18%): 1 downgrade; offset by 2 renewals kept and customer for 2.2 years');

    const actions = findByTestId(List, 'abm-actions').findAll(Text, (n) => n.props.format?.fontWeight === 'bold').map((t) => t.text);
    expect(actions).toEqual(['Book an intro with the CFO', 'Send the security whitepaper', 'Ask Dana for a referral']);
  });

  it('shows the stale badge and a single-threaded warning, and an empty state without actions', async () => {
    const { fetcher } = fakeFetch({
      status: 200,
      body: {
        ...payload,
        committee: { ...payload.committee, members: [payload.committee.members[0]], missingRoles: [], singleThreaded: true },
        nextActions: [],
        freshness: { updatedAt: '2026-11-22T08:00:00Z', ageSeconds: 3 * 86400, stale: true },
      },
    });
    const { waitFor, maybeFind, findByTestId, maybeFindByTestId } = renderCard(fetcher);
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());

    expect(findByTestId(Tag, 'abm-stale').text).toBe('Stale');
    expect(findByTestId(Text, 'abm-freshness').text).toBe('updated 3 days ago');
    expect(findByTestId(Alert, 'abm-single-threaded').props.title).toBe('Single-threaded');
    expect(maybeFindByTestId(Text, 'abm-gaps')).toBeNull();
    expect(findByTestId(EmptyState, 'abm-no-actions').props.title).toBe('No open actions');
  });

  it('shows an error state with the reason and recovers on retry', async () => {
    const { fetcher, urls } = fakeFetch({ status: 404, body: {} }, { status: 200, body: payload });
    const { waitFor, find, maybeFind, findByTestId } = renderCard(fetcher);
    await waitFor(() => expect(maybeFind(ErrorState)).not.toBeNull());
    expect(findByTestId(Text, 'abm-error-message').text).toBe('The ABM service has no insights for this record yet.');

    findByTestId(Button, 'abm-retry').trigger('onClick');
    await waitFor(() => expect(maybeFind(StatisticsItem)).not.toBeNull());
    expect(find(StatisticsItem).props.number).toBe(82);
    expect(urls).toHaveLength(2);
  });

  it('refetches on Refresh and shows the new score', async () => {
    const { fetcher } = fakeFetch(
      { status: 200, body: payload },
      { status: 200, body: { ...payload, score: { ...payload.score, value: 64, tier: 'B', delta: -18 } } },
    );
    const { waitFor, findByTestId, maybeFindByTestId } = renderCard(fetcher);
    await waitFor(() => expect(maybeFindByTestId(StatisticsItem, 'abm-score')).not.toBeNull());

    findByTestId(Button, 'abm-refresh').trigger('onClick');
    await waitFor(() => expect(maybeFindByTestId(StatisticsItem, 'abm-score')?.props.number).toBe(64));
    expect(findByTestId(Tag, 'abm-tier').text).toBe('Tier B');
    expect(findByTestId(StatisticsTrend, 'abm-delta').props.direction).toBe('decrease');
  });

  it('uses the contacts endpoint on contact records', async () => {
    const { fetcher, urls } = fakeFetch({ status: 200, body: payload });
    const { waitFor, maybeFind } = renderCard(fetcher, '0-1');
    await waitFor(() => expect(maybeFind(LoadingSpinner)).toBeNull());
    expect(urls).toEqual(['https://api.example-abm.com/api/v1/card/hubspot/contacts/9876543210']);
  });
});
