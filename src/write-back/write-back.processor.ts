import { Injectable } from '@nestjs/common';
import type { JobProcessor } from '../app/job-processors';
import { QueueService } from '../platform/queue/queue.service';
import { TaskWriteBackService } from './engine/task-write-back.service';
import { WriteBackService } from './engine/write-back.service';

/**
 * `write-back.connection`: account fields, then recommendation tasks, for one connection. pg-boss
 * retries the job if the process dies; both steps are idempotent (ledger hashes, external-id upserts).
 */
@Injectable()
export class WriteBackProcessor implements JobProcessor {
  constructor(private readonly writeBack: WriteBackService, private readonly tasks: TaskWriteBackService) {}

  async register(queue: QueueService): Promise<void> {
    await queue.work('write-back.connection', async (payload) => {
      await this.writeBack.run(payload.connectionId, { dryRun: payload.dryRun });
      if (!payload.dryRun) await this.tasks.syncTasks(payload.connectionId);
    });
  }
}
