import { createHash } from 'node:crypto';
import type { ScoreFactor } from '../../intelligence/entities/account-score.entity';
import type { AccountFieldNames } from '../ports/write-back-writer.port';

/** What we show in the CRM for one account: few fields, as reps asked (in-crm-surfaces.md §5). */
export interface AccountWriteValues {
  score: number;
  tier: string;
  reasons: string;
  /** When the score was computed; written but not hashed, so a rescore with equal results costs nothing. */
  updatedAt: string;
}

const REASON_COUNT = 3;
const REASONS_MAX_CHARS = 255;

/** The strongest factors by absolute contribution, in words, e.g. "+12.0 CFO joined the committee". */
export function topReasons(factors: ScoreFactor[] | null | undefined, count = REASON_COUNT): string {
  const sorted = [...(factors ?? [])].filter((f) => f.contribution !== 0).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.signal.localeCompare(b.signal));
  const text = sorted
    .slice(0, count)
    .map((f) => `${f.contribution > 0 ? '+' : '−'}${Math.abs(f.contribution).toFixed(1)} ${f.text || f.signal}`)
    .join('; ');
  return text.length > REASONS_MAX_CHARS ? `${text.slice(0, REASONS_MAX_CHARS - 1)}…` : text;
}

export function accountValues(row: { score: number; tier: string; factors: ScoreFactor[] | null; computedAt: Date }): AccountWriteValues {
  return { score: Math.round(row.score * 10) / 10, tier: row.tier, reasons: topReasons(row.factors), updatedAt: row.computedAt.toISOString() };
}

/** Hash of the values a rep sees; equal hash = nothing to send. */
export function valueHash(v: AccountWriteValues): string {
  return createHash('sha256').update(JSON.stringify([v.score, v.tier, v.reasons])).digest('hex');
}

export function toCrmFields(names: AccountFieldNames, v: AccountWriteValues): Record<string, string | number | null> {
  return { [names.score]: v.score, [names.tier]: v.tier, [names.reasons]: v.reasons || null, [names.updatedAt]: v.updatedAt };
}

/**
 * A person changed our field after our last write when the value the sync read differs from what we
 * wrote and the change was not made by our integration user. Needs the sync to read our fields; when it
 * does not (value undefined), nothing counts as a human edit.
 */
export function humanEditedFields(
  names: AccountFieldNames,
  synced: Record<string, unknown> | null,
  lastWritten: Record<string, unknown> | null,
  modifiedBy: string | null,
  integrationUserId: string | null,
): string[] {
  if (!synced || !lastWritten) return [];
  if (integrationUserId && modifiedBy === integrationUserId) return [];
  const edited: string[] = [];
  for (const field of [names.score, names.tier, names.reasons]) {
    const now = synced[field];
    if (now === undefined) continue;
    const ours = lastWritten[field];
    if (!sameValue(now, ours)) edited.push(field);
  }
  return edited;
}

function sameValue(a: unknown, b: unknown): boolean {
  if ((a === null || a === '' || a === undefined) && (b === null || b === '' || b === undefined)) return true;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
}
