import { generateKeyPairSync, sign } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { SalesforceSandbox, startSalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce-sandbox';
import { collectRecords, connect, errorOf } from './sandbox-harness';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

function jwt(claims: Record<string, unknown>, key = privateKey): string {
  const head = `${b64({ alg: 'RS256' })}.${b64(claims)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

describe('Salesforce sandbox: OAuth 2.0 and sessions', () => {
  let sandbox: SalesforceSandbox;
  let now: number;

  beforeEach(async () => {
    now = Date.parse('2026-01-15T10:00:00Z');
    sandbox = await startSalesforceSandbox({
      clock: () => new Date(now),
      sessionTtlMs: 60_000,
      jwtPublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
  });
  afterEach(() => sandbox.stop());

  const oauth2 = (): OAuth2 => new OAuth2({ loginUrl: sandbox.loginUrl, clientId: sandbox.clientCredentials.clientId, clientSecret: sandbox.clientCredentials.clientSecret });

  it('refresh_token grant returns a Salesforce-shaped token response that works against the API', async () => {
    const res = await oauth2().refreshToken(sandbox.clientCredentials.refreshToken);
    expect(res.instance_url).toBe(sandbox.baseUrl);
    expect(res.id).toMatch(/\/id\/00D\w{15}\/005\w{15}$/);
    expect(res.issued_at).toBe(String(now));
    expect(res.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(res).not.toHaveProperty('expires_in');
    const conn = new Connection({ instanceUrl: res.instance_url, accessToken: res.access_token, version: '60.0' });
    const identity = await conn.query('SELECT Id FROM User');
    expect(identity.totalSize).toBeGreaterThanOrEqual(1);
  });

  it('serves the identity URL from the token response (jsforce identity())', async () => {
    const conn = connect(Connection, sandbox);
    const res = await oauth2().refreshToken(sandbox.clientCredentials.refreshToken);
    conn.accessToken = res.access_token;
    conn.userInfo = { id: res.id.split('/').pop() as string, organizationId: res.id.split('/')[4], url: res.id };
    const who = await conn.identity();
    expect(who).toMatchObject({ username: 'integration@abm.sandbox', display_name: 'ABM Integration', user_id: res.id.split('/').pop() });
  });

  it('client_credentials grant issues a session; a wrong secret is rejected', async () => {
    const res = await oauth2().requestToken({ grant_type: 'client_credentials' });
    expect(res.access_token).toContain('!');
    const bad = new OAuth2({ loginUrl: sandbox.loginUrl, clientId: sandbox.clientCredentials.clientId, clientSecret: 'nope' });
    const err = await errorOf(bad.requestToken({ grant_type: 'client_credentials' }));
    expect(err.name).toBe('invalid_client');
  });

  it('JWT bearer grant verifies the RS256 signature, audience, expiry and subject', async () => {
    const claims = { iss: sandbox.clientCredentials.clientId, sub: sandbox.clientCredentials.username, aud: sandbox.loginUrl, exp: Math.floor(now / 1000) + 180 };
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const ok = await oauth2().requestToken({ grant_type: grant, assertion: jwt(claims) });
    expect(ok.instance_url).toBe(sandbox.baseUrl);

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await errorOf(oauth2().requestToken({ grant_type: grant, assertion: jwt(claims, otherKey) }))).name).toBe('invalid_grant');
    expect((await errorOf(oauth2().requestToken({ grant_type: grant, assertion: jwt({ ...claims, exp: Math.floor(now / 1000) - 1 }) }))).name).toBe('invalid_grant');
    expect((await errorOf(oauth2().requestToken({ grant_type: grant, assertion: jwt({ ...claims, aud: 'https://evil.example' }) }))).message).toBe('audience is invalid');
    expect((await errorOf(oauth2().requestToken({ grant_type: grant, assertion: jwt({ ...claims, sub: 'someone@else' }) }))).name).toBe('invalid_grant');
  });

  it('a bad refresh token answers 400 invalid_grant', async () => {
    const res = await fetch(`${sandbox.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'bogus', client_id: sandbox.clientCredentials.clientId, client_secret: sandbox.clientCredentials.clientSecret }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('expired sessions answer 401 INVALID_SESSION_ID and jsforce refreshes through its OAuth2 refresh flow', async () => {
    const conn = connect(Connection, sandbox);
    const firstToken = conn.accessToken;
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    await conn.query('SELECT Id FROM Account');

    now += 61_000; // past the session TTL
    const raw = await fetch(`${sandbox.baseUrl}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${firstToken}` } });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);

    const result = await conn.query('SELECT Id FROM Account');
    expect(result.done).toBe(true);
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).not.toBe(firstToken);
    expect(sandbox.calls.snapshot().byKind['oauth-token']).toBe(1);
  });

  it('forced expiry (fault) makes every open session refresh, including a Bulk 2.0 call', async () => {
    const conn = connect(Connection, sandbox);
    await conn.query('SELECT Id FROM Account');
    sandbox.faults.expireSessions();
    const job = await conn.bulk2.query('SELECT Id FROM Account', { pollTimeout: 60_000, pollInterval: 50 });
    await sandbox.store.insertMany('Account', [{ Name: 'Only' }]);
    const rows = await collectRecords(job);
    expect(rows).toEqual([]); // the job's rows were fixed when it ran, before the insert
    expect(sandbox.calls.snapshot().byKind['oauth-token']).toBe(1);
  });

  it('extends a session that is used after half of its timeout (inactivity timeout)', async () => {
    const conn = new Connection({ instanceUrl: sandbox.baseUrl, accessToken: sandbox.clientCredentials.accessToken, version: '60.0' });
    now += 40_000;
    await conn.query('SELECT Id FROM Account'); // 40 s in: extended to 100 s
    now += 40_000;
    expect((await conn.query('SELECT Id FROM Account')).done).toBe(true);
    now += 61_000;
    expect((await errorOf(conn.query('SELECT Id FROM Account'))).errorCode).toBe('INVALID_SESSION_ID');
  });

  it('without a refresh token an expired session surfaces the INVALID_SESSION_ID error', async () => {
    const conn = new Connection({ instanceUrl: sandbox.baseUrl, accessToken: sandbox.clientCredentials.accessToken, version: '60.0' });
    now += 61_000;
    const err = await errorOf(conn.query('SELECT Id FROM Account'));
    expect(err.errorCode).toBe('INVALID_SESSION_ID');
  });
});
