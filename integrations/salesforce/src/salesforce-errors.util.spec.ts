import { classifySalesforceError, parseLimitInfo } from './salesforce-errors.util';

describe('classifySalesforceError', () => {
  it('stops on the daily allocation but only waits on the concurrent-request limit', () => {
    expect(classifySalesforceError({ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' })).toMatchObject({ kind: 'rate_limited', daily: true });
    const concurrent = classifySalesforceError({ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' });
    expect(concurrent.kind).toBe('rate_limited');
    expect(concurrent.daily).toBeUndefined();
  });

  it('maps an expired session to auth expired and a revoked refresh token to permanent', () => {
    expect(classifySalesforceError({ status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }).kind).toBe('auth_expired');
    expect(classifySalesforceError({ status: 400, errorCode: 'invalid_grant', message: 'expired access/refresh token' }).kind).toBe('permanent');
  });

  it('retries lock errors, query timeouts, 5xx and network failures', () => {
    expect(classifySalesforceError({ status: 400, errorCode: 'UNABLE_TO_LOCK_ROW' }).kind).toBe('retryable');
    expect(classifySalesforceError({ status: 400, errorCode: 'QUERY_TIMEOUT' }).kind).toBe('retryable');
    expect(classifySalesforceError({ status: 503 }).kind).toBe('retryable');
    expect(classifySalesforceError({ status: 0, networkCode: 'ECONNRESET' }).kind).toBe('retryable');
    expect(classifySalesforceError({ status: 429 })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 5000 });
  });

  it('names the deleted field behind INVALID_FIELD', () => {
    const info = classifySalesforceError({ status: 400, errorCode: 'INVALID_FIELD', message: "SELECT Id, Gone__c FROM Account\n ERROR at Row:1:Column:12\nNo such column 'Gone__c' on entity 'Account'." });
    expect(info).toMatchObject({ kind: 'permanent', invalidField: 'Gone__c' });
  });

  it('parses Sforce-Limit-Info', () => {
    expect(parseLimitInfo('api-usage=125/15000')).toEqual({ used: 125, max: 15000 });
    expect(parseLimitInfo(undefined)).toBeUndefined();
  });
});
