import { Connection } from 'jsforce';
import { SalesforceSandbox, startSalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { errorOf, startWithConnection } from './sandbox-harness';

describe('Salesforce sandbox: fault injection', () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeEach(async () => {
    ({ sandbox, conn } = await startWithConnection(Connection));
  });
  afterEach(() => sandbox.stop());

  const limitsUrl = (s: SalesforceSandbox): string => `${s.baseUrl}/services/data/v60.0/limits`;
  const authOf = (s: SalesforceSandbox): Record<string, string> => ({ Authorization: `Bearer ${s.clientCredentials.accessToken}` });

  it('answers 503 SERVER_UNAVAILABLE; jsforce retries GETs (not POSTs) and recovers', async () => {
    sandbox.faults.failNext('server-error', { kind: 'query' });
    const res = await conn.query('SELECT Id FROM Account');
    expect(res.totalSize).toBe(0);
    expect(sandbox.calls.snapshot().byKind.query).toBe(2);
    sandbox.faults.failNext('server-error', { kind: 'sobject-create' });
    const err = await errorOf(conn.sobject('Account').create({ Name: 'A' }));
    expect(err.errorCode).toBe('SERVER_UNAVAILABLE');
    expect(sandbox.calls.snapshot().byKind['sobject-create']).toBe(1);
  });

  it('drops connections (ECONNRESET) and hangs requests until the client gives up', async () => {
    sandbox.faults.failNext('drop', { kind: 'limits' });
    await expect(fetch(limitsUrl(sandbox), { headers: authOf(sandbox) })).rejects.toThrow();
    sandbox.faults.failNext('hang', { kind: 'limits' });
    await expect(fetch(limitsUrl(sandbox), { headers: authOf(sandbox), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const ok = await fetch(limitsUrl(sandbox), { headers: authOf(sandbox) });
    expect(ok.status).toBe(200);
  });

  it('slows responses down', async () => {
    sandbox.faults.set({ slowRate: 1, slowMs: 250 });
    const t0 = Date.now();
    await conn.query('SELECT Id FROM Account');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('is deterministic for a seed', async () => {
    const statuses = async (): Promise<number[]> => {
      const s = await startSalesforceSandbox({ faults: { seed: 7, serverErrorRate: 0.5 } });
      try {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) out.push((await fetch(limitsUrl(s), { headers: authOf(s) })).status);
        return out;
      } finally {
        await s.stop();
      }
    };
    const a = await statuses();
    expect(await statuses()).toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain(200);
  });

  it('fails some records of a collection (partial failure) and reports UNABLE_TO_LOCK_ROW per record', async () => {
    sandbox.faults.set({ seed: 3, partialFailureRate: 0.5 });
    const res = await conn.sobject('Account').create(Array.from({ length: 20 }, (_, i) => ({ Name: `P${i}` })));
    const failed = res.filter((r) => !r.success);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(20);
    expect((await conn.query('SELECT COUNT() FROM Account')).totalSize).toBe(20 - failed.length);
    sandbox.faults.set({ partialFailureRate: 0, lockRowRate: 1 });
    const locked = await conn.sobject('Account').create([{ Name: 'L' }]);
    expect(locked[0].errors[0]).toMatchObject({ statusCode: 'UNABLE_TO_LOCK_ROW' });
  });
});
