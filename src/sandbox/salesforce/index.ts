/**
 * Local Salesforce org for tests, benches and demos: REST API (query/queryMore/queryAll, sObject rows,
 * collections, composite, describe, getUpdated/getDeleted, limits), Bulk API 2.0 (query and ingest jobs) and
 * the OAuth 2.0 token endpoint, served on a loopback port so that unmodified jsforce works against it.
 *
 *   const sf = await startSalesforceSandbox({ clock: () => pinned });
 *   sf.store.insertMany('Account', generatedAccounts);           // no API calls counted
 *   const conn = new jsforce.Connection({ instanceUrl: sf.baseUrl, accessToken: sf.clientCredentials.accessToken,
 *     refreshToken: sf.clientCredentials.refreshToken, version: '60.0',
 *     oauth2: { loginUrl: sf.loginUrl, clientId: sf.clientCredentials.clientId, clientSecret: sf.clientCredentials.clientSecret } });
 *   ... sf.calls.snapshot(); sf.faults.set({ serverErrorRate: 0.1 }); await sf.stop();
 */
export { startSalesforceSandbox } from './salesforce-sandbox';
export type { SalesforceSandbox, SalesforceSandboxOptions, SandboxClientCredentials } from './salesforce-sandbox';
export { SObjectStore, INTEGRATION_USER_ID, ADMIN_USER_ID } from './store/sobject-store';
export type { AddFieldSpec, WriteContext } from './store/sobject-store';
export type { FaultConfig, RequestFault } from './faults.service';
export type { CallSnapshot } from './call-accounting.service';
export type { LimitsConfig } from './limits.service';
export type { ConnectedApp } from './auth/oauth.service';
