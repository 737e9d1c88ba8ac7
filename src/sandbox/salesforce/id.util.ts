/**
 * Salesforce record Ids: 15 case-sensitive characters (3-char key prefix, 2-char instance, reserved '0',
 * 9-char base-62 counter) plus a 3-character case-safe suffix. The suffix algorithm is the documented one
 * (SOAP API Developer Guide, "ID Field Type"): for each 5-character chunk, a 5-bit mask with bit i set when
 * character i is an upper-case letter, mapped through "A..Z0..5".
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let mask = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) mask |= 1 << i;
    }
    suffix += SUFFIX_CHARS[mask];
  }
  return suffix;
}

export function makeId(keyPrefix: string, counter: number, instance = 'Hs'): string {
  let n = counter;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = BASE62[n % 62] + body;
    n = Math.floor(n / 62);
  }
  const id15 = `${keyPrefix}${instance}0${body}`;
  return id15 + checksumSuffix(id15);
}

/**
 * The counter of an Id minted by `makeId` for this prefix and instance (its 9 base-62 digits), or -1 when
 * the Id was not minted that way (e.g. real Ids from a fixture) or exceeds the safe integer range.
 */
export function mintedCounter(id: string, keyPrefix: string, instance = 'Hs'): number {
  if (id.length !== 18 || !id.startsWith(`${keyPrefix}${instance}0`)) return -1;
  let n = 0;
  for (let i = 6; i < 15; i++) {
    const d = BASE62.indexOf(id[i]);
    if (d < 0) return -1;
    n = n * 62 + d;
  }
  return n <= 0x3fffffff && checksumSuffix(id.slice(0, 15)) === id.slice(15) ? n : -1;
}

/** True for a syntactically valid 15- or 18-character Id (18-character Ids must carry the right suffix). */
export function isWellFormedId(value: string): boolean {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(value)) return false;
  return value.length === 15 || checksumSuffix(value.slice(0, 15)) === value.slice(15);
}

/** Normalises a 15-character Id to its 18-character form (Ids in the store are always 18 characters). */
export function to18(value: string): string {
  return value.length === 15 ? value + checksumSuffix(value) : value;
}
