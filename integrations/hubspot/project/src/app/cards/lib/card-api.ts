/**
 * Fetches the card payload from the ABM service with hubspot.fetch. hubspot.fetch cannot send
 * credentials, so the service authenticates the call by HubSpot's v3 request signature
 * (X-HubSpot-Signature-v3), which HubSpot adds itself (reference in-crm-surfaces.md, 1.3 and 1.5).
 */
import type { CardPayload } from './card-payload.types';
import { FETCH_TIMEOUT_MS } from './card-config';

/** The subset of hubspot.fetch the card uses; injected so tests need no HubSpot runtime. */
export type CardFetcher = (
  url: string,
  options: { method: 'GET'; timeout: number },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

// HubSpot object type ids (context.crm.objectTypeId) -> the API's objectType path segment.
const OBJECT_TYPES: Record<string, string> = { '0-1': 'contacts', '0-2': 'companies' };

export class CardFetchError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'CardFetchError';
  }
}

export function cardUrl(baseUrl: string, objectTypeId: string, objectId: number | string): string {
  const objectType = OBJECT_TYPES[objectTypeId];
  if (!objectType) throw new CardFetchError('ABM insights are available on company and contact records only.');
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/api/v1/card/hubspot/${objectType}/${encodeURIComponent(String(objectId))}`;
}

function messageForStatus(status: number): string {
  if (status === 404) return 'The ABM service has no insights for this record yet.';
  if (status === 401 || status === 403) return 'The ABM service did not accept this portal. Ask your admin to reinstall the ABM app.';
  if (status === 429) return 'The ABM service is busy. Try again in a minute.';
  return `The ABM service returned an error (HTTP ${status}).`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural check of the parts the card cannot render without; the full contract is the JSON schema. */
export function isCardPayload(v: unknown): v is CardPayload {
  if (!isObject(v) || !isObject(v.score) || !isObject(v.freshness) || !isObject(v.committee) || !isObject(v.loyalty)) return false;
  return (
    typeof v.score.value === 'number' &&
    Array.isArray(v.score.trend) &&
    Array.isArray(v.topReasons) &&
    Array.isArray(v.nextActions) &&
    Array.isArray(v.committee.members) &&
    typeof v.freshness.ageSeconds === 'number'
  );
}

export async function fetchCard(
  fetcher: CardFetcher,
  baseUrl: string,
  objectTypeId: string,
  objectId: number | string,
): Promise<CardPayload> {
  const url = cardUrl(baseUrl, objectTypeId, objectId);
  let response: Awaited<ReturnType<CardFetcher>>;
  try {
    response = await fetcher(url, { method: 'GET', timeout: FETCH_TIMEOUT_MS });
  } catch {
    throw new CardFetchError('The ABM service could not be reached.');
  }
  if (!response.ok) throw new CardFetchError(messageForStatus(response.status), response.status);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new CardFetchError('The ABM service sent an unexpected answer.', response.status);
  }
  if (!isCardPayload(body)) throw new CardFetchError('The ABM service sent an unexpected answer.', response.status);
  return body;
}
