import { Module } from '@nestjs/common';
import { ContactConsentService } from '../account-graph/contacts/contact-consent.service';
import { GraphDeletionRepository } from '../account-graph/sync/graph-deletion.repository';
import { IdentityUpsertRepository } from '../account-graph/sync/identity-upsert.repository';
import { MatchOverrideService } from '../account-graph/sync/match-override.service';
import { RelatedUpsertRepository } from '../account-graph/sync/related-upsert.repository';
import { ConnectionService } from './connections/connection.service';
import { CrmAdapterFactory } from './connections/crm-adapter.factory';
import { PageCommitter } from './engine/page-committer.service';
import { SyncEngine } from './engine/sync-engine.service';
import { SyncStateRepository } from './engine/sync-state.repository';
import { TargetedSyncService } from './engine/targeted-sync.service';
import { RateLimiterService } from './limits/rate-limiter.service';
import { SyncStatusService } from './status/sync-status.service';
import { SyncScheduler } from './sync-scheduler.service';
import { SyncProcessor } from './sync.processor';

const PROVIDERS = [
  ConnectionService, CrmAdapterFactory, RateLimiterService, SyncStateRepository, PageCommitter, SyncEngine, TargetedSyncService,
  SyncStatusService, SyncScheduler, SyncProcessor, IdentityUpsertRepository, RelatedUpsertRepository, GraphDeletionRepository, MatchOverrideService,
  ContactConsentService,
];

/** CRM connections, the sync engine, its schedules and webhooks, and the account-graph upserts it drives. */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class SyncModule {}
