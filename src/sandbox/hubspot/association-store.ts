import { DEFAULT_ASSOCIATIONS, type ObjectTypeDef } from './object-types.util';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

/** One directed association type (v4 "association spec"); every type has an inverse in the other direction. */
export interface AssociationTypeDef {
  fromTypeId: string;
  toTypeId: string;
  typeId: number;
  category: AssociationCategory;
  label?: string;
  /** Internal name (v4 labels API `name`) and the v3 `type` string shown on object reads. */
  name: string;
  inverseTypeId: number;
}

function pairKey(fromTypeId: string, toTypeId: string): string {
  return `${fromTypeId}|${toTypeId}`;
}

/**
 * Associations, stored per direction as `fromId -> [toId, typeId, toId, typeId, ...]` (flat number arrays
 * keep ~1M contact-company links cheap). Type ids and their inverses follow the v4 associations guide's
 * table of HubSpot-defined ids (see DEFAULT_ASSOCIATIONS).
 */
export class AssociationStore {
  private readonly edges = new Map<string, Map<number, number[]>>();
  private readonly types = new Map<number, AssociationTypeDef>();
  private nextTypeId = 1000;

  constructor(typeIdOf: (name: string) => ObjectTypeDef) {
    const seen = new Set<number>();
    for (const entry of DEFAULT_ASSOCIATIONS) {
      if (seen.has(entry.typeId)) continue;
      const inverse = DEFAULT_ASSOCIATIONS.find((other) => other.from === entry.to && other.to === entry.from);
      if (!inverse) continue;
      const from = typeIdOf(entry.from);
      const to = typeIdOf(entry.to);
      this.defineLocked(from, to, entry.typeId, inverse.typeId, 'HUBSPOT_DEFINED', undefined, `${from.singular}_to_${to.singular}`);
      seen.add(entry.typeId).add(inverse.typeId);
      if (entry.primaryTypeId !== undefined && inverse.primaryTypeId !== undefined) {
        this.defineLocked(from, to, entry.primaryTypeId, inverse.primaryTypeId, 'HUBSPOT_DEFINED', 'Primary', `${from.singular}_to_${to.singular}_primary`);
      } else if (entry.primaryTypeId !== undefined) {
        // Only one direction carries a "Primary" label (e.g. deal -> company 5); its inverse is unlabeled.
        this.types.set(entry.primaryTypeId, {
          fromTypeId: from.objectTypeId,
          toTypeId: to.objectTypeId,
          typeId: entry.primaryTypeId,
          category: 'HUBSPOT_DEFINED',
          label: 'Primary',
          name: `${from.singular}_to_${to.singular}_primary`,
          inverseTypeId: inverse.typeId,
        });
      }
    }
  }

  private defineLocked(
    from: ObjectTypeDef,
    to: ObjectTypeDef,
    typeId: number,
    inverseTypeId: number,
    category: AssociationCategory,
    label: string | undefined,
    name: string,
    inverseLabel?: string,
  ): void {
    const base = { category, name };
    this.types.set(typeId, { ...base, fromTypeId: from.objectTypeId, toTypeId: to.objectTypeId, typeId, inverseTypeId, label });
    this.types.set(inverseTypeId, {
      ...base,
      name: `${to.singular}_to_${from.singular}${name.endsWith('_primary') ? '_primary' : ''}`,
      fromTypeId: to.objectTypeId,
      toTypeId: from.objectTypeId,
      typeId: inverseTypeId,
      inverseTypeId: typeId,
      label: inverseLabel ?? label,
    });
  }

  /** Defines a new (labelled or unlabeled) pair of types; returns the forward type. */
  define(from: ObjectTypeDef, to: ObjectTypeDef, category: AssociationCategory, label?: string, name?: string, inverseLabel?: string): AssociationTypeDef {
    const typeId = this.nextTypeId++;
    const inverseTypeId = this.nextTypeId++;
    this.defineLocked(from, to, typeId, inverseTypeId, category, label, name ?? `${from.singular}_to_${to.singular}`, inverseLabel);
    return this.types.get(typeId) as AssociationTypeDef;
  }

  type(typeId: number): AssociationTypeDef | undefined {
    return this.types.get(typeId);
  }

  typesBetween(fromTypeId: string, toTypeId: string): AssociationTypeDef[] {
    return [...this.types.values()].filter((t) => t.fromTypeId === fromTypeId && t.toTypeId === toTypeId).sort((a, b) => a.typeId - b.typeId);
  }

  /** The unlabeled default type for a pair (what "default" association endpoints and bulk loads use). */
  defaultType(fromTypeId: string, toTypeId: string): AssociationTypeDef | undefined {
    return this.typesBetween(fromTypeId, toTypeId).find((t) => t.label === undefined);
  }

  removeType(typeId: number): void {
    const def = this.types.get(typeId);
    if (!def) return;
    this.types.delete(typeId);
    this.types.delete(def.inverseTypeId);
  }

  private list(fromTypeId: string, toTypeId: string, fromId: number, create: boolean): number[] | undefined {
    const key = pairKey(fromTypeId, toTypeId);
    let byFrom = this.edges.get(key);
    if (!byFrom) {
      if (!create) return undefined;
      byFrom = new Map();
      this.edges.set(key, byFrom);
    }
    let flat = byFrom.get(fromId);
    if (!flat && create) {
      flat = [];
      byFrom.set(fromId, flat);
    }
    return flat;
  }

  /** Adds the association and its inverse; returns false when it already existed. */
  add(typeId: number, fromId: number, toId: number): boolean {
    const def = this.types.get(typeId);
    if (!def) throw new Error(`unknown association type ${typeId}`);
    const forward = this.list(def.fromTypeId, def.toTypeId, fromId, false);
    if (forward) for (let i = 0; i < forward.length; i += 2) if (forward[i] === toId && forward[i + 1] === typeId) return false;
    this.append(def.fromTypeId, def.toTypeId, fromId, toId, typeId);
    this.append(def.toTypeId, def.fromTypeId, toId, fromId, def.inverseTypeId);
    return true;
  }

  /**
   * Most records have one or two associations per target type, so lists start as exact two-element
   * literals (an empty array grown by push reserves ~17 slots, which multiplied by 2M lists is ~250 MB).
   */
  private append(fromTypeId: string, toTypeId: string, fromId: number, toId: number, typeId: number): void {
    const key = pairKey(fromTypeId, toTypeId);
    let byFrom = this.edges.get(key);
    if (!byFrom) {
      byFrom = new Map();
      this.edges.set(key, byFrom);
    }
    const flat = byFrom.get(fromId);
    if (flat) flat.push(toId, typeId);
    else byFrom.set(fromId, [toId, typeId]);
  }

  /** Removes all types (or one type) between two records, both directions; returns removed forward type ids. */
  remove(fromTypeId: string, toTypeId: string, fromId: number, toId: number, typeId?: number): number[] {
    const removed: number[] = [];
    const forward = this.list(fromTypeId, toTypeId, fromId, false);
    const backward = this.list(toTypeId, fromTypeId, toId, false);
    if (!forward) return removed;
    for (let i = forward.length - 2; i >= 0; i -= 2) {
      if (forward[i] === toId && (typeId === undefined || forward[i + 1] === typeId)) {
        removed.push(forward[i + 1]);
        forward.splice(i, 2);
      }
    }
    if (backward) {
      const inverses = new Set(removed.map((id) => this.types.get(id)?.inverseTypeId));
      for (let i = backward.length - 2; i >= 0; i -= 2) {
        if (backward[i] === fromId && inverses.has(backward[i + 1])) backward.splice(i, 2);
      }
    }
    return removed;
  }

  /** Associated records grouped by target id, in ascending target-id order, each with its type ids. */
  targets(fromTypeId: string, toTypeId: string, fromId: number): Array<{ toId: number; typeIds: number[] }> {
    const flat = this.list(fromTypeId, toTypeId, fromId, false);
    if (!flat || flat.length === 0) return [];
    const grouped = new Map<number, number[]>();
    for (let i = 0; i < flat.length; i += 2) {
      const list = grouped.get(flat[i]);
      if (list) list.push(flat[i + 1]);
      else grouped.set(flat[i], [flat[i + 1]]);
    }
    return [...grouped.entries()].sort((a, b) => a[0] - b[0]).map(([toId, typeIds]) => ({ toId, typeIds: typeIds.sort((a, b) => a - b) }));
  }

  /** Drops every association of a record in both directions (used when a record is purged). */
  removeAllOf(typeId: string, id: number): void {
    for (const [key, byFrom] of this.edges) {
      const [from, to] = key.split('|');
      if (from !== typeId) continue;
      const flat = byFrom.get(id);
      if (!flat) continue;
      const targets = new Set<number>();
      for (let i = 0; i < flat.length; i += 2) targets.add(flat[i]);
      for (const target of targets) this.remove(from, to, id, target);
      byFrom.delete(id);
    }
  }
}
