import React from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { AbmInsightsView } from './components/AbmInsightsView';

// Entry point named in abm-insights-card-hsmeta.json. hubspot.fetch is passed in so the view can be
// rendered in tests with a fake; in HubSpot it signs each request (X-HubSpot-Signature-v3).
hubspot.extend<'crm.record.sidebar'>(({ context }) => (
  <AbmInsightsView objectTypeId={context.crm.objectTypeId} objectId={context.crm.objectId} fetcher={hubspot.fetch} />
));
