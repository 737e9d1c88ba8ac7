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
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

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

  constructor(private readonly dataSource: DataSource) {}

  private poolExecutor(): SqlExecutor {
    const pool = (this.dataSource.driver as unknown as { master: { query(t: string, v?: unknown[]): Promise<{ rows: unknown[] }> } }).master;
    return { executeSql: (text, values) => pool.query(text, values) };
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
    this.boss = new PgBoss({ db: this.poolExecutor(), schema: 'pgboss', schedule: options.schedule, supervise: options.supervise, migrate: true });
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
    const id: string = await this.boss.work(name, { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 }, async (jobs: Array<{ id: string; data: JobPayloads[N] }>) => {
      for (const job of jobs) await handler(job.data, { id: job.id });
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

  /** Stops taking jobs, waits for running ones up to the timeout; unfinished ones are re-queued by expiry. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
