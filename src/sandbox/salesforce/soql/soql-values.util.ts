import { SfFieldDef } from '../schema/field.types';

/** Value semantics shared by SOQL filtering and ordering (SOQL and SOSL Reference, "Comparison Operators", "ORDER BY"). */

/** Boolean fields are never null in Salesforce: an unset checkbox reads as false. */
export function comparable(f: SfFieldDef, v: unknown): unknown {
  if (v === undefined || v === null) return f.type === 'boolean' ? false : null;
  return v;
}

/** Ids compare case-sensitively (they are case-sensitive base-62); text compares case-insensitively. */
export function isIdType(f: SfFieldDef): boolean {
  return f.type === 'id' || f.type === 'reference';
}

export function compareForSort(a: unknown, b: unknown, descending: boolean, nullsLast: boolean, fold: boolean): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) {
    if (an && bn) return 0;
    return (an ? -1 : 1) * (nullsLast ? -1 : 1);
  }
  const x = typeof a === 'string' && fold ? a.toLowerCase() : (a as number);
  const y = typeof b === 'string' && fold ? b.toLowerCase() : (b as number);
  const c = x < y ? -1 : x > y ? 1 : 0;
  return descending ? -c : c;
}

/** LIKE: `%` any run, `_` one character, `\%` / `\_` literal (SOQL reference, "Comparison Operators"). */
export function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      re += pattern[++i];
    } else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}
