import { createHmac, timingSafeEqual } from 'node:crypto';

/** HubSpot rejects nothing older than 5 minutes; neither do we (request-validation docs, v3). */
export const HUBSPOT_SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * The characters HubSpot decodes in the request URI before signing v3 (in-crm-surfaces.md §1.5). Only
 * these: a full decodeURIComponent would also decode e.g. %2B and %25 and break the signature.
 */
const DECODE: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'",
  '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function decodeHubspotUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODE[m.toUpperCase()] ?? m);
}

export function hubspotSignatureV3(clientSecret: string, method: string, uri: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', clientSecret).update(`${method.toUpperCase()}${decodeHubspotUri(uri)}${rawBody}${timestamp}`, 'utf8').digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Verifies `X-HubSpot-Signature-v3`: HMAC-SHA256(clientSecret, METHOD + URI + body + timestamp), base64,
 * compared in constant time (the official Node helper uses ===, crm-apis-and-sync.md §6.2).
 */
export function verifyHubspotSignatureV3(input: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now?: number;
}): SignatureCheck {
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp' };
  const ts = Number(input.timestamp);
  if (!Number.isFinite(ts)) return { ok: false, reason: 'bad timestamp' };
  const age = (input.now ?? Date.now()) - ts;
  if (age > HUBSPOT_SIGNATURE_MAX_AGE_MS || age < -HUBSPOT_SIGNATURE_MAX_AGE_MS) return { ok: false, reason: 'timestamp outside the 5-minute window' };
  const expected = Buffer.from(hubspotSignatureV3(input.clientSecret, input.method, input.uri, input.rawBody, input.timestamp), 'utf8');
  const given = Buffer.from(input.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
