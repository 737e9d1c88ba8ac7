import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobProcessor } from '../app/job-processors';
import { QueueService } from '../platform/queue/queue.service';
import { RecommendationsService } from './engine/recommendations.service';
import { NurtureRunnerService } from './nurture/nurture-runner.service';
import { NurtureTracksService } from './nurture/nurture-tracks.service';

/**
 * `recommendations.refresh` (sent by scoring when a run finishes): recompute, then queue write-back for
 * each active connection so new and changed recommendations reach the CRMs.
 */
@Injectable()
export class RecommendationsProcessor implements JobProcessor {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly dataSource: DataSource,
    private readonly tracks: NurtureTracksService,
    private readonly runner: NurtureRunnerService,
  ) {}

  async register(queue: QueueService): Promise<void> {
    await queue.work('recommendations.refresh', async (payload) => {
      await this.recommendations.refresh({ accountIds: payload.accountIds });
      const active: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM crm_connections WHERE status = 'active'`);
      // One pending write-back per connection: a burst of refreshes collapses into one run.
      for (const c of active) await queue.send('write-back.connection', { connectionId: c.id }, { singletonKey: `write-back:${c.id}` });
    });
    await queue.work('nurture.advance', async (payload) => {
      for (const track of await this.tracks.list()) if (track.status === 'active') await this.tracks.enrol(track.id, payload.today);
      await this.runner.advance(payload.today);
    });
    // 00:30 UTC = 09:30 in Seoul: steps are issued at the start of the Korean business day.
    await queue.schedule('nurture.advance', '30 0 * * *', {}, 'nurture.advance.daily');
  }
}
