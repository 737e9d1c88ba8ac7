import { Injectable } from '@nestjs/common';
import type { JobProcessor } from '../app/job-processors';
import type { QueueService } from '../platform/queue/queue.service';
import { SyncEngine } from './engine/sync-engine.service';
import { TargetedSyncService } from './engine/targeted-sync.service';
import { SyncScheduler } from './sync-scheduler.service';

/** Thin job handlers for the sync; the lease inside the engine keeps one run per connection/object. */
@Injectable()
export class SyncProcessor implements JobProcessor {
  constructor(private readonly engine: SyncEngine, private readonly targeted: TargetedSyncService, private readonly scheduler: SyncScheduler) {}

  async register(queue: QueueService): Promise<void> {
    await queue.work('sync.object', async (p) => {
      await this.engine.runObject(p.connectionId, p.objectType, p.mode, { trigger: p.trigger });
    });
    await queue.work('sync.connection', async (p) => {
      await this.engine.runConnection(p.connectionId, p.mode, { trigger: p.trigger });
    });
    await queue.work('sync.webhook-batch', async (p) => {
      const byType = new Map<string, string[]>();
      for (const e of p.events) byType.set(e.objectType, [...(byType.get(e.objectType) ?? []), e.objectId]);
      for (const [objectType, ids] of byType) await this.targeted.apply(p.connectionId, objectType, ids);
    }, { batchSize: 1, pollingIntervalSeconds: 0.5 });
    await this.scheduler.scheduleAll();
  }
}
