import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import type { HubspotSandbox } from '../../../src/sandbox/hubspot';
import { Signature } from '@hubspot/api-client/lib/src/utils/signature';
import { sdkError, startHarness, type Harness } from './support/sandbox-harness';

type SdkHarness = Harness<Client>;
const sdk = (s: HubspotSandbox): Client => new Client({ accessToken: s.privateAppToken, basePath: s.url });

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  events: Array<Record<string, unknown>>;
}

/**
 * Independent check of `X-HubSpot-Signature-v3`, written from HubSpot's "Validating requests" guide:
 * concatenate method + full request URI + raw body + timestamp, HMAC-SHA256 with the app secret,
 * base64; reject timestamps older than five minutes; compare in constant time. The guide's table lists
 * the only percent-encodings to decode in the URI first.
 */
const GUIDE_DECODES: Array<[string, string]> = [
  ['%3A', ':'], ['%2F', '/'], ['%3F', '?'], ['%40', '@'], ['%21', '!'], ['%24', '$'],
  ['%27', "'"], ['%28', '('], ['%29', ')'], ['%2A', '*'], ['%2C', ','], ['%3B', ';'],
];

function decodeForSignature(uri: string): string {
  let out = uri;
  for (const [encoded, plain] of GUIDE_DECODES) out = out.split(encoded).join(plain).split(encoded.toLowerCase()).join(plain);
  return out;
}

function verifyV3(secret: string, method: string, uri: string, body: string, headers: IncomingMessage['headers']): boolean {
  const timestamp = String(headers['x-hubspot-request-timestamp'] ?? '');
  if (Date.now() - Number(timestamp) > 5 * 60 * 1000) return false;
  const expected = createHmac('sha256', secret).update(method + decodeForSignature(uri) + body + timestamp).digest();
  const given = Buffer.from(String(headers['x-hubspot-signature-v3'] ?? ''), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('HubSpot sandbox: webhooks', () => {
  let h: SdkHarness;
  let receiver: Server;
  let targetUrl: string;
  const received: Received[] = [];
  let failNext = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end();
          return;
        }
        received.push({ headers: req.headers, body, events: JSON.parse(body) as Array<Record<string, unknown>> });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hubspot/webhook?tenant=a%20b&since=2026-01-01T00%3A00`;
    h = await startHarness(sdk, { rateLimits: { enabled: false }, searchLagMs: 0, webhooks: { targetUrl, retryBaseMs: 5 } });
  });
  afterAll(async () => {
    expect(h.violations).toEqual([]);
    await h.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
  beforeEach(() => {
    received.length = 0;
    h.sandbox.faults.reset();
  });

  it('signs every POST so an independent v3 check and the SDK helper both accept it', async () => {
    await h.client.crm.contacts.basicApi.create({ properties: { email: 'sig@example.com' }, associations: [] });
    await h.sandbox.webhooks.flush();
    expect(received.length).toBeGreaterThan(0);
    for (const r of received) {
      expect(verifyV3(h.sandbox.oauth.clientSecret, 'POST', targetUrl, r.body, r.headers)).toBe(true);
      expect(verifyV3('another-secret', 'POST', targetUrl, r.body, r.headers)).toBe(false);
      expect(verifyV3(h.sandbox.oauth.clientSecret, 'POST', targetUrl, r.body.replace('sig@', 'sog@'), r.headers)).toBe(false);
      const sdkSays = Signature.isValid({
        signatureVersion: 'v3',
        clientSecret: h.sandbox.oauth.clientSecret,
        requestBody: r.body,
        url: decodeForSignature(targetUrl),
        method: 'POST',
        signature: String(r.headers['x-hubspot-signature-v3']),
        timestamp: Number(r.headers['x-hubspot-request-timestamp']),
      });
      expect(sdkSays).toBe(true);
    }
  });

  it('tells integration writes (INTEGRATION + app id) from CRM user writes (CRM_UI)', async () => {
    const created = await h.client.crm.companies.basicApi.create({ properties: { name: 'Echo Inc' }, associations: [] });
    h.sandbox.store.update('companies', Number(created.id), { industry: 'MEDIA' });
    await h.sandbox.webhooks.flush();
    const events = received.flatMap((r) => r.events);
    const creation = events.find((e) => e.subscriptionType === 'company.creation');
    expect(creation).toEqual(
      expect.objectContaining({ objectId: Number(created.id), changeSource: 'INTEGRATION', sourceId: String(h.sandbox.appId), portalId: h.sandbox.portalId, appId: h.sandbox.appId, attemptNumber: 0, changeFlag: 'CREATED' }),
    );
    const byUser = events.find((e) => e.subscriptionType === 'company.propertyChange' && e.propertyName === 'industry');
    expect(byUser).toEqual(expect.objectContaining({ propertyValue: 'MEDIA', changeSource: 'CRM_UI' }));
    expect(typeof byUser?.eventId).toBe('number');
    expect(typeof byUser?.occurredAt).toBe('number');
  });

  it('delivers at most 100 events per POST', async () => {
    const ids = h.sandbox.store.insertMany('contacts', Array.from({ length: 250 }, (_, i) => ({ properties: { email: `w${i}@example.com` } })));
    for (const id of ids) h.sandbox.store.update('contacts', Number(id), { jobtitle: 'VP Sales' });
    await h.sandbox.webhooks.flush();
    const sizes = received.map((r) => r.events.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(250);
  });

  it('retries failed deliveries with an increasing attemptNumber', async () => {
    failNext = 2;
    const [id] = h.sandbox.store.insertMany('deals', [{ properties: { dealname: 'retry me' } }]);
    h.sandbox.store.update('deals', Number(id), { amount: '1000' });
    await h.sandbox.webhooks.flush();
    expect(received).toHaveLength(1);
    expect(received[0].events[0].attemptNumber).toBe(2);
    const attempts = h.sandbox.webhooks.deliveries.filter((d) => d.eventIds.includes(received[0].events[0].eventId as number)).map((d) => d.attemptNumber);
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('duplicates and reorders deliveries when those faults are on', async () => {
    h.sandbox.faults.configure({ webhookDuplicateRate: 1, webhookReorder: true, seed: 7 });
    const ids = h.sandbox.store.insertMany('contacts', Array.from({ length: 30 }, (_, i) => ({ properties: { email: `o${i}@example.com` } })));
    for (const id of ids) h.sandbox.store.update('contacts', Number(id), { jobtitle: 'CFO' });
    await h.sandbox.webhooks.flush();
    const eventIds = received.flatMap((r) => r.events.map((e) => e.eventId as number));
    expect(eventIds).toHaveLength(60);
    expect(new Set(eventIds).size).toBe(30);
    const firstDelivery = received[0].events.map((e) => e.eventId as number);
    expect(firstDelivery).not.toEqual([...firstDelivery].sort((a, b) => a - b));
  });

  it('is configured through the webhooks v3 settings and subscriptions API with the developer API key', async () => {
    const dev = new Client({ developerApiKey: h.sandbox.developerApiKey, basePath: h.sandbox.url });
    const appId = h.sandbox.appId;
    const settings = await dev.webhooks.settingsApi.configure(appId, { targetUrl, throttling: { maxConcurrentRequests: 5 } });
    expect(settings.targetUrl).toBe(targetUrl);
    expect((await dev.webhooks.settingsApi.getAll(appId)).throttling.maxConcurrentRequests).toBe(5);
    for (const sub of (await dev.webhooks.subscriptionsApi.getAll(appId)).results) await dev.webhooks.subscriptionsApi.archive(Number(sub.id), appId);
    const sub = await dev.webhooks.subscriptionsApi.create(appId, { eventType: 'company.propertyChange' as never, propertyName: 'domain', active: true });
    expect(sub.active).toBe(true);
    const noProperty = await sdkError(dev.webhooks.subscriptionsApi.create(appId, { eventType: 'contact.propertyChange' as never, active: true }));
    expect(noProperty.code).toBe(400);
    const wrongKey = await sdkError(new Client({ developerApiKey: 'nope', basePath: h.sandbox.url }).webhooks.settingsApi.getAll(appId));
    expect(wrongKey.code).toBe(401);

    const [id] = h.sandbox.store.insertMany('companies', [{ properties: { name: 'Sub Co' } }]);
    h.sandbox.store.update('companies', Number(id), { name: 'Sub Co 2', domain: 'sub.example' });
    await h.sandbox.webhooks.flush();
    expect(received.flatMap((r) => r.events).map((e) => [e.subscriptionType, e.propertyName])).toEqual([['company.propertyChange', 'domain']]);
    await dev.webhooks.subscriptionsApi.update(Number(sub.id), appId, { active: false });
    h.sandbox.store.update('companies', Number(id), { domain: 'sub2.example' });
    await h.sandbox.webhooks.flush();
    expect(received).toHaveLength(1);
  });
});
