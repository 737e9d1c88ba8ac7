import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScoreFactorsService } from '../../recommendations/engine/score-factors.service';
import type { AccountFieldNames } from '../ports/write-back-writer.port';
import { accountValues, humanEditedFields, toCrmFields, valueHash, type AccountWriteValues } from './write-back-values.util';

/** One record whose shown values differ from what we last wrote there. */
export interface PlannedUpdate {
  crmId: string;
  accountId: string;
  values: AccountWriteValues;
  hash: string;
  fields: Record<string, string | number | null>;
  oldValues: Record<string, unknown> | null;
}

export interface WritePlan {
  updates: PlannedUpdate[];
  unchanged: number;
  humanEdited: Array<{ crmId: string; fields: string[] }>;
}

interface Row {
  crm_id: string;
  account_id: string;
  synced: Record<string, unknown> | null;
  crm_modified_by: string | null;
  score: number;
  tier: string;
  factors: unknown;
  config_version: number;
  computed_at: Date | string;
  value_hash: string | null;
  new_values: Record<string, unknown> | null;
}

const PAGE = 5000;

/**
 * Change detection is local: the current score of each account behind a CRM record is hashed and
 * compared with the hash of the last successful write in write_back_ledger, so an unchanged world
 * costs zero CRM calls (crm-apis-and-sync.md §5.3). Reads in keyset pages to bound memory.
 */
@Injectable()
export class WriteBackPlanner {
  constructor(private readonly dataSource: DataSource, @Optional() private readonly factors: ScoreFactorsService = new ScoreFactorsService()) {}

  async plan(connectionId: string, names: AccountFieldNames, policy: { overwriteHumanEdits: boolean; integrationUserId: string | null }): Promise<WritePlan> {
    const plan: WritePlan = { updates: [], unchanged: 0, humanEdited: [] };
    let after = '';
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT s.crm_id, s.account_id, s.fields AS synced, s.crm_modified_by,
                sc.score, sc.tier, sc.factors, sc.config_version, sc.computed_at, l.value_hash, l.new_values
           FROM account_sources s
           JOIN accounts a ON a.id = s.account_id AND a.deleted_at IS NULL
           JOIN account_current_scores cs ON cs.account_id = s.account_id
           JOIN account_scores sc ON sc.id = cs.score_id
           LEFT JOIN LATERAL (SELECT value_hash, new_values FROM write_back_ledger l
                               WHERE l.connection_id = s.connection_id AND l.object_type = s.object_type
                                 AND l.crm_id = s.crm_id AND l.target = 'account_fields' AND l.status = 'written'
                               ORDER BY l.written_at DESC LIMIT 1) l ON true
          WHERE s.connection_id = $1 AND s.object_type = $2 AND s.deleted_at IS NULL
            AND s.merged_into_crm_id IS NULL AND s.crm_id > $3
          ORDER BY s.crm_id
          LIMIT ${PAGE}`,
        [connectionId, names.object, after],
      );
      for (const row of rows) {
        const factors = await this.factors.expand(row.factors, row.config_version);
        const values = accountValues({ score: Number(row.score), tier: row.tier, factors, computedAt: new Date(row.computed_at) });
        const hash = valueHash(values);
        if (hash === row.value_hash) {
          plan.unchanged++;
          continue;
        }
        const edited = humanEditedFields(names, row.synced, row.new_values, row.crm_modified_by, policy.integrationUserId);
        if (edited.length > 0 && !policy.overwriteHumanEdits) {
          plan.humanEdited.push({ crmId: row.crm_id, fields: edited });
          continue;
        }
        plan.updates.push({ crmId: row.crm_id, accountId: row.account_id, values, hash, fields: toCrmFields(names, values), oldValues: row.new_values });
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].crm_id;
    }
    return plan;
  }
}
