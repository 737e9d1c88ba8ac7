import { eventsToReads, hubspotSignatureV3, verifyHubspotSignatureV3 } from './hubspot-signature.util';

describe('HubSpot webhook signature v3', () => {
  const secret = 'shhh-secret';
  const url = 'https://abm.example.com/api/v1/webhooks/hubspot/abc?x=1';
  const body = '[{"eventId":1,"objectId":5}]';
  const now = 1_700_000_000_000;
  const ts = String(now - 1000);
  const signature = hubspotSignatureV3(secret, 'POST', url, body, ts);

  it('accepts a correct signature inside the window', () => {
    expect(verifyHubspotSignatureV3({ clientSecret: secret, method: 'POST', url, rawBody: body, timestamp: ts, signature, now })).toEqual({ ok: true });
  });

  it('rejects a tampered body, a wrong secret and a stale timestamp', () => {
    expect(verifyHubspotSignatureV3({ clientSecret: secret, method: 'POST', url, rawBody: body.replace('5', '6'), timestamp: ts, signature, now }).ok).toBe(false);
    expect(verifyHubspotSignatureV3({ clientSecret: 'other', method: 'POST', url, rawBody: body, timestamp: ts, signature, now }).ok).toBe(false);
    const old = String(now - 6 * 60_000);
    const oldSig = hubspotSignatureV3(secret, 'POST', url, body, old);
    expect(verifyHubspotSignatureV3({ clientSecret: secret, method: 'POST', url, rawBody: body, timestamp: old, signature: oldSig, now })).toEqual({ ok: false, reason: 'timestamp outside the 5-minute window' });
  });

  it('maps events to reads, dropping duplicates and our own changes', () => {
    const reads = eventsToReads([
      { eventId: 1, subscriptionType: 'contact.propertyChange', objectId: 10, occurredAt: 5 },
      { eventId: 1, subscriptionType: 'contact.propertyChange', objectId: 10, occurredAt: 5 },
      { eventId: 2, subscriptionType: 'company.deletion', objectId: 20, occurredAt: 6 },
      { eventId: 3, subscriptionType: 'company.propertyChange', objectId: 21, occurredAt: 7, changeSource: 'INTEGRATION', sourceId: '999', appId: 999 },
      { eventId: 4, objectTypeId: '0-3', subscriptionType: 'object.propertyChange', objectId: 30, occurredAt: 8 },
    ], { appId: '999' });
    expect(reads.map((r) => [r.objectType, r.objectId])).toEqual([['contacts', '10'], ['companies', '20'], ['deals', '30']]);
  });

  it('maps generic task and note events (objectTypeId 0-27, 0-46) to reads of tasks and notes', () => {
    const reads = eventsToReads([
      { eventId: 5, objectTypeId: '0-27', subscriptionType: 'object.propertyChange', objectId: 40, occurredAt: 9 },
      { eventId: 6, objectTypeId: '0-46', subscriptionType: 'object.deletion', objectId: 41, occurredAt: 10 },
    ], {});
    expect(reads.map((r) => [r.objectType, r.objectId])).toEqual([['tasks', '40'], ['notes', '41']]);
  });
});
