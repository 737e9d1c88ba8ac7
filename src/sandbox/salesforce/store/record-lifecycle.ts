import { recordError } from '../errors.util';
import type { SObjectStore, WriteContext } from './sobject-store';
import { Row, SObjectTable } from './sobject-table';

/** Children deleted with their parent (master-detail / cascade rules of the standard objects). */
const CASCADE_DELETE: Record<string, string[]> = {
  Account: ['Contact', 'Opportunity', 'Case', 'AccountContactRelation', 'Asset', 'Entitlement', 'Contract'],
  Contact: ['AccountContactRelation', 'OpportunityContactRole'],
  Opportunity: ['OpportunityContactRole'],
};

/**
 * Record lifecycle beyond plain saves: recycle bin (soft delete with cascade, undelete), hard delete and
 * merge, with the same audit-field and undo-journal rules as every other write of the store.
 */
export class RecordLifecycle {
  private readonly cascades = new Map<string, Array<[SObjectTable, string]>>();

  constructor(private readonly store: SObjectStore) {}

  /** Soft delete into the recycle bin; an Account takes its contacts, opportunities, cases ... with it. */
  delete(sobjectType: string, rawId: string, ctx: WriteContext): string {
    const table = this.store.requireTable(sobjectType);
    const pos = this.store.locate(table, rawId);
    const id = table.rows[pos]?.[table.colId] as string;
    this.markDeleted(table, pos, ctx, true);
    const children: Array<[SObjectTable, string]> = [];
    for (const childName of CASCADE_DELETE[table.name] ?? []) {
      const child = this.store.table(childName);
      const col = child ? child.column(`${table.name}Id`) : -1;
      if (!child || col < 0) continue;
      for (const childPos of this.referencing(child, `${table.name}Id`, id)) {
        const row = child.rows[childPos];
        if (row && row[col] === id && !child.isDeleted(row)) {
          this.markDeleted(child, childPos, ctx, true);
          children.push([child, row[child.colId] as string]);
        }
      }
    }
    if (children.length > 0) this.cascades.set(id, children);
    return id;
  }

  /** Rows of `child` whose lookup `fieldName` may point at `parentId` (indexed lookups, else a scan). */
  private referencing(child: SObjectTable, fieldName: string, parentId: string): number[] {
    const indexed = child.childrenOf(fieldName, parentId);
    if (indexed) return indexed;
    const col = child.column(fieldName);
    const out: number[] = [];
    child.rows.forEach((row, pos) => {
      if (row && row[col] === parentId) out.push(pos);
    });
    return out;
  }

  private markDeleted(table: SObjectTable, pos: number, ctx: WriteContext, deleted: boolean): void {
    const id = table.rows[pos]?.[table.colId] as string;
    const before = table.deletedAt.get(id);
    this.store.writeRow(table, pos, ctx, (row) => { row[table.colIsDeleted] = deleted; });
    if (deleted) table.deletedAt.set(id, ctx.now);
    else table.deletedAt.delete(id);
    this.store.journal(() => (before === undefined ? table.deletedAt.delete(id) : table.deletedAt.set(id, before)));
  }

  undelete(sobjectType: string, rawId: string, ctx: WriteContext): string {
    const table = this.store.requireTable(sobjectType);
    const pos = this.store.locate(table, rawId, true);
    const id = table.rows[pos]?.[table.colId] as string;
    if (!table.isDeleted(table.rows[pos] as Row)) throw recordError('UNDELETE_FAILED', 'Entity is not in the recycle bin', []);
    this.markDeleted(table, pos, ctx, false);
    for (const [child, childId] of this.cascades.get(id) ?? []) {
      const childPos = child.position(childId);
      if (childPos !== undefined && child.isDeleted(child.rows[childPos] as Row)) this.markDeleted(child, childPos, ctx, false);
    }
    this.cascades.delete(id);
    return id;
  }

  /** Hard delete (Bulk `hardDelete`, or emptying the recycle bin): gone from queryAll, still in getDeleted. */
  hardDelete(sobjectType: string, rawId: string, ctx: WriteContext): string {
    const table = this.store.requireTable(sobjectType);
    const pos = this.store.locate(table, rawId, true);
    const id = table.rows[pos]?.[table.colId] as string;
    table.deletedAt.set(id, ctx.now);
    table.remove(pos);
    return id;
  }

  /**
   * Merge (SOAP `merge()` / Apex `Database.merge` semantics, exposed here without SOAP): children of the
   * losers are re-parented to the master (bumping their SystemModstamp), then the losers are deleted with
   * MasterRecordId set. Salesforce allows at most two losers per merge.
   */
  merge(sobjectType: string, masterId: string, loserIds: string[], ctx: WriteContext): void {
    const table = this.store.requireTable(sobjectType);
    if (loserIds.length < 1 || loserIds.length > 2) throw recordError('INVALID_OPERATION', 'A merge request requires a master record and one or two records to merge', []);
    const masterPos = this.store.locate(table, masterId);
    const master = table.rows[masterPos]?.[table.colId] as string;
    const masterRef = table.field('MasterRecordId');
    for (const loserRaw of loserIds) {
      const loserPos = this.store.locate(table, loserRaw);
      const loser = table.rows[loserPos]?.[table.colId] as string;
      if (loser === master) throw recordError('INVALID_OPERATION', 'Cannot merge a record with itself', []);
      for (const child of this.store.allTables()) {
        for (const ref of child.fields.filter((f) => f.type === 'reference' && f.referenceTo[0] === table.name && !f.system && f.name !== 'MasterRecordId')) {
          const col = child.column(ref.name);
          for (const childPos of this.referencing(child, ref.name, loser)) {
            const row = child.rows[childPos];
            if (row && row[col] === loser) this.store.writeRow(child, childPos, ctx, (r) => { r[col] = master; });
          }
        }
      }
      if (masterRef) this.store.writeRow(table, loserPos, ctx, (row) => table.set(row, masterRef, master));
      this.markDeleted(table, loserPos, ctx, true);
    }
    this.store.writeRow(table, masterPos, ctx, () => undefined);
  }
}
