import { cardUrl, fetchCard, CardFetchError, type CardFetcher } from '../src/app/cards/lib/card-api';
import fixture from './fixtures/card-payload.hubspot.json';

const BASE = 'https://api.example-abm.com/';

function answer(status: number, body: unknown): CardFetcher {
  return async () => ({
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (body instanceof Error) throw body;
      return body;
    },
  });
}

describe('cardUrl', () => {
  it('maps HubSpot object type ids to the API path', () => {
    expect(cardUrl(BASE, '0-2', 9876543210)).toBe('https://api.example-abm.com/api/v1/card/hubspot/companies/9876543210');
    expect(cardUrl('https://api.example-abm.com', '0-1', '51')).toBe('https://api.example-abm.com/api/v1/card/hubspot/contacts/51');
  });
  it('refuses object types the card is not built for', () => {
    expect(() => cardUrl(BASE, '0-3', 1)).toThrow('company and contact records only');
  });
});

describe('fetchCard', () => {
  it('returns the payload and asks with GET and a timeout', async () => {
    const seen: Array<{ url: string; options: unknown }> = [];
    const fetcher: CardFetcher = async (url, options) => {
      seen.push({ url, options });
      return { ok: true, status: 200, json: async () => fixture };
    };
    const payload = await fetchCard(fetcher, BASE, '0-2', 9876543210);
    expect(payload.score.value).toBe(82);
    expect(seen).toEqual([{ url: 'https://api.example-abm.com/api/v1/card/hubspot/companies/9876543210', options: { method: 'GET', timeout: 8000 } }]);
  });

  it.each([
    [404, 'The ABM service has no insights for this record yet.'],
    [401, 'The ABM service did not accept this portal. Ask your admin to reinstall the ABM app.'],
    [429, 'The ABM service is busy. Try again in a minute.'],
    [502, 'The ABM service returned an error (HTTP 502).'],
  ])('explains HTTP %s', async (status, message) => {
    await expect(fetchCard(answer(status, {}), BASE, '0-2', 1)).rejects.toEqual(new CardFetchError(message, status));
  });

  it('rejects a body that is not JSON or not a card payload', async () => {
    await expect(fetchCard(answer(200, new SyntaxError('Unexpected token <')), BASE, '0-2', 1)).rejects.toThrow('unexpected answer');
    await expect(fetchCard(answer(200, { results: [] }), BASE, '0-2', 1)).rejects.toThrow('unexpected answer');
  });

  it('reports a network failure without leaking its details', async () => {
    const fetcher: CardFetcher = async () => {
      throw new Error('getaddrinfo ENOTFOUND api.example-abm.com');
    };
    await expect(fetchCard(fetcher, BASE, '0-2', 1)).rejects.toThrow(/^The ABM service could not be reached\.$/);
  });
});
