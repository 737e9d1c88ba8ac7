import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JOB_NAMES, JobName, JobPayloads } from './job-names';

// pg-boss 10 is CommonJS with `export =`; typed loosely at this one boundary.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PgBoss = require('pg-boss');

export interface SendOptions {
  singletonKey?: string;
  startAfter?: number | Date;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  priority?: number;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: { id: string }) => Promise<void>;

interface SqlExecutor {
  /** null only from the fenced executor after stop(); pg-boss then counts 0 affected jobs. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | null>;
}

const SCHEMA = 'pgboss';

/**
 * pg-boss on the application's own database. Every query goes through TypeORM's pool (one connection
 * on PGlite), and `sendInTransaction` enqueues through the transaction's own connection so a job exists
 * exactly when the data that caused it was committed.
 */
@Injectable()
export class QueueService {
  private readonly logger = new Logger('Queue');
  private boss: any;
  private started = false;
  private readonly handlers = new Map<JobName, string>();
  /** Jobs whose handler is running in this process (id → queue), so stop() knows which it interrupted. */
  private running = new Map<string, JobName>();
  /** Closed once stop() has put interrupted jobs back: from then on that pg-boss instance writes nothing. */
  private fence = { closed: false };

  constructor(private readonly dataSource: DataSource) {}

  private poolExecutor(fence: { closed: boolean } = { closed: false }): SqlExecutor {
    const pool = (this.dataSource.driver as unknown as { master: { query(t: string, v?: unknown[]): Promise<{ rows: unknown[] }> } }).master;
    return {
      // pg-boss completes or fails a job when its handler settles, without awaiting, even after stop().
      // A handler that outlived stop() must not mark a job done that stop() put back and another worker
      // may now be running; and after the runtime closes the pool, the write would be an unhandled rejection.
      executeSql: async (text, values) => {
        if (fence.closed) return null;
        return pool.query(text, values);
      },
    };
  }

  static transactionExecutor(manager: EntityManager): SqlExecutor {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('sendInTransaction needs a transactional EntityManager');
    return {
      executeSql: async (text, values) => {
        const result = await runner.query(text, values as unknown[], true);
        return { rows: result.records ?? [] };
      },
    };
  }

  async start(options: { schedule: boolean; supervise: boolean }): Promise<void> {
    if (this.started) return;
    // Fresh per pg-boss instance, so late writes of one stopped earlier stay fenced after a restart.
    this.fence = { closed: false };
    this.running = new Map();
    this.boss = new PgBoss({ db: this.poolExecutor(this.fence), schema: SCHEMA, schedule: options.schedule, supervise: options.supervise, migrate: true });
    this.boss.on('error', (err: Error) => this.logger.error(`queue error: ${err.message}`));
    await this.boss.start();
    for (const name of JOB_NAMES) await this.boss.createQueue(name);
    this.started = true;
  }

  isStarted(): boolean {
    return this.started;
  }

  async send<N extends JobName>(name: N, payload: JobPayloads[N], options: SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, payload, options);
  }

  /** Enqueue inside the caller's transaction: the job commits or rolls back with the data. */
  async sendInTransaction<N extends JobName>(manager: EntityManager, name: N, payload: JobPayloads[N], options: SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, payload, { ...options, db: QueueService.transactionExecutor(manager) });
  }

  async schedule<N extends JobName>(name: N, cron: string, payload: JobPayloads[N], key: string): Promise<void> {
    await this.boss.schedule(name, cron, payload, { key, singletonKey: key, tz: 'UTC' });
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>, options: { batchSize?: number; pollingIntervalSeconds?: number } = {}): Promise<void> {
    if (this.handlers.has(name)) throw new Error(`job ${name} already has a handler`);
    const running = this.running;
    const id: string = await this.boss.work(name, { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs: Array<{ id: string; data: JobPayloads[N] }>) => {
      for (const job of jobs) running.set(job.id, name);
      try {
        for (const job of jobs) await handler(job.data, { id: job.id });
      } finally {
        for (const job of jobs) running.delete(job.id);
      }
    });
    this.handlers.set(name, id);
  }

  /** Ready = pg-boss answers on the database. */
  async ping(): Promise<boolean> {
    if (!this.started) return false;
    await this.boss.getQueueSize(JOB_NAMES[0]);
    return true;
  }

  async queueSizes(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const name of JOB_NAMES) sizes[name] = await this.boss.getQueueSize(name);
    return sizes;
  }

  /**
   * Stops taking jobs and waits up to the timeout for running ones to finish. Jobs still running then
   * are put back at once for another worker (see requeueInterrupted); their handlers may go on running
   * here, but nothing they report reaches the queue any more.
   */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    const interrupted = [...this.running.keys()];
    if (interrupted.length) await this.requeueInterrupted(interrupted);
    this.fence.closed = true;
  }

  /**
   * On timeout pg-boss 10 fails the jobs still active ("pg-boss shut down while active", manager.failWip):
   * that costs the job one of its retries, delays it by its retry backoff, and fails it for good when no
   * retry is left. A shutdown is not the job's fault, so the interrupted jobs go back to be fetched
   * immediately and the interrupted run does not count as an attempt: pg-boss's fetch only increments
   * retry_count when started_on is set (plans.js fetchNextJob). pg-boss has no API for this (its retry()
   * only takes failed jobs and keeps the backoff), hence one UPDATE on its job table.
   */
  private async requeueInterrupted(ids: string[]): Promise<void> {
    const result = await this.poolExecutor().executeSql(
      `UPDATE ${SCHEMA}.job SET state = 'retry', start_after = now(), started_on = NULL, completed_on = NULL
        WHERE id = ANY($1::uuid[]) AND state IN ('retry', 'failed')
        RETURNING id`,
      [ids],
    );
    this.logger.warn(`shutdown interrupted ${ids.length} running job(s); ${result?.rows.length ?? 0} put back for another worker`);
  }
}
