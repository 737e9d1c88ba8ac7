import { isWellFormedId, to18 } from '../id.util';
import { Row, SObjectTable } from '../store/sobject-table';
import { Condition, FieldPath, Literal } from './soql-ast.types';

/**
 * Rows a filter can only match when it pins `Id` (`Id = '...'`, `Id IN (...)`, possibly AND-ed with more):
 * served from the Id index instead of a full scan, in storage order like a scan would return them.
 */
export function idCandidates(table: SObjectTable, cond: Condition): Row[] | undefined {
  if (cond.kind === 'and') return idCandidates(table, cond.left) ?? idCandidates(table, cond.right);
  const isId = (c: { field: FieldPath }): boolean => c.field.parts.length === 1 && c.field.parts[0].toLowerCase() === 'id';
  let values: Literal[] | undefined;
  if (cond.kind === 'compare' && cond.op === '=' && isId(cond)) values = [cond.value];
  else if (cond.kind === 'in' && !cond.negated && isId(cond)) values = cond.values;
  if (!values || values.some((v) => v.kind !== 'string' || !isWellFormedId(v.value))) return undefined;
  const positions = new Set<number>();
  for (const v of values) {
    const pos = table.position(to18((v as { value: string }).value));
    if (pos !== undefined) positions.add(pos);
  }
  return [...positions].sort((a, b) => a - b).map((p) => table.rows[p] as Row);
}
