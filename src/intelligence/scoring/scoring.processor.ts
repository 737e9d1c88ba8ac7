import { Injectable } from '@nestjs/common';
import type { JobProcessor } from '../../app/job-processors';
import type { QueueService } from '../../platform/queue/queue.service';
import { ScoringEngineService } from './scoring-engine.service';

/**
 * `score.accounts` (the sync enqueues it in the transaction that changed the accounts) and `score.full`
 * (nightly, and after a configuration is published). Thin: the engine does the work.
 */
@Injectable()
export class ScoringProcessor implements JobProcessor {
  constructor(private readonly engine: ScoringEngineService) {}

  async register(queue: QueueService): Promise<void> {
    await queue.work('score.accounts', async (payload) => {
      if (payload.accountIds.length) await this.engine.run({ kind: 'incremental', accountIds: payload.accountIds });
    });
    await queue.work('score.full', async (payload) => {
      await this.engine.run({ kind: 'full', asOf: payload.asOf ? new Date(payload.asOf) : undefined });
    });
  }
}
