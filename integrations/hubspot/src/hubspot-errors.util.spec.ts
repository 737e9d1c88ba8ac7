import { classifyHubspotError, parseRetryAfter } from './hubspot-errors.util';

describe('classifyHubspotError', () => {
  it('maps the ten-secondly 429 to rate limited, honouring Retry-After over the 10 s default', () => {
    const body = { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' };
    expect(classifyHubspotError({ status: 429, body })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 10_000 });
    expect(classifyHubspotError({ status: 429, body, headers: { 'retry-after': '3' } })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
  });

  it('treats the DAILY policy as a stop, not a wait', () => {
    const info = classifyHubspotError({ status: 429, body: { message: 'You have reached your daily limit.', policyName: 'DAILY' } });
    expect(info).toMatchObject({ kind: 'rate_limited', daily: true });
  });

  it('gives the search secondly limit a one-second wait', () => {
    expect(classifyHubspotError({ status: 429, body: { message: 'You have reached your secondly limit.' } })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
  });

  it('maps 401 to auth expired, 5xx and network errors to retryable, other 4xx to permanent', () => {
    expect(classifyHubspotError({ status: 401, body: { category: 'EXPIRED_AUTHENTICATION', message: 'expired' } }).kind).toBe('auth_expired');
    expect(classifyHubspotError({ status: 502 }).kind).toBe('retryable');
    expect(classifyHubspotError({ status: 0, networkCode: 'ECONNRESET' }).kind).toBe('retryable');
    expect(classifyHubspotError({ status: 400, body: { category: 'VALIDATION_ERROR', message: 'bad' } }).kind).toBe('permanent');
    expect(classifyHubspotError({ status: 404 }).kind).toBe('permanent');
  });

  it('names a property the CRM says does not exist', () => {
    const info = classifyHubspotError({ status: 400, body: { message: 'Property "abm_gone" does not exist' } });
    expect(info.invalidField).toBe('abm_gone');
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
