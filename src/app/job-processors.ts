import type { INestApplicationContext } from '@nestjs/common';
import type { QueueService } from '../platform/queue/queue.service';
import { SyncProcessor } from '../sync/sync.processor';
import { ScoringProcessor } from '../intelligence/scoring/scoring.processor';
import { RecommendationsProcessor } from '../recommendations/recommendations.processor';
import { WriteBackProcessor } from '../write-back/write-back.processor';

/** A class that binds job names to its service methods; resolved from the Nest container at worker start. */
export interface JobProcessor {
  register(queue: QueueService): Promise<void>;
}

export type JobProcessorType = new (...args: never[]) => JobProcessor;

/** Every processor, each registering the handlers of its feature. */
export const JOB_PROCESSORS: JobProcessorType[] = [SyncProcessor, ScoringProcessor, RecommendationsProcessor, WriteBackProcessor];

export async function registerProcessors(app: INestApplicationContext, queue: QueueService): Promise<void> {
  for (const type of JOB_PROCESSORS) await app.get(type as never as new () => JobProcessor).register(queue);
}
