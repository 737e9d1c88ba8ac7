/** A title split into the parts each matcher reads. */
export interface NormalizedTitle {
  /** Lower-case Latin/digit tokens; "I.T." → "it", "R&D" → "r&d". */
  latinTokens: string[];
  /** Runs of Hangul syllables, spaces removed inside a run ("구매팀 과장" → ["구매팀", "과장"]). */
  hangulRuns: string[];
}

/**
 * NFKC folds full-width letters (ＩＴ) and compatibility forms; dots are dropped so abbreviations
 * written with periods (Sr., V.P., I.T.) become the same token as without. Hangul and Latin runs are
 * separated so mixed titles like "IT팀장" yield both "it" and "팀장".
 */
export function normalizeTitle(title: string): NormalizedTitle {
  const text = (title ?? '').normalize('NFKC').replace(/\./g, '');
  const latinTokens = (text.toLowerCase().match(/[a-z0-9&]+/g) ?? []).filter((t) => t !== '&');
  const hangulRuns = text.match(/[\uac00-\ud7a3]+/g) ?? [];
  return { latinTokens, hangulRuns };
}
