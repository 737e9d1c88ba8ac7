import React, { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Divider,
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  List,
  LoadingSpinner,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { CardFetchError, fetchCard, type CardFetcher } from '../lib/card-api';
import { ABM_API_BASE_URL } from '../lib/card-config';
import { toCardView, type CardView } from '../lib/card-view-model';

export interface AbmInsightsViewProps {
  objectTypeId: string;
  objectId: number | string;
  fetcher: CardFetcher;
  baseUrl?: string;
}

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; view: CardView };

/**
 * Sidebar card: score + tier + trend, top three reasons, buying committee with gaps, loyalty and
 * renewal window, next actions with reasons, and freshness with a stale badge. Reads live from the
 * ABM service on every open (reps distrust stale numbers more than slow ones).
 */
export const AbmInsightsView = ({ objectTypeId, objectId, fetcher, baseUrl = ABM_API_BASE_URL }: AbmInsightsViewProps) => {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    fetchCard(fetcher, baseUrl, objectTypeId, objectId)
      .then((payload) => {
        if (!cancelled) setState({ status: 'ready', view: toCardView(payload) });
      })
      .catch((e: unknown) => {
        const message = e instanceof CardFetchError ? e.message : 'ABM insights are unavailable right now.';
        if (!cancelled) setState({ status: 'error', message });
      });
    return () => {
      cancelled = true;
    };
  }, [fetcher, baseUrl, objectTypeId, objectId, reloads]);

  const reload = () => setReloads((n) => n + 1);

  if (state.status === 'loading') {
    return <LoadingSpinner label="Loading ABM insights" layout="centered" testId="abm-loading" />;
  }
  if (state.status === 'error') {
    return (
      <ErrorState title="ABM insights unavailable" testId="abm-error">
        <Text testId="abm-error-message">{state.message}</Text>
        <Button onClick={reload} testId="abm-retry">Try again</Button>
      </ErrorState>
    );
  }
  return <InsightsBody view={state.view} onRefresh={reload} />;
};

const InsightsBody = ({ view, onRefresh }: { view: CardView; onRefresh: () => void }) => (
  <Flex direction="column" gap="sm">
    <Flex direction="row" gap="xs" align="center" wrap="wrap">
      <Tag variant={view.tierVariant} testId="abm-tier">{view.tierLabel}</Tag>
      <Text variant="microcopy" testId="abm-freshness">{view.freshness.label}</Text>
      {view.freshness.stale && <Tag variant="warning" testId="abm-stale">Stale</Tag>}
    </Flex>
    <Statistics>
      <StatisticsItem label="ABM score" number={view.score} testId="abm-score">
        {view.delta && <StatisticsTrend direction={view.delta.direction} value={view.delta.text} testId="abm-delta" />}
      </StatisticsItem>
    </Statistics>
    {view.trendSummary && <Text variant="microcopy" testId="abm-trend">Trend: {view.trendSummary}</Text>}
    {view.deltaReasons.length > 0 && <Text variant="microcopy" testId="abm-delta-reasons">Changed because: {view.deltaReasons.join('; ')}</Text>}

    {view.reasons.length > 0 && (
      <>
        <Heading>Why this score</Heading>
        <List variant="unordered" testId="abm-reasons">
          {view.reasons.map((r) => (
            <Text key={r.key}>{`${r.text} (${r.contribution})`}</Text>
          ))}
        </List>
      </>
    )}

    <Divider />
    <Heading>Buying committee</Heading>
    <Text testId="abm-coverage">{view.committee.coverageLabel}</Text>
    {view.committee.singleThreaded && (
      <Alert title="Single-threaded" variant="warning" testId="abm-single-threaded">
        Only one engaged contact: a job change would stall this account.
      </Alert>
    )}
    {view.committee.missingRoles.length > 0 && (
      <Text testId="abm-gaps">Missing: {view.committee.missingRoles.join(', ')}</Text>
    )}
    {view.committee.members.length > 0 && (
      <List variant="unordered" testId="abm-members">
        {view.committee.members.map((m) => (
          <Text key={m.key}>{`${m.name}${m.detail ? ` (${m.detail})` : ''} · ${m.engaged ? 'engaged' : 'not engaged'}`}</Text>
        ))}
      </List>
    )}

    <Divider />
    <Heading>Loyalty and renewal</Heading>
    <Text testId="abm-renewal">{view.loyalty.renewalLabel}</Text>
    {view.loyalty.windowLabel && <Tag variant="info" testId="abm-renewal-window">{view.loyalty.windowLabel}</Tag>}
    <Text variant="microcopy" testId="abm-loyalty">{view.loyalty.summary}</Text>
    {view.loyalty.churnReason && (
      view.loyalty.highChurnRisk
        ? <Alert title="Churn risk" variant="warning" testId="abm-churn">{view.loyalty.churnReason}</Alert>
        : <Text variant="microcopy" testId="abm-churn">{view.loyalty.churnReason}</Text>
    )}

    <Divider />
    <Heading>Next actions</Heading>
    {view.actions.length > 0 ? (
      <List variant="ordered" testId="abm-actions">
        {view.actions.map((a) => (
          <Flex key={a.key} direction="column" gap="flush">
            <Text format={{ fontWeight: 'bold' }}>{a.action}</Text>
            <Text>{a.reason}</Text>
            {a.meta && <Text variant="microcopy">{a.meta}</Text>}
          </Flex>
        ))}
      </List>
    ) : (
      <EmptyState title="No open actions" layout="vertical" testId="abm-no-actions">
        <Text>Nothing to do on this account right now.</Text>
      </EmptyState>
    )}
    <Button onClick={onRefresh} variant="secondary" testId="abm-refresh">Refresh</Button>
  </Flex>
);
