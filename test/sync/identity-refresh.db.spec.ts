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
