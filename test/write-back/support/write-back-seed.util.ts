import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../src/config/app-config';
import { seal } from '../../../src/platform/crypto/secret-box.util';
import type { CrmProvider } from '../../../src/platform/database/columns';
import { ConnectionService } from '../../../src/sync/connections/connection.service';
import { CrmAdapterFactory } from '../../../src/sync/connections/crm-adapter.factory';
import { WriterFactory } from '../../../src/write-back/engine/writer-factory.service';

export const TEST_KEY = randomBytes(32);
export const testConfig = { encryptionKey: TEST_KEY, crm: {} } as unknown as AppConfig;

/** The writer factory as the Nest container builds it, on the sync's own connection services. */
export function testWriterFactory(ds: DataSource, config: AppConfig = testConfig): WriterFactory {
  return new WriterFactory(new CrmAdapterFactory(new ConnectionService(ds, config)));
}

export async function seedConnection(
  ds: DataSource,
  input: { name: string; provider: CrmProvider; baseUrl: string; secrets: Record<string, string>; namespacePrefix?: string | null; settings?: Record<string, unknown> },
): Promise<string> {
  // Sealed like ConnectionService does: the row id is the associated data.
  const id = randomUUID();
  await ds.query(
    `INSERT INTO crm_connections (id, name, provider, auth_type, base_url, secrets_encrypted, namespace_prefix, settings)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [id, input.name, input.provider, input.provider === 'hubspot' ? 'private_app' : 'oauth_refresh', input.baseUrl, seal(TEST_KEY, JSON.stringify(input.secrets), id), input.namespacePrefix ?? null, JSON.stringify(input.settings ?? {})],
  );
  return id;
}

/**
 * Accounts with one CRM record each and a current score, in three set-based statements.
 * Score i = (i * 7) % 100, tier from the score, two factors with fixed texts.
 */
export async function seedScoredAccounts(ds: DataSource, connectionId: string, provider: CrmProvider, objectType: string, crmIds: string[]): Promise<string[]> {
  const accounts: Array<{ id: string; crm_id: string }> = await ds.query(
    `WITH input AS (SELECT x.crm_id, x.ord FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS x(crm_id, ord)),
          ins AS (INSERT INTO accounts (name, normalized_name, owner_crm_user_id)
                  SELECT 'Company ' || ord, 'company ' || ord, 'owner-' || (ord % 3) FROM input ORDER BY ord RETURNING id, name)
     SELECT ins.id, input.crm_id FROM ins JOIN input ON ins.name = 'Company ' || input.ord`,
    [JSON.stringify(crmIds)],
  );
  await ds.query(
    `INSERT INTO account_sources (connection_id, provider, object_type, crm_id, account_id, match_reason, fields)
     SELECT $1, $2, $3, x.crm_id, x.id, 'new', '{}'::jsonb FROM jsonb_to_recordset($4::jsonb) AS x(id uuid, crm_id varchar)`,
    [connectionId, provider, objectType, JSON.stringify(accounts)],
  );
  const run = '00000000-0000-4000-8000-000000000001';
  await ds.query(
    `WITH ins AS (INSERT INTO account_scores (account_id, scoring_run_id, score, tier, fit, engagement, committee, loyalty, factors, config_version, model_version, as_of, computed_at)
     SELECT x.id, $2, s.score, CASE WHEN s.score >= 75 THEN 'A' WHEN s.score >= 50 THEN 'B' WHEN s.score >= 25 THEN 'C' ELSE 'D' END,
            s.score, 0, 0, 0,
            jsonb_build_array(
              jsonb_build_object('component','fit','signal','industry','rawValue',null,'weight',1,'decay',null,'contribution', s.score * 0.6,'text','Industry matches the ideal profile'),
              jsonb_build_object('component','engagement','signal','visits','rawValue',null,'weight',1,'decay',null,'contribution', s.score * 0.4,'text','Pricing page visits')),
            1, 'test', now(), now()
       FROM (SELECT (e->>'id')::uuid AS id, ord FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)) x
       CROSS JOIN LATERAL (SELECT ((x.ord * 7) % 100)::real AS score) s
     RETURNING id, account_id)
     INSERT INTO account_current_scores (account_id, score_id) SELECT account_id, id FROM ins
     ON CONFLICT (account_id) DO UPDATE SET score_id = EXCLUDED.score_id`,
    [JSON.stringify(accounts), run],
  );
  return accounts.map((a) => a.id);
}

/** Changes the current score of the given accounts (by +1 point, crossing no tier on purpose not needed). */
export async function bumpScores(ds: DataSource, accountIds: string[]): Promise<void> {
  await ds.query(
    `UPDATE account_scores SET score = CASE WHEN score >= 99 THEN score - 1 ELSE score + 1 END,
            factors = jsonb_set(factors::jsonb, '{0,contribution}', to_jsonb(((factors->0->>'contribution')::real + 1)))::json
      WHERE id IN (SELECT score_id FROM account_current_scores WHERE account_id IN (SELECT (jsonb_array_elements_text($1::jsonb))::uuid))`,
    [JSON.stringify(accountIds)],
  );
}
