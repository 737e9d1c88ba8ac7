import { Client } from '@hubspot/api-client';
import { ManualClock, type HubspotSandbox } from '../../../src/sandbox/hubspot';
import { sdkError, useHarness, type Harness } from './support/sandbox-harness';

type SdkHarness = Harness<Client>;
const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

describe('HubSpot sandbox: OAuth, token expiry, rate limits and call accounting', () => {
  const clock = new ManualClock(Date.parse('2026-03-10T12:00:00.000Z'));

  const h = useHarness(sdk, { clock, rateLimits: { enabled: true, tier: 'free-starter' }, searchLagMs: 0, oauth: { accessTokenTtlMs: 30 * 60 * 1000 } });
  beforeEach(() => clock.advance(60_000)); // a fresh 10 s window for every test

  it('answers 401 INVALID_AUTHENTICATION without or with a wrong token', async () => {
    const anonymous = new Client({ basePath: h.sandbox.url });
    const missing = await sdkError(anonymous.crm.companies.basicApi.getPage());
    expect(missing.code).toBe(401);
    expect(missing.body.category).toBe('INVALID_AUTHENTICATION');
    const wrong = await sdkError(new Client({ accessToken: 'pat-na1-wrong', basePath: h.sandbox.url }).crm.companies.basicApi.getPage());
    expect(wrong.body).toEqual(expect.objectContaining({ status: 'error', category: 'INVALID_AUTHENTICATION' }));
  });

  it('issues OAuth tokens for refresh_token and authorization_code grants; they expire after 30 minutes', async () => {
    const { clientId, clientSecret, refreshToken, redirectUri } = h.sandbox.oauth;
    const oauthClient = new Client({ basePath: h.sandbox.url });
    const refreshed = await oauthClient.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, refreshToken);
    expect(refreshed.expiresIn).toBe(1800);
    expect(refreshed.tokenType).toBe('bearer');
    const code = h.sandbox.auth.createAuthorizationCode();
    const installed = await oauthClient.oauth.tokensApi.create('authorization_code', code, redirectUri, clientId, clientSecret);
    expect(installed.refreshToken).not.toBe(refreshToken);
    const reused = await sdkError(oauthClient.oauth.tokensApi.create('authorization_code', code, redirectUri, clientId, clientSecret));
    expect(reused.code).toBe(400);
    expect(reused.body.status).toBe('BAD_AUTH_CODE');
    const badSecret = await sdkError(oauthClient.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, 'nope', refreshToken));
    expect(badSecret.body.status).toBe('BAD_CLIENT_SECRET');

    const api = new Client({ accessToken: refreshed.accessToken, basePath: h.sandbox.url });
    const ok = await api.crm.contacts.basicApi.getPageWithHttpInfo();
    expect(ok.httpStatusCode).toBe(200);
    expect(ok.headers['x-hubspot-ratelimit-max']).toBe('110');
    expect(ok.headers['x-hubspot-ratelimit-daily']).toBeUndefined();

    const info = await oauthClient.oauth.accessTokensApi.get(refreshed.accessToken);
    expect(info.hubId).toBe(h.sandbox.portalId);
    expect(info.appId).toBe(h.sandbox.appId);
    expect(info.expiresIn).toBe(1800);
    expect(info.scopes).toContain('crm.objects.companies.write');
    expect((await oauthClient.oauth.refreshTokensApi.get(installed.refreshToken)).hubId).toBe(h.sandbox.portalId);
    await oauthClient.oauth.refreshTokensApi.archive(installed.refreshToken);
    const revoked = await sdkError(oauthClient.oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, clientSecret, installed.refreshToken));
    expect(revoked.body.status).toBe('BAD_REFRESH_TOKEN');

    clock.advance(30 * 60 * 1000 + 5000);
    const expired = await sdkError(api.crm.contacts.basicApi.getPage());
    expect(expired.code).toBe(401);
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');
    expect(String(expired.body.message)).toBe('The OAuth token used to make this call expired 5 second(s) ago.');
    expect(String(expired.body.correlationId)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the X-HubSpot-RateLimit-* headers and the TEN_SECONDLY_ROLLING 429 body after 100 calls in 10 s (free/starter)', async () => {
    let last: Awaited<ReturnType<SdkHarness['client']['crm']['companies']['basicApi']['getPageWithHttpInfo']>> | undefined;
    for (let i = 0; i < 100; i++) last = await h.client.crm.companies.basicApi.getPageWithHttpInfo(1);
    expect(last?.headers['x-hubspot-ratelimit-max']).toBe('100');
    expect(last?.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(last?.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
    expect(last?.headers['x-hubspot-ratelimit-daily']).toBe('250000');
    expect(Number(last?.headers['x-hubspot-ratelimit-daily-remaining'])).toBeLessThan(250000);
    expect(last?.headers['x-hubspot-ratelimit-secondly']).toBe('10');
    const limited = await sdkError(h.client.crm.companies.basicApi.getPage(1));
    expect(limited.code).toBe(429);
    expect(limited.body).toEqual(
      expect.objectContaining({ status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', groupName: expect.any(String) }),
    );
    expect(limited.body.groupName).toBe(`publicapi:private-app-api-calls-ten-secondly:${h.sandbox.portalId}`);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10);
    clock.advance(10_001);
    await expect(h.client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
  });

  it('raises the burst to 190 when the tier changes at run time through the admin endpoint', async () => {
    const res = await fetch(`${h.sandbox.url}/__sandbox/rate-limits`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tier: 'professional' }) });
    expect(await res.json()).toEqual({ tier: 'professional', enabled: true });
    const info = await h.client.crm.companies.basicApi.getPageWithHttpInfo(1);
    expect(info.headers['x-hubspot-ratelimit-max']).toBe('190');
    expect(info.headers['x-hubspot-ratelimit-daily']).toBe('650000');
    h.sandbox.limiter.tier = 'free-starter';
  });

  it('limits search to 5 requests per second with the SECONDLY body the SDK retry decorator recognises', async () => {
    const search = () => h.client.crm.companies.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 1, after: '0' });
    for (let i = 0; i < 5; i++) await search();
    const limited = await sdkError(search());
    expect(limited.code).toBe(429);
    expect(limited.body).toEqual(expect.objectContaining({ message: 'You have reached your secondly limit.', policyName: 'SECONDLY', errorType: 'RATE_LIMIT' }));
    clock.advance(1000);
    await expect(search()).resolves.toBeDefined();
  });

  it('answers the DAILY 429 once the daily allowance is used up (the SDK does not retry it)', async () => {
    h.sandbox.limiter.setDailyUsed(250_000);
    const limited = await sdkError(h.client.crm.companies.basicApi.getPage(1));
    expect(limited.body).toEqual(expect.objectContaining({ policyName: 'DAILY', message: 'You have reached your daily limit.' }));
    h.sandbox.limiter.setDailyUsed(0);
  });

  it('counts calls per endpoint and per token, in process and over /__sandbox/calls', async () => {
    h.sandbox.calls.reset();
    await h.client.crm.contacts.basicApi.getPage(5);
    await h.client.crm.contacts.basicApi.getPage(5);
    await sdkError(h.client.crm.contacts.basicApi.getById('424242'));
    const snap = h.sandbox.calls.snapshot();
    expect(snap.byEndpoint['GET /crm/v3/objects/{objectType}']).toEqual({ count: 2, statuses: { 200: 2 } });
    expect(snap.byEndpoint['GET /crm/v3/objects/{objectType}/{objectId}']).toEqual({ count: 1, statuses: { 404: 1 } });
    expect(snap.byToken).toEqual({ 'private-app': 3 });
    const overHttp = (await (await fetch(`${h.sandbox.url}/__sandbox/calls`)).json()) as { total: number };
    expect(overHttp.total).toBe(3);
  });
});
