import { QueueService } from '../../src/platform/queue/queue.service';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * What happens to a running job when a process shuts down (QueueService.stop, called by the runtime
 * before it closes the database): it finishes first when it can; when it outlasts the timeout it goes
 * straight back to the queue, without spending a retry, and another worker runs it.
 */
interface JobRow {
  state: string;
  retry_count: number;
  ready: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of the queue', () => {
  let db: TestDatabase;
  const services: QueueService[] = [];
  // Handlers still blocked when a test fails: released in afterAll, or pg-boss's worker keeps jest alive.
  const blocked: Array<() => void> = [];

  async function startQueue(): Promise<QueueService> {
    const queue = new QueueService(db.dataSource);
    services.push(queue);
    await queue.start({ schedule: false, supervise: false });
    return queue;
  }

  async function job(id: string): Promise<JobRow> {
    const rows: JobRow[] = await db.dataSource.query(`SELECT state, retry_count, start_after <= now() AS ready FROM pgboss.job WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function waitFor(check: () => boolean, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!check() && Date.now() < until) await sleep(50);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const release of blocked) release();
    for (const queue of services) await queue.stop(1000);
    await db.close();
  });

  it('lets a running job finish before stop() returns', async () => {
    const queue = await startQueue();
    let started = false;
    let finishedAt = 0;
    await queue.work('score.accounts', async () => {
      started = true;
      await sleep(1500);
      finishedAt = Date.now();
    }, { pollingIntervalSeconds: 0.5 });
    const id = await queue.send('score.accounts', { accountIds: ['a-1'], reason: 'test' });
    await waitFor(() => started, 10_000);
    expect(started).toBe(true);

    await queue.stop(10_000);
    const stoppedAt = Date.now();

    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt).toBeLessThanOrEqual(stoppedAt);
    expect(await job(id!)).toMatchObject({ state: 'completed', retry_count: 0 });
  });

  it('puts a job that outlasts the timeout back at once, and another worker runs it', async () => {
    const first = await startQueue();
    let firstStarted = false;
    let releaseFirst: () => void = () => undefined;
    const firstDone = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    blocked.push(() => releaseFirst());
    await first.work('score.full', async () => {
      firstStarted = true;
      await firstDone; // still running when the process shuts down
    }, { pollingIntervalSeconds: 0.5 });
    // No retries left: pg-boss on its own would fail this job for good at shutdown.
    const id = await first.send('score.full', { reason: 'interrupted' }, { retryLimit: 0, retryDelay: 600 });
    await waitFor(() => firstStarted, 10_000);
    expect(firstStarted).toBe(true);

    const before = Date.now();
    await first.stop(1000);
    expect(Date.now() - before).toBeLessThan(5000);
    expect(await job(id!)).toMatchObject({ state: 'retry', retry_count: 0, ready: true });

    const second = await startQueue();
    const ranBySecond: string[] = [];
    let releaseSecond: () => void = () => undefined;
    const secondDone = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    blocked.push(() => releaseSecond());
    await second.work('score.full', async (payload) => {
      ranBySecond.push(payload.reason);
      await secondDone;
    }, { pollingIntervalSeconds: 0.5 });
    await waitFor(() => ranBySecond.length > 0, 10_000);
    expect(ranBySecond).toEqual(['interrupted']);
    expect(await job(id!)).toMatchObject({ state: 'active', retry_count: 0 });

    // The first handler returns while the second worker still runs the job: the first process's
    // late "complete" must not reach the queue and mark the second run done.
    releaseFirst();
    await sleep(500);
    expect(await job(id!)).toMatchObject({ state: 'active' });

    releaseSecond();
    // pg-boss records the completion right after the handler returns, without awaiting it.
    for (let i = 0; i < 50 && (await job(id!)).state !== 'completed'; i++) await sleep(100);
    expect(await job(id!)).toMatchObject({ state: 'completed', retry_count: 0 });
    await second.stop(1000);
  });
});
