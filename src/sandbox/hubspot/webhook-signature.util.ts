import { createHash, createHmac } from 'node:crypto';

/**
 * The request-validation guide (developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation)
 * has the receiver decode these (and only these) percent-encodings in the URI before computing v3, so
 * the sender signs the same decoded form.
 */
const DECODED_IN_SIGNATURE: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function signatureUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED_IN_SIGNATURE[m.toUpperCase()]);
}

/** `X-HubSpot-Signature-v3`: base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)). */
export function signV3(clientSecret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', clientSecret).update(`${method}${signatureUri(uri)}${body}${timestamp}`, 'utf8').digest('base64');
}

/** `X-HubSpot-Signature` (v1): hex SHA-256 of clientSecret + body. */
export function signV1(clientSecret: string, body: string): string {
  return createHash('sha256').update(clientSecret + body).digest('hex');
}
