import type { Type } from '@nestjs/common';
import { ConnectionsController } from '../sync/connections/connections.controller';
import { HubspotWebhookController } from '../sync/webhooks/hubspot-webhook.controller';
import { ContactConsentController } from '../account-graph/contacts/contact-consent.controller';
import { MatchOverrideController } from '../account-graph/sync/match-override.controller';
import { HealthController } from '../platform/health/health.controller';
import { MetricsController } from '../platform/metrics/metrics.controller';
import { TokensController } from '../platform/auth/tokens.controller';
import { RecommendationsController } from '../recommendations/recommendations.controller';
import { NurtureTracksController } from '../recommendations/nurture/nurture-tracks.controller';
import { CardController } from '../write-back/card/card.controller';
import { AccountScoresController, ScoringConfigsController } from '../intelligence/scoring/scoring.controller';

/** Controllers served by the HTTP process only (thin: they validate input and call services). */
export const HTTP_CONTROLLERS: Type[] = [HealthController, MetricsController, TokensController, AccountScoresController, ScoringConfigsController, RecommendationsController, NurtureTracksController, CardController, ConnectionsController, HubspotWebhookController, MatchOverrideController, ContactConsentController];
