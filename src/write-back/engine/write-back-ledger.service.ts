import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface LedgerInsert {
  crmId: string;
  fields: string[];
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown>;
  valueHash: string;
  status: 'pending' | 'skipped_human_edit';
}

export interface LedgerOutcome {
  crmId: string;
  ok: boolean;
  error?: string | null;
  crmModifiedAt?: Date | null;
}

const ROWS_PER_STATEMENT = 5000;

/**
 * Set-based ledger writes. Rows are inserted as `pending` (committed) before the CRM call and turned
 * into `written`/`failed` after it: a crash in between leaves `pending` rows, which never count as
 * written, so the next run sends those values again (idempotent field updates / external-id upserts).
 */
@Injectable()
export class WriteBackLedgerService {
  constructor(private readonly dataSource: DataSource) {}

  async insert(runId: string, connectionId: string, objectType: string, target: string, rows: LedgerInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const slice = rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({
        crm_id: r.crmId,
        fields: r.fields,
        old_values: r.oldValues,
        new_values: r.newValues,
        value_hash: r.valueHash,
        status: r.status,
      }));
      await this.dataSource.query(
        `INSERT INTO write_back_ledger (run_id, connection_id, object_type, crm_id, target, fields, old_values, new_values, value_hash, status, written_at)
         SELECT $1, $2, $3, x.crm_id, $4, x.fields, x.old_values, x.new_values, x.value_hash, x.status, now()
           FROM jsonb_to_recordset($5::jsonb) AS x(crm_id varchar, fields jsonb, old_values jsonb, new_values jsonb, value_hash char(64), status varchar)`,
        [runId, connectionId, objectType, target, JSON.stringify(slice)],
      );
    }
  }

  /** Matches on (connection, object type, crm id) first so the ledger's index serves each row. */
  async complete(runId: string, connectionId: string, objectType: string, target: string, outcomes: LedgerOutcome[]): Promise<void> {
    for (let i = 0; i < outcomes.length; i += ROWS_PER_STATEMENT) {
      const slice = outcomes.slice(i, i + ROWS_PER_STATEMENT).map((o) => ({
        crm_id: o.crmId,
        status: o.ok ? 'written' : 'failed',
        error: o.ok ? null : (o.error ?? 'failed').slice(0, 2000),
        crm_modified_at: o.crmModifiedAt ? o.crmModifiedAt.toISOString() : null,
      }));
      await this.dataSource.query(
        `UPDATE write_back_ledger l
            SET status = x.status, error = x.error, crm_modified_at = x.crm_modified_at, written_at = now()
           FROM jsonb_to_recordset($3::jsonb) AS x(crm_id varchar, status varchar, error text, crm_modified_at timestamptz)
          WHERE l.connection_id = $4 AND l.object_type = $5 AND l.crm_id = x.crm_id
            AND l.run_id = $1 AND l.target = $2 AND l.status = 'pending'`,
        [runId, target, JSON.stringify(slice), connectionId, objectType],
      );
    }
  }

  /**
   * For the sync's echo suppression: the last value we wrote to each record and the stamp after it.
   * A record read back with this stamp, or with exactly these values in our fields, is our own write.
   */
  async lastWrites(connectionId: string, objectType: string, crmIds: string[]): Promise<Map<string, { newValues: Record<string, unknown>; crmModifiedAt: Date | null; writtenAt: Date }>> {
    if (crmIds.length === 0) return new Map();
    const rows: Array<{ crm_id: string; new_values: Record<string, unknown>; crm_modified_at: Date | null; written_at: Date }> = await this.dataSource.query(
      `SELECT DISTINCT ON (crm_id) crm_id, new_values, crm_modified_at, written_at
         FROM write_back_ledger
        WHERE connection_id = $1 AND object_type = $2 AND status = 'written'
          AND crm_id IN (SELECT jsonb_array_elements_text($3::jsonb))
        ORDER BY crm_id, written_at DESC`,
      [connectionId, objectType, JSON.stringify(crmIds)],
    );
    return new Map(rows.map((r) => [r.crm_id, { newValues: r.new_values, crmModifiedAt: r.crm_modified_at ? new Date(r.crm_modified_at) : null, writtenAt: new Date(r.written_at) }]));
  }
}
