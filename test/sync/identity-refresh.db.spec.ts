import { randomUUID } from 'node:crypto';
import type { GraphBatchContext } from '../../src/account-graph/sync/graph-sync.types';
import { IdentityUpsertRepository } from '../../src/account-graph/sync/identity-upsert.repository';
import type { NormalizedRow } from '../../src/sync/mapping/record-normalizer.util';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The merged account/contact rows written by the per-id refresh: newest live source wins, consent is
 * OR-ed over live sources, the account comes from the winning source's own connection, no live source
 * means deleted (values kept), and an id without a row is never created.
 */
describe('identity refresh of merged accounts and contacts', () => {
  let db: TestDatabase;
  const repo = new IdentityUpsertRepository();
  const sf: GraphBatchContext = { connectionId: randomUUID(), provider: 'salesforce', objectType: 'Contact', accountObject: 'Account', contactObject: 'Contact', opportunityObject: 'Opportunity' };
  const hs: GraphBatchContext = { connectionId: randomUUID(), provider: 'hubspot', objectType: 'contacts', accountObject: 'companies', contactObject: 'contacts', opportunityObject: 'deals' };
  const row = (crmId: string, modifiedAt: string, values: Record<string, unknown>): NormalizedRow => ({ crmId, modifiedAt, modifiedBy: null, deleted: false, mergedIntoId: null, mergedIds: [], values, custom: {} });
  const write = <T>(fn: (m: import('typeorm').EntityManager) => Promise<T>) => db.dataSource.transaction(fn);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('merges one person across two CRMs and keeps the newest source, consent from any', async () => {
    const [sfAccount] = await write((m) => repo.upsertAccounts(m, { ...sf, objectType: 'Account' }, [row('001A', '2026-01-01T00:00:00Z', { name: 'Acme', normalizedName: 'acme', domain: 'acme.com' })]));
    const [hsAccount] = await write((m) => repo.upsertAccounts(m, { ...hs, objectType: 'companies' }, [row('9001', '2026-01-01T00:00:00Z', { name: 'Globex', normalizedName: 'globex', domain: 'globex.com' })]));
    expect(sfAccount).not.toBe(hsAccount);

    const touched = await write((m) => repo.upsertContacts(m, sf, [row('003A', '2026-01-02T00:00:00Z', { emailNormalized: 'ana@acme.com', firstName: 'Ana', title: 'CTO', accountRef: '001A', emailOptOut: true })]));
    expect(touched).toEqual([sfAccount]);
    // HubSpot's record of the same person is newer: its values and its own company win, the opt-out stays.
    await write((m) => repo.upsertContacts(m, hs, [row('501', '2026-01-03T00:00:00Z', { emailNormalized: 'ana@acme.com', firstName: 'Ana M.', title: 'VP IT', accountRef: '9001', emailOptOut: false })]));

    const people = await db.dataSource.query(`SELECT id, first_name, title, email_opt_out, account_id, deleted_at FROM contacts WHERE email_normalized = 'ana@acme.com'`);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ first_name: 'Ana M.', title: 'VP IT', email_opt_out: true, account_id: hsAccount, deleted_at: null });
    const reasons = await db.dataSource.query(`SELECT match_reason FROM contact_sources WHERE contact_id = $1 ORDER BY match_reason`, [people[0].id]);
    expect(reasons.map((r: { match_reason: string }) => r.match_reason)).toEqual(['email', 'new']);

    // The newer source gone: the older one (and its connection's account) takes over.
    await write((m) => m.query(`UPDATE contact_sources SET deleted_at = now() WHERE crm_id = '501'`));
    expect(await write((m) => repo.refreshContacts(m, [people[0].id]))).toEqual([sfAccount]);
    const [after] = await db.dataSource.query(`SELECT first_name, title, account_id, deleted_at FROM contacts WHERE id = $1`, [people[0].id]);
    expect(after).toMatchObject({ first_name: 'Ana', title: 'CTO', account_id: sfAccount, deleted_at: null });
  });

  it('marks a contact and an account deleted (values kept) when no live source is left', async () => {
    const [accountId] = await write((m) => repo.upsertAccounts(m, { ...sf, objectType: 'Account' }, [row('001B', '2026-01-01T00:00:00Z', { name: 'Initech', normalizedName: 'initech', domain: 'initech.com', country: 'US' })]));
    await write((m) => repo.upsertContacts(m, sf, [row('003B', '2026-01-01T00:00:00Z', { emailNormalized: 'bo@initech.com', firstName: 'Bo', accountRef: '001B' })]));
    await write(async (m) => {
      await m.query(`UPDATE contact_sources SET deleted_at = now() WHERE crm_id = '003B'`);
      await m.query(`UPDATE account_sources SET deleted_at = now() WHERE crm_id = '001B'`);
      const [c] = await m.query(`SELECT id FROM contacts WHERE email_normalized = 'bo@initech.com'`);
      await repo.refreshContacts(m, [c.id, c.id]);
      await repo.refreshAccounts(m, [accountId]);
    });
    const [c] = await db.dataSource.query(`SELECT first_name, account_id, deleted_at FROM contacts WHERE email_normalized = 'bo@initech.com'`);
    expect(c.first_name).toBe('Bo');
    expect(c.account_id).toBe(accountId);
    expect(c.deleted_at).not.toBeNull();
    const [a] = await db.dataSource.query(`SELECT name, domain, country, deleted_at FROM accounts WHERE id = $1`, [accountId]);
    expect(a).toMatchObject({ name: 'Initech', domain: 'initech.com', country: 'US' });
    expect(a.deleted_at).not.toBeNull();
  });

  it('stores a first-seen person with the values a refresh computes, leaves an unchanged re-read alone and applies a changed one', async () => {
    const [accountId] = await write((m) => repo.upsertAccounts(m, { ...sf, objectType: 'Account' }, [row('001C', '2026-01-01T00:00:00Z', { name: 'Hooli', normalizedName: 'hooli', domain: 'hooli.com' })]));
    const cy = { emailNormalized: 'cy@hooli.com', firstName: 'Cy', lastName: 'Ro', title: 'CIO', country: 'KR', lifecycleStage: 'lead', accountRef: '001C', emailOptOut: true, doNotCall: false };
    const page = [row('003C', '2026-01-02T00:00:00Z', cy), row('003D', '2026-01-02T00:00:00Z', { emailNormalized: 'di@hooli.com', firstName: 'Di', accountRef: '001X', doNotCall: true })];
    expect(await write((m) => repo.upsertContacts(m, sf, page))).toEqual([accountId]);
    const read = () => db.dataSource.query(`SELECT c.*, s.match_reason, s.fields, s.updated_at AS source_updated_at FROM contact_sources s JOIN contacts c ON c.id = s.contact_id
      WHERE s.connection_id = $1 AND s.crm_id IN ('003C', '003D') ORDER BY s.crm_id`, [sf.connectionId]);
    const stored = await read();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ email_normalized: 'cy@hooli.com', first_name: 'Cy', last_name: 'Ro', title: 'CIO', country: 'KR', lifecycle_stage: 'lead',
      email_opt_out: true, do_not_call: false, do_not_contact: false, custom_fields: {}, account_id: accountId, deleted_at: null, match_reason: 'new' });
    expect(stored[1]).toMatchObject({ email_normalized: 'di@hooli.com', first_name: 'Di', title: null, email_opt_out: false, do_not_call: true, account_id: null, deleted_at: null });
    // The refresh finds nothing to change (updated_at included): the first write already holds the merged values.
    expect(await write((m) => repo.refreshContacts(m, stored.map((c: { id: string }) => c.id)))).toEqual([accountId]);
    expect(await read()).toEqual(stored);

    // The same page again: nothing rewritten, the stored consent flags handed back, no second person or source.
    const before = new Map();
    await write((m) => repo.upsertContacts(m, sf, page, before));
    expect(await read()).toEqual(stored);
    expect(before.get('003C')).toEqual({ emailOptOut: true, doNotCall: false, modifiedAt: '2026-01-02T00:00:00.000Z' });
    expect(before.get('003D')).toEqual({ emailOptOut: null, doNotCall: true, modifiedAt: '2026-01-02T00:00:00.000Z' });
    const [{ people }] = await db.dataSource.query(`SELECT count(*)::int AS people FROM contacts WHERE email_normalized IN ('cy@hooli.com', 'di@hooli.com')`);
    expect(people).toBe(2);

    // A newer read with other values is applied to the source and to the person.
    await write((m) => repo.upsertContacts(m, sf, [row('003C', '2026-01-04T00:00:00Z', { ...cy, title: 'CTO', emailOptOut: false })]));
    const [changed] = await read();
    expect(changed).toMatchObject({ id: stored[0].id, title: 'CTO', email_opt_out: false, account_id: accountId, deleted_at: null });
    expect(changed.updated_at.getTime()).toBeGreaterThan(stored[0].updated_at.getTime());
    expect(changed.source_updated_at.getTime()).toBeGreaterThan(stored[0].source_updated_at.getTime());
  });

  it('never creates a row for an id that has none', async () => {
    const ghost = randomUUID();
    await write(async (m) => {
      expect(await repo.refreshContacts(m, [ghost])).toEqual([]);
      await repo.refreshAccounts(m, [ghost]);
    });
    const rows = await db.dataSource.query(`SELECT (SELECT count(*) FROM contacts WHERE id = $1)::int AS c, (SELECT count(*) FROM accounts WHERE id = $1)::int AS a`, [ghost]);
    expect(rows[0]).toEqual({ c: 0, a: 0 });
  });
});
