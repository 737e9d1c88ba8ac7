import { startSandboxes } from '../../../src/sandbox/sandbox-runner';

describe('startSandboxes', () => {
  it('applies the tier limits and fault rates to both sandboxes', async () => {
    const running = await startSandboxes({ tier: 'starter', faults: { rate5xx: 1, seed: 3 } });
    try {
      expect(running.connection.world).toBeNull();
      expect(running.salesforce!.limits.config.dailyApiRequests).toBe(15_000);
      expect(running.hubspot!.limiter.tier).toBe('free-starter');
      const hs = running.connection.hubspot!;
      const hsRes = await fetch(`${hs.baseUrl}/crm/v3/objects/companies?limit=1`, { headers: { authorization: `Bearer ${hs.privateAppToken}` } });
      expect(hsRes.status).toBeGreaterThanOrEqual(500);
      const sf = running.connection.salesforce!;
      const sfRes = await fetch(`${sf.instanceUrl}/services/data/v${sf.apiVersion}/query?q=SELECT+Id+FROM+Account`, {
        headers: { authorization: `Bearer ${sf.accessToken}` },
      });
      expect(sfRes.status).toBe(503);
    } finally {
      await running.stop();
    }
  });

  it('starts only the CRMs asked for and loads the world into them', async () => {
    const running = await startSandboxes({
      salesforce: false,
      world: { seed: 2, sizes: { accounts: 40, contacts: 200, licenses: 30 }, overlap: 0.5, asOf: new Date('2026-11-01T00:00:00Z'), titlesDir: null },
    });
    try {
      expect(running.salesforce).toBeNull();
      expect(running.connection.salesforce).toBeNull();
      const world = running.connection.world!;
      expect(running.hubspot!.store.typeStore('companies').ids().length).toBe(world.presence.hubspot + world.presence.both);
      expect(running.world!.salesforce).toEqual({});
      // Without Salesforce there are no Account Ids to cross-reference.
      const ts = running.hubspot!.store.typeStore('companies');
      expect(ts.ids().every((id) => !ts.getValue(ts.byId.get(id)!, 'salesforce_account_id'))).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('stops loading and rejects when aborted mid-load', async () => {
    const abort = new AbortController();
    let progressCalls = 0;
    const started = startSandboxes({
      world: { seed: 4, sizes: { accounts: 1500, contacts: 3000, licenses: 300 }, overlap: 0.4, titlesDir: null },
      signal: abort.signal,
      onProgress: () => {
        progressCalls++;
        abort.abort(new Error('stop please'));
      },
    });
    await expect(started).rejects.toThrow('stop please');
    // 1,500 accounts are three chunks; the abort after the first one stops the rest.
    expect(progressCalls).toBe(1);
  });
});
