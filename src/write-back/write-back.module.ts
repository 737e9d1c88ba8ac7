import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { SyncModule } from '../sync/sync.module';
import { sharedCallHooksProvider } from './engine/shared-call-hooks.provider';
import { CardService } from './card/card.service';
import { CardTokenGuard } from './card/card-token.guard';
import { HubspotSignatureGuard } from './card/hubspot-signature.guard';
import { WriteBackLedgerService } from './engine/write-back-ledger.service';
import { WriteBackPlanner } from './engine/write-back-planner.service';
import { TaskWriteBackService } from './engine/task-write-back.service';
import { WriteBackService } from './engine/write-back.service';
import { WriterFactory } from './engine/writer-factory.service';
import { SetupService } from './setup/setup.service';
import { WriteBackProcessor } from './write-back.processor';

@Module({
  imports: [SyncModule, RecommendationsModule],
  providers: [sharedCallHooksProvider, WriteBackPlanner, WriteBackLedgerService, WriterFactory, WriteBackService, TaskWriteBackService, SetupService, CardService, CardTokenGuard, HubspotSignatureGuard, WriteBackProcessor],
  exports: [WriteBackService, TaskWriteBackService, SetupService, CardService, CardTokenGuard, HubspotSignatureGuard, WriteBackLedgerService],
})
export class WriteBackModule {}
