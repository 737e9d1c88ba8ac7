import type { DataSource, EntityManager } from 'typeorm';
import { AssociationRoleRepository, type LinkSet } from '../../account-graph/sync/association-role.repository';
import type { GraphBatchContext } from '../../account-graph/sync/graph-sync.types';
import { queryRows } from '../../account-graph/sync/sql-rows.util';
import type { ObjectMapping } from '../mapping/object-mapping.types';
import type { CrmReader } from '../ports/crm-reader.port';
import type { ObjectReadSpec } from '../ports/crm-types';

/** The v4 batch read takes 1,000 ids: one call and one transaction per chunk. */
const CHUNK = 1000;

/**
 * HubSpot does not move a record's modification stamp when an association label is added, changed or
 * removed, so the incremental search never sees it. After each incremental run of an object with
 * labelled associations, the labels of every record we hold are re-read (one v4 batch call per 1,000
 * records: 100 calls for 100k deals) and the role rows replaced where they differ. Returns the number of
 * records whose roles changed; touched accounts are rescored through `enqueue`, in the same transaction.
 */
export async function sweepAssociationLabels(
  ds: DataSource,
  reader: CrmReader,
  spec: ObjectReadSpec,
  graph: GraphBatchContext,
  mapping: ObjectMapping,
  enqueue: (m: EntityManager, accountIds: string[], reason: string) => Promise<void>,
): Promise<number> {
  if (!reader.readAssociations || !spec.labelledAssociations?.length) return 0;
  const repo = new AssociationRoleRepository();
  const deals = mapping.kind === 'opportunity' && spec.labelledAssociations.includes('contacts');
  const contacts = mapping.kind === 'contact' && spec.labelledAssociations.includes('companies');
  if (!deals && !contacts) return 0;
  const table = deals ? 'opportunities' : 'contact_sources';
  let after = '';
  let changed = 0;
  for (;;) {
    const idRows = await queryRows<{ crm_id: string }>(ds.manager,
      `SELECT crm_id FROM ${table} WHERE connection_id = $1 AND object_type = $2 AND deleted_at IS NULL AND crm_id > $3 ORDER BY crm_id LIMIT ${CHUNK}`,
      [graph.connectionId, graph.objectType, after],
    );
    if (!idRows.length) return changed;
    after = idRows[idRows.length - 1].crm_id;
    const records = await reader.readAssociations(spec, idRows.map((r) => r.crm_id));
    const kind = deals ? 'contact' : 'account';
    const sets: LinkSet[] = records.map((r) => ({ crmId: r.id, modifiedAt: null, links: r.associations?.[kind] ?? [] }));
    await ds.transaction(async (m) => {
      const touched = deals ? await repo.replaceDealContactRoles(m, graph, sets, mapping.labelRoles) : await repo.replaceCompanyContactRoles(m, graph, sets, mapping.labelRoles);
      changed += touched.length;
      await enqueue(m, touched, `sync:${graph.objectType}:labels`);
    });
    if (idRows.length < CHUNK) return changed;
  }
}
