import type { CallTracker } from '../limits/call-tracker';
import type { ObjectMapping } from '../mapping/object-mapping.types';
import type { CrmReader } from '../ports/crm-reader.port';

const DESCRIBE_TTL_MS = 24 * 3600_000;

export interface ResolvedFields {
  mapping: ObjectMapping;
  readFields: string[];
  dropped: string[];
  state: Record<string, unknown>;
  stateChanged: boolean;
}

/**
 * Schema discovery: the object's fields come from describe / properties (cached a day in the cursor's
 * state), and mapped fields the CRM no longer has are dropped from the read and reported, so a custom
 * field deleted in the CRM never breaks the sync (jsforce#391, failure 21).
 */
export async function resolveFields(reader: CrmReader, mapping: ObjectMapping, state: Record<string, unknown>, _tracker?: CallTracker): Promise<ResolvedFields> {
  const cached = state.schema as { fields: string[]; at: number } | undefined;
  let known = cached?.fields;
  let stateChanged = false;
  let nextState = state;
  if (!known || Date.now() - cached!.at > DESCRIBE_TTL_MS) {
    const schema = await reader.describe(mapping.crmObject);
    known = schema.fields.map((f) => f.name);
    nextState = { ...state, schema: { fields: known, at: Date.now() } };
    stateChanged = true;
  }
  const has = new Set(known);
  const dropped: string[] = [];
  const keep = (f: string) => {
    if (has.has(f)) return true;
    dropped.push(f);
    return false;
  };
  const fields = Object.fromEntries(Object.entries(mapping.fields).filter(([, f]) => keep(f)));
  const custom = Object.fromEntries(Object.entries(mapping.custom ?? {}).filter(([, f]) => keep(f)));
  const system = (mapping.system ?? []).filter((f) => has.has(f));
  const resolved: ObjectMapping = { ...mapping, fields, custom, system };
  const readFields = [...new Set([...Object.values(fields), ...Object.values(custom), ...system])];
  if (dropped.length && JSON.stringify(state.droppedFields ?? []) !== JSON.stringify(dropped)) {
    nextState = { ...nextState, droppedFields: dropped };
    stateChanged = true;
  }
  return { mapping: resolved, readFields, dropped, state: nextState, stateChanged };
}
