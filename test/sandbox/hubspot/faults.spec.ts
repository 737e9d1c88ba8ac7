import { Client } from '@hubspot/api-client';
import type { HubspotSandbox } from '../../../src/sandbox/hubspot';
import { FaultInjector } from '../../../src/sandbox/hubspot/faults.service';
import { sdkError, useHarness } from './support/sandbox-harness';

const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

describe('HubSpot sandbox: fault injection', () => {

  const h = useHarness(sdk, { rateLimits: { enabled: false }, searchLagMs: 0 });
  beforeEach(() => {
    h.sandbox.faults.reset();
    h.sandbox.calls.reset();
    // The SDK keeps its retry decorators in a process-wide singleton that every `new Client()` replaces
    // (reference 6.2), so a fresh no-retry client undoes the retrying one of the first test.
    h.client = new Client({ accessToken: h.sandbox.privateAppToken, basePath: h.sandbox.url });
  });

  it('a scheduled 5xx is retried by the SDK retry decorator and then succeeds', async () => {
    h.sandbox.faults.schedule('server5xx', 2, '/crm/v3/objects/companies');
    const retrying = new Client({ accessToken: h.sandbox.privateAppToken, basePath: h.sandbox.url, numberOfApiCallRetries: 3 });
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(retrying.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
    errorLog.mockRestore();
    const statuses = h.sandbox.calls.snapshot().byEndpoint['GET /crm/v3/objects/{objectType}'].statuses;
    expect(Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0)).toBe(2);
    expect(statuses[200]).toBe(1);
  });

  it('an injected 429 carries the TEN_SECONDLY_ROLLING body', async () => {
    h.sandbox.faults.schedule('rate429');
    const limited = await sdkError(h.client.crm.contacts.basicApi.getPage(1));
    expect(limited.code).toBe(429);
    expect(limited.body.policyName).toBe('TEN_SECONDLY_ROLLING');
  });

  it('dropped connections reject, hung requests never answer, slow ones arrive late', async () => {
    h.sandbox.faults.schedule('drop');
    await expect(h.client.crm.contacts.basicApi.getPage(1)).rejects.toThrow();

    h.sandbox.faults.schedule('hang');
    const hung = fetch(`${h.sandbox.url}/crm/v3/objects/contacts`, { headers: { authorization: `Bearer ${h.sandbox.privateAppToken}` }, signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toThrow();

    h.sandbox.faults.configure({ slowRate: 1, slowMs: 250 });
    const started = Date.now();
    await h.client.crm.contacts.basicApi.getPage(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('partial batch failures come back as 207 with per-input errors, reproducibly for a seed', async () => {
    const ids = h.sandbox.store.insertMany('companies', Array.from({ length: 40 }, (_, i) => ({ properties: { name: `p${i}` } })));
    const run = async () => {
      h.sandbox.faults.configure({ partialBatchRate: 0.3, seed: 42 });
      const res = await h.client.crm.companies.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { industry: 'RETAIL' } })) });
      const errors = (res as unknown as { errors?: Array<{ category: string; context: { ids: string[] } }> }).errors ?? [];
      return { ok: res.results.map((r) => r.id).sort(), failed: errors.flatMap((e) => e.context.ids).sort() };
    };
    const first = await run();
    const second = await run();
    expect(first.failed.length).toBeGreaterThan(0);
    expect(first.ok.length + first.failed.length).toBe(40);
    expect(second).toEqual(first);
  });

  it('forced token expiry turns OAuth calls into 401 EXPIRED_AUTHENTICATION; faults change at run time over HTTP', async () => {
    const { clientId, clientSecret, refreshToken } = h.sandbox.oauth;
    const token = await new Client({ basePath: h.sandbox.url }).oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, refreshToken);
    const api = new Client({ accessToken: token.accessToken, basePath: h.sandbox.url });
    await fetch(`${h.sandbox.url}/__sandbox/oauth/expire`, { method: 'POST' });
    expect((await sdkError(api.crm.contacts.basicApi.getPage(1))).body.category).toBe('EXPIRED_AUTHENTICATION');

    const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate5xx: 1 }) });
    expect(((await res.json()) as { rate5xx: number }).rate5xx).toBe(1);
    expect((await sdkError(h.client.crm.contacts.basicApi.getPage(1))).code).toBeGreaterThanOrEqual(500);
  });

  it('the same seed gives the same fault sequence', () => {
    const a = new FaultInjector({ seed: 9, rate429: 0.2, rate5xx: 0.2, dropRate: 0.1 });
    const b = new FaultInjector({ seed: 9, rate429: 0.2, rate5xx: 0.2, dropRate: 0.1 });
    const seq = (f: FaultInjector) => Array.from({ length: 200 }, () => f.pick('/crm/v3/objects/contacts') ?? '-');
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['-', 'rate429', 'server5xx', 'drop']));
  });
});
