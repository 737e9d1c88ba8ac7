import { randomBytes } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Rows created by one page
 * commit get neighbouring keys, so their primary-key and foreign-key index entries land on the few
 * right-most btree pages instead of one random page each: at a million rows a random key dirties (and
 * after each checkpoint writes a full image of) a different index page per row.
 */
export function orderedUuid(nowMs = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
