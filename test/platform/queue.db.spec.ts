import { QueueService } from '../../src/platform/queue/queue.service';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Jobs live in the same database and commit or roll back with the data that produced them. */
describe('queue on the application database', () => {
  let db: TestDatabase;
  let queue: QueueService;
  beforeAll(async () => {
    db = await createTestDatabase();
    queue = new QueueService(db.dataSource);
    await queue.start({ schedule: false, supervise: false });
  });
  afterAll(async () => {
    await queue.stop(2000);
    await db.close();
  });

  it('enqueues inside a transaction: committed jobs run, rolled-back jobs never exist', async () => {
    const seen: string[] = [];
    await db.dataSource.transaction(async (m) => {
      await queue.sendInTransaction(m, 'score.accounts', { accountIds: ['committed'], reason: 'test' });
    });
    await db.dataSource
      .transaction(async (m) => {
        await queue.sendInTransaction(m, 'score.accounts', { accountIds: ['rolled-back'], reason: 'test' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    const done = new Promise<void>((resolve) => {
      void queue.work('score.accounts', async (payload) => {
        seen.push(...payload.accountIds);
        resolve();
      }, { pollingIntervalSeconds: 0.5 });
    });
    await done;
    // Give the worker one more poll to prove nothing else arrives.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual(['committed']);
    expect((await queue.queueSizes())['score.accounts']).toBe(0);
  });
});
