import type { Type } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { IntelligenceModule } from '../intelligence/intelligence.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { WriteBackModule } from '../write-back/write-back.module';

/**
 * Feature modules in the data's path: sync → account graph → intelligence → recommendations → write-back.
 * Each provides its services and job processors; HTTP controllers are listed in `http-controllers.ts`.
 */
export const FEATURE_MODULES: Type[] = [SyncModule, IntelligenceModule, RecommendationsModule, WriteBackModule];
