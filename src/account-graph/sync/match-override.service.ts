import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityUpsertRepository } from './identity-upsert.repository';
import { queryRows } from './sql-rows.util';

/**
 * An admin's correction of a cross-CRM match: the source moves to the named account (or to a new one
 * of its own), is marked overridden with reason 'admin_override', and both accounts are refreshed.
 * Later syncs keep the source where the admin put it (existing sources are never re-matched).
 */
@Injectable()
export class MatchOverrideService {
  constructor(private readonly dataSource: DataSource, private readonly identity: IdentityUpsertRepository) {}

  async moveAccountSource(sourceId: string, targetAccountId: string | null): Promise<{ sourceId: string; accountId: string; previousAccountId: string }> {
    return this.dataSource.transaction(async (m) => {
      const [src] = await queryRows<{ account_id: string; fields: Record<string, unknown> }>(m, `SELECT account_id, fields FROM account_sources WHERE id = $1 FOR UPDATE`, [sourceId]);
      if (!src) throw new NotFoundException(`No account source ${sourceId}`);
      let target = targetAccountId;
      if (target) {
        const [exists] = await queryRows<{ id: string }>(m, `SELECT id FROM accounts WHERE id = $1`, [target]);
        if (!exists) throw new NotFoundException(`No account ${target}`);
      } else {
        target = randomUUID();
        await m.query(`INSERT INTO accounts (id, name, normalized_name, created_at, updated_at) VALUES ($1, $2, $3, now(), now())`, [target, String(src.fields.name ?? ''), String(src.fields.normalizedName ?? '')]);
      }
      await m.query(`UPDATE account_sources SET account_id = $2, match_reason = 'admin_override', match_overridden = true, updated_at = now() WHERE id = $1`, [sourceId, target]);
      await m.query(`UPDATE contacts SET account_id = $2, updated_at = now() WHERE account_id = $1 AND id IN (SELECT cs.contact_id FROM contact_sources cs JOIN account_sources s ON s.crm_id = cs.crm_account_id AND s.connection_id = cs.connection_id WHERE s.id = $3)`, [src.account_id, target, sourceId]);
      await this.identity.refreshAccounts(m, [src.account_id, target]);
      return { sourceId, accountId: target, previousAccountId: src.account_id };
    });
  }
}
