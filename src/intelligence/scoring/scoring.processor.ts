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
      // Next best actions follow the new scores (recommendations.refresh, then write-back).
      if (payload.accountIds.length) await queue.send('recommendations.refresh', { accountIds: payload.accountIds, reason: 'score.accounts' });
    });
    await queue.work('score.full', async (payload) => {
      await this.engine.run({ kind: 'full', asOf: payload.asOf ? new Date(payload.asOf) : undefined });
      if (!payload.asOf) await queue.send('recommendations.refresh', { reason: 'score.full' }, { singletonKey: 'recommendations.refresh.full' });
    });
  }
}
