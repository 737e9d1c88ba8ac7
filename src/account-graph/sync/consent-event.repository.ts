import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ObjectMapping } from '../../sync/mapping/object-mapping.types';
import type { NormalizedRow } from '../../sync/mapping/record-normalizer.util';
import type { GraphBatchContext } from './graph-sync.types';
import { queryRows } from './sql-rows.util';

/** The consent flags we keep history for, and the channel each one governs. */
export const CONSENT_FIELDS = [
  { field: 'emailOptOut', channel: 'email' },
  { field: 'doNotCall', channel: 'phone' },
] as const;

/** A source record's consent flags as stored before this page is applied. */
export interface ConsentBefore {
  emailOptOut: boolean | null;
  doNotCall: boolean | null;
  modifiedAt: string | null;
}

export interface ConsentChange {
  crm_id: string;
  field: string;
  channel: string;
  source: string;
  old_value: boolean | null;
  new_value: boolean;
  occurred_at: string;
}

/**
 * The changes a page brings, compared with the stored source rows. A record seen for the first time is an
 * event only when it is opted out (opting in is the default, not news). A row the upsert's stamp guard
 * will refuse (an older read) brings no event, and a re-read of the same values brings none either.
 * Only flags the mapping actually reads count: an unmapped flag is always false and says nothing.
 */
export function consentChanges(provider: string, mapping: ObjectMapping, before: Map<string, ConsentBefore>, rows: NormalizedRow[], now = new Date()): ConsentChange[] {
  const out: ConsentChange[] = [];
  for (const r of rows) {
    if (r.deleted) continue;
    const prev = before.get(r.crmId);
    if (prev && prev.modifiedAt && r.modifiedAt && new Date(r.modifiedAt) < new Date(prev.modifiedAt)) continue;
    for (const { field, channel } of CONSENT_FIELDS) {
      const crmField = mapping.fields[field];
      if (!crmField) continue;
      const next = r.values[field] === true;
      const old = prev ? prev[field] === true : null;
      if (old === null ? !next : old === next) continue;
      out.push({ crm_id: r.crmId, field, channel, source: `${provider}:${crmField}`.slice(0, 80), old_value: old, new_value: next, occurred_at: r.modifiedAt ?? now.toISOString() });
    }
  }
  return out;
}

/**
 * consent_events: one row per observed change of a source record's opt-out / do-not-call flag, written
 * set-based inside the page's transaction. The stored flags before the page come from the contact
 * upsert's own probe (IdentityUpsertRepository.upsertContacts `before`); `record` runs after the upsert
 * (first-seen records only get their contact id from it). The unique key (contact, connection, record,
 * field, stamp) makes a page committed twice write each event once. The contact id is a LATERAL probe
 * of the source's unique key: a plain join lets the planner, without statistics, hash the connection's
 * whole slice of contact_sources per page (linear in the table, so quadratic over a full sync).
 */
@Injectable()
export class ConsentEventRepository {
  async record(m: EntityManager, ctx: GraphBatchContext, mapping: ObjectMapping, before: Map<string, ConsentBefore>, rows: NormalizedRow[]): Promise<number> {
    const changes = consentChanges(ctx.provider, mapping, before, rows);
    if (!changes.length) return 0;
    const written = await queryRows<{ id: string }>(m,
      `INSERT INTO consent_events (id, contact_id, channel, status, source, connection_id, crm_id, field, old_value, new_value, occurred_at, created_at)
       SELECT gen_random_uuid(), s.contact_id, v.channel, CASE WHEN v.new_value THEN 'opted_out' ELSE 'opted_in' END, v.source, $2, v.crm_id, v.field, v.old_value, v.new_value, v.occurred_at, now()
       FROM jsonb_to_recordset($1::jsonb) AS v(crm_id text, field text, channel text, source text, old_value boolean, new_value boolean, occurred_at timestamptz)
       CROSS JOIN LATERAL (SELECT s.contact_id FROM contact_sources s WHERE s.connection_id = $2 AND s.object_type = $3 AND s.crm_id = v.crm_id LIMIT 1) s
       ON CONFLICT (contact_id, connection_id, crm_id, field, occurred_at) DO NOTHING
       RETURNING id`,
      [JSON.stringify(changes), ctx.connectionId, ctx.objectType],
    );
    return written.length;
  }

}
