import { createHmac, timingSafeEqual } from 'node:crypto';

/** HubSpot rejects (and so do we) requests whose timestamp is older than five minutes. */
export const MAX_WEBHOOK_AGE_MS = 5 * 60_000;

export interface SignatureInput {
  clientSecret: string;
  method: string;
  /** The full URL HubSpot called (scheme, host, path and query). */
  url: string;
  rawBody: string;
  /** X-HubSpot-Request-Timestamp, milliseconds. */
  timestamp: string | undefined;
  /** X-HubSpot-Signature-v3. */
  signature: string | undefined;
  now?: number;
}

/** base64(HMAC-SHA256(secret, method + uri + body + timestamp)), per HubSpot's v3 signature docs. */
export function hubspotSignatureV3(secret: string, method: string, url: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${method.toUpperCase()}${url}${rawBody}${timestamp}`, 'utf8').digest('base64');
}

/**
 * Validates a v3 signature: timestamp inside the five-minute window, then a constant-time comparison
 * (the SDK's `Signature.isValid` compares with `===`, crm-apis-and-sync.md §6.2). HubSpot's docs say to
 * URL-decode the URI before signing; we accept either form.
 */
export function verifyHubspotSignatureV3(input: SignatureInput): { ok: true } | { ok: false; reason: string } {
  const now = input.now ?? Date.now();
  const ts = Number(input.timestamp);
  if (!input.timestamp || !Number.isFinite(ts)) return { ok: false, reason: 'missing timestamp' };
  if (Math.abs(now - ts) > MAX_WEBHOOK_AGE_MS) return { ok: false, reason: 'timestamp outside the 5-minute window' };
  if (!input.signature) return { ok: false, reason: 'missing signature' };
  const given = Buffer.from(input.signature, 'utf8');
  let decoded = input.url;
  try {
    decoded = decodeURIComponent(input.url);
  } catch {
    /* keep the raw form */
  }
  for (const url of new Set([input.url, decoded])) {
    const expected = Buffer.from(hubspotSignatureV3(input.clientSecret, input.method, url, input.rawBody, input.timestamp), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return { ok: true };
  }
  return { ok: false, reason: 'signature mismatch' };
}

export interface HubspotWebhookEvent {
  eventId: number | string;
  subscriptionType?: string;
  objectTypeId?: string;
  objectId: number | string;
  occurredAt: number;
  changeSource?: string;
  sourceId?: string;
  appId?: number;
}

const TYPE_BY_PREFIX: Record<string, string> = { contact: 'contacts', company: 'companies', deal: 'deals', line_item: 'line_items', ticket: 'tickets' };
/**
 * Generic `object.*` events name their type by id. Tasks and notes (the activities the sync stores) only
 * come this way: they have no legacy `task.*` subscription types.
 */
const TYPE_BY_ID: Record<string, string> = { '0-1': 'contacts', '0-2': 'companies', '0-3': 'deals', '0-8': 'line_items', '0-5': 'tickets', '0-27': 'tasks', '0-46': 'notes' };

/**
 * Webhook events → the object reads they call for. Events caused by our own app or integration user
 * are dropped (changeSource/sourceId name the writer), duplicates collapse by eventId.
 */
export function eventsToReads(events: HubspotWebhookEvent[], ours: { appId?: string | null; userId?: string | null }, customTypes: Record<string, string> = {}): Array<{ objectType: string; objectId: string; occurredAt: number; eventId: string }> {
  const seen = new Set<string>();
  const out: Array<{ objectType: string; objectId: string; occurredAt: number; eventId: string }> = [];
  for (const e of events) {
    const eventId = String(e.eventId);
    if (seen.has(eventId)) continue;
    seen.add(eventId);
    const source = String(e.sourceId ?? '');
    if (ours.appId && (String(e.appId ?? '') === ours.appId && e.changeSource === 'INTEGRATION' || source === `${ours.appId}` || source === `app:${ours.appId}`)) continue;
    if (ours.userId && (source === ours.userId || source === `userId:${ours.userId}`)) continue;
    const prefix = (e.subscriptionType ?? '').split('.')[0];
    const objectType = (e.objectTypeId ? TYPE_BY_ID[e.objectTypeId] ?? customTypes[e.objectTypeId] : undefined) ?? TYPE_BY_PREFIX[prefix] ?? customTypes[prefix];
    if (!objectType) continue;
    out.push({ objectType, objectId: String(e.objectId), occurredAt: Number(e.occurredAt) || Date.now(), eventId });
  }
  return out;
}
