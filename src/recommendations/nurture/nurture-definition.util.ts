/** A marketer's nurture track, stored in nurture_tracks.definition and validated on every write. */
export const STAGES = ['awareness', 'consideration', 'decision', 'renewal', 'expansion'] as const;
export const CHANNELS = ['email', 'call', 'linkedin', 'event', 'ads', 'task'] as const;
export const EXITS = ['goal_met', 'opportunity_opened', 'opt_out', 'reply'] as const;

export interface NurtureStep {
  stage: (typeof STAGES)[number];
  /** Buying role the step is for, or '*' for everyone on the committee. */
  role: string;
  content: string;
  channel: (typeof CHANNELS)[number];
  owner: 'marketing' | 'rep';
  /** Business days to wait after the previous step (holidays of `calendar.country` excluded). */
  waitBusinessDays: number;
}

export interface NurtureTrackDefinition {
  entry: { tiers?: string[]; minScoreChange?: number; missingRoles?: string[]; renewalWindowDays?: number; licenseStates?: string[]; lifecycleStages?: string[] };
  steps: NurtureStep[];
  exits: Array<(typeof EXITS)[number]>;
  goal?: { minScore?: number; tier?: string };
  calendar: { country: string };
  /** Touches across ALL tracks; a step over the cap waits for the next free business day (queued, never dropped). */
  caps: { perContactPerWeek: number; perAccountPerWeek: number };
  variants: Array<{ name: string; weight: number; contentOverrides?: Record<string, string> }>;
  /** Share of entrants held out (enrolled, never contacted) so uplift can be measured. */
  holdoutPercent: number;
}

const isStringArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Every problem with a definition, each naming its field; empty when valid. */
export function validateNurtureDefinition(raw: unknown): string[] {
  const errors: string[] = [];
  if (!raw || typeof raw !== 'object') return ['definition must be an object'];
  const d = raw as Partial<NurtureTrackDefinition>;
  const entry = d.entry;
  if (!entry || typeof entry !== 'object') errors.push('entry must be an object');
  else {
    for (const key of ['tiers', 'missingRoles', 'licenseStates', 'lifecycleStages'] as const) {
      if (entry[key] !== undefined && !isStringArray(entry[key])) errors.push(`entry.${key} must be an array of strings`);
    }
    if (entry.tiers?.some((t) => !['A', 'B', 'C', 'D'].includes(t))) errors.push('entry.tiers must be A, B, C or D');
    if (entry.minScoreChange !== undefined && typeof entry.minScoreChange !== 'number') errors.push('entry.minScoreChange must be a number');
    if (entry.renewalWindowDays !== undefined && !isInt(entry.renewalWindowDays, 1, 730)) errors.push('entry.renewalWindowDays must be an integer 1..730');
  }
  if (!Array.isArray(d.steps) || d.steps.length === 0) errors.push('steps must be a non-empty array');
  else
    d.steps.forEach((s, i) => {
      if (!STAGES.includes(s?.stage)) errors.push(`steps[${i}].stage must be one of ${STAGES.join(', ')}`);
      if (typeof s?.role !== 'string' || s.role === '') errors.push(`steps[${i}].role must be a role or '*'`);
      if (typeof s?.content !== 'string' || s.content === '') errors.push(`steps[${i}].content is required`);
      if (!CHANNELS.includes(s?.channel)) errors.push(`steps[${i}].channel must be one of ${CHANNELS.join(', ')}`);
      if (s?.owner !== 'marketing' && s?.owner !== 'rep') errors.push(`steps[${i}].owner must be marketing or rep`);
      if (!isInt(s?.waitBusinessDays, 0, 120)) errors.push(`steps[${i}].waitBusinessDays must be an integer 0..120`);
    });
  if (!Array.isArray(d.exits) || d.exits.some((e) => !EXITS.includes(e))) errors.push(`exits must be an array of ${EXITS.join(', ')}`);
  if (!d.calendar || typeof d.calendar.country !== 'string' || !/^[A-Z]{2}$/.test(d.calendar.country)) errors.push('calendar.country must be an ISO country code such as KR');
  if (!d.caps || !isInt(d.caps.perContactPerWeek, 1, 50) || !isInt(d.caps.perAccountPerWeek, 1, 200)) errors.push('caps.perContactPerWeek (1..50) and caps.perAccountPerWeek (1..200) are required');
  if (!Array.isArray(d.variants) || d.variants.length === 0) errors.push('variants must list at least one variant');
  else if (d.variants.some((v) => typeof v?.name !== 'string' || typeof v?.weight !== 'number' || v.weight <= 0)) errors.push('variants[].name and a positive variants[].weight are required');
  if (typeof d.holdoutPercent !== 'number' || d.holdoutPercent < 0 || d.holdoutPercent > 50) errors.push('holdoutPercent must be a number 0..50');
  return errors;
}

/** Deterministic split: the same account always lands in the same arm, so reruns never reshuffle it. */
export function assignArm(def: Pick<NurtureTrackDefinition, 'variants' | 'holdoutPercent'>, bucket: number): { variant: string | null; holdout: boolean } {
  const b = ((bucket % 10_000) + 10_000) % 10_000;
  if (b < def.holdoutPercent * 100) return { variant: null, holdout: true };
  const total = def.variants.reduce((s, v) => s + v.weight, 0);
  let point = ((b - def.holdoutPercent * 100) / (10_000 - def.holdoutPercent * 100)) * total;
  for (const v of def.variants) {
    point -= v.weight;
    if (point < 0) return { variant: v.name, holdout: false };
  }
  return { variant: def.variants[def.variants.length - 1].name, holdout: false };
}
