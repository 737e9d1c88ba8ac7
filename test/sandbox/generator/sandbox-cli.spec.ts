import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { formatConnection } from '../../../src/cli/commands/sandbox.command';
import { runCli } from '../../../src/cli/main';
import type { SandboxConnectionInfo } from '../../../src/sandbox/sandbox-runner.types';

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('abm sandbox --json', () => {
  let out = '';
  let info: SandboxConnectionInfo;
  let finished: Promise<void>;
  let writeSpy: jest.SpyInstance;
  let errSpy: jest.SpyInstance;

  beforeAll(async () => {
    writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    finished = runCli(['node', 'abm', 'sandbox', '--json', '--seed', '3', '--accounts', '60', '--contacts', '400', '--licenses', '90', '--overlap', '50', '--as-of', '2026-11-01',
      // Built-in title lists: the dataset reader has its own spec, and parsing 56k titles would slow this one.
      '--titles', join(tmpdir(), 'abm-no-titles')]);
    const line = await waitFor(() => (out.includes('\n') ? out.slice(0, out.indexOf('\n')) : undefined), 30_000);
    info = JSON.parse(line) as SandboxConnectionInfo;
  });

  afterAll(async () => {
    process.emit('SIGTERM', 'SIGTERM');
    await finished;
    writeSpy.mockRestore();
    errSpy.mockRestore();
  });

  it('prints exactly one JSON line with both sandboxes and the loaded world', () => {
    expect(out.split('\n').filter(Boolean)).toHaveLength(1);
    expect(info.salesforce?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.hubspot?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.world?.generated).toMatchObject({ accounts: 60, contacts: 400, licenses: 90 });
    expect(Math.abs(info.world!.presence.both - 30)).toBeLessThanOrEqual(2);
    expect(info.world?.asOf).toBe('2026-11-01T00:00:00.000Z');
  });

  it('renders the same information for people without --json', () => {
    const text = formatConnection(info);
    for (const value of [info.salesforce!.baseUrl, info.salesforce!.refreshToken, info.hubspot!.baseUrl, info.hubspot!.privateAppToken]) {
      expect(text).toContain(value);
    }
    expect(text).toMatch(/60 accounts \(\d+ in both CRMs\), 400 contacts, 90 license records/);
  });

  it('prints HubSpot credentials that list the loaded companies', async () => {
    const hs = info.hubspot!;
    const res = await fetch(`${hs.baseUrl}/crm/v3/objects/companies?limit=100&properties=domain`, {
      headers: { authorization: `Bearer ${hs.privateAppToken}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ properties: { domain?: string } }> };
    expect(body.results.length).toBe(info.world!.presence.hubspot + info.world!.presence.both);
    expect(body.results.every((r) => typeof r.properties.domain === 'string')).toBe(true);
    const denied = await fetch(`${hs.baseUrl}/crm/v3/objects/companies?limit=1`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
  });

  it('prints Salesforce credentials that jsforce can use, including the refresh token', async () => {
    const sf = info.salesforce!;
    const conn = new Connection({
      oauth2: { clientId: sf.clientId, clientSecret: sf.clientSecret, loginUrl: sf.loginUrl },
      instanceUrl: sf.instanceUrl,
      refreshToken: sf.refreshToken,
      version: sf.apiVersion,
    });
    // No access token given: jsforce must refresh with the printed client credentials first.
    const result = await conn.query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account');
    expect(result.totalSize).toBe(info.world!.presence.salesforce + info.world!.presence.both);
    expect(result.records[0].Id).toMatch(/^001/);
    // The demo's custom fields are part of the org's schema, visible to SOQL.
    const keyed = await conn.query<{ ABM_Demo_Key__c: string; Segment__c: string }>('SELECT ABM_Demo_Key__c, Segment__c FROM Account LIMIT 5');
    expect(keyed.records.every((r) => /^acc-\d{6}$/.test(r.ABM_Demo_Key__c) && ['SMB', 'Mid-Market', 'Enterprise'].includes(r.Segment__c))).toBe(true);
    const direct = await fetch(`${sf.instanceUrl}/services/data/v${sf.apiVersion}/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`, {
      headers: { authorization: `Bearer ${sf.accessToken}` },
    });
    expect(direct.status).toBe(200);
    expect(((await direct.json()) as { totalSize: number }).totalSize).toBeGreaterThan(0);
  });

  it('stops both sandboxes on SIGTERM', async () => {
    const urls = [info.salesforce!.baseUrl, info.hubspot!.baseUrl];
    process.emit('SIGTERM', 'SIGTERM');
    await finished;
    for (const url of urls) await expect(fetch(`${url}/services/data`)).rejects.toThrow();
  });
});
