import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { FitRule, ScoringDefinition } from './scoring-definition.types';

/** The shipped default (a YAML file next to this one; the build output looks it up in the sources). */
const DEFAULT_FILE_CANDIDATES = [
  join(__dirname, 'default-scoring.yaml'),
  join(__dirname, '..', '..', '..', '..', 'src', 'intelligence', 'config', 'default-scoring.yaml'),
];

let cachedDefault: ScoringDefinition | undefined;

export function defaultScoringDefinition(): ScoringDefinition {
  if (!cachedDefault) {
    const file = DEFAULT_FILE_CANDIDATES.find((f) => existsSync(f));
    if (!file) throw new Error('default-scoring.yaml not found');
    cachedDefault = validateDefinition(parseYaml(readFileSync(file, 'utf8')) as unknown);
  }
  return structuredClone(cachedDefault);
}

export class ScoringDefinitionError extends Error {}

/** Parses YAML or JSON text (JSON is YAML) into a validated definition; missing sections take the defaults. */
export function parseDefinition(text: string): ScoringDefinition {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ScoringDefinitionError(`not valid YAML/JSON: ${(err as Error).message}`);
  }
  return withDefaults(raw);
}

export function withDefaults(raw: unknown): ScoringDefinition {
  if (!isRecord(raw)) throw new ScoringDefinitionError('the configuration must be an object');
  const base = defaultScoringDefinition() as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(raw)) {
    // Sections merge one level deep (so `loyalty: {base: 40}` keeps the other loyalty numbers); lists replace.
    merged[key] = isRecord(value) && isRecord(base[key]) ? { ...(base[key] as Record<string, unknown>), ...value } : value;
  }
  return validateDefinition(merged);
}

export function toYaml(def: ScoringDefinition): string {
  return stringifyYaml(def, { lineWidth: 120 });
}

const FIELD_PATTERN = /^(industry|country|employees|annual_revenue|technologies|custom\.[A-Za-z0-9_]{1,60})$/;
const IDENT = /^[a-z][a-z0-9_.]{0,60}$/;

/** Checks what the SQL relies on; messages name the offending path so a marketer can fix the file. */
export function validateDefinition(raw: unknown): ScoringDefinition {
  if (!isRecord(raw)) throw new ScoringDefinitionError('the configuration must be an object');
  const d = raw as unknown as ScoringDefinition;
  const problems: string[] = [];
  const num = (v: unknown, path: string, min = -Infinity, max = Infinity) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) problems.push(`${path} must be a number in [${min}, ${max}]`);
  };
  if (typeof d.name !== 'string') problems.push('name must be a string');
  for (const k of ['fit', 'engagement', 'committee', 'loyalty'] as const) num(d.weights?.[k], `weights.${k}`, 0, 100);
  if (d.weights && d.weights.fit + d.weights.engagement + d.weights.committee + d.weights.loyalty <= 0) problems.push('weights must not all be 0');
  for (const k of ['A', 'B', 'C'] as const) num(d.tiers?.[k], `tiers.${k}`, 0, 100);
  if (d.tiers && !(d.tiers.A >= d.tiers.B && d.tiers.B >= d.tiers.C)) problems.push('tiers must satisfy A ≥ B ≥ C');
  if (!Array.isArray(d.fit?.rules)) problems.push('fit.rules must be a list');
  else d.fit.rules.forEach((r, i) => checkFitRule(r, `fit.rules[${i}]`, problems));
  num(d.engagement?.saturation, 'engagement.saturation', 0.001);
  num(d.engagement?.maxAgeDays, 'engagement.maxAgeDays', 1, 36500);
  if (!Array.isArray(d.engagement?.signals)) problems.push('engagement.signals must be a list');
  else
    d.engagement.signals.forEach((s, i) => {
      if (typeof s.type !== 'string' || !IDENT.test(s.type)) problems.push(`engagement.signals[${i}].type must be an activity type`);
      num(s.weight, `engagement.signals[${i}].weight`, 0);
      num(s.halfLifeDays, `engagement.signals[${i}].halfLifeDays`, 0.01);
    });
  const c = d.committee;
  if (!isRecord(c?.templates) || !Array.isArray(c.templates.default) || c.templates.default.length === 0) problems.push('committee.templates.default must list roles');
  else
    for (const [name, roles] of Object.entries(c.templates)) {
      if (!Array.isArray(roles) || roles.some((r) => typeof r?.role !== 'string' || !IDENT.test(r.role))) problems.push(`committee.templates.${name} must list {role, label}`);
    }
  num(c?.engagedWithinDays, 'committee.engagedWithinDays', 1);
  num(c?.minInferredConfidence, 'committee.minInferredConfidence', 0, 1);
  if (c && Math.abs(c.coverageShare + c.engagedShare + c.multiThreadShare - 1) > 1e-6) problems.push('committee shares must sum to 1');
  if (typeof c?.templateField !== 'string' || !/^[A-Za-z0-9_]{1,60}$/.test(c.templateField)) problems.push('committee.templateField must be a field name');
  const l = d.loyalty;
  if (!isRecord(l)) problems.push('loyalty must be an object');
  else {
    for (const [k, v] of Object.entries(l)) if (!['severityWeights', 'renewalWindows', 'churn'].includes(k)) num(v, `loyalty.${k}`);
    if (!Array.isArray(l.renewalWindows)) problems.push('loyalty.renewalWindows must be a list');
  }
  if (problems.length) throw new ScoringDefinitionError(problems.join('; '));
  d.engagement.signals = d.engagement.signals.map((s) => ({ ...s, label: s.label ?? s.type }));
  d.loyalty.renewalWindows = [...d.loyalty.renewalWindows].sort((a, b) => b.days - a.days);
  return d;
}

function checkFitRule(r: FitRule, path: string, problems: string[]): void {
  if (!isRecord(r)) return void problems.push(`${path} must be an object`);
  if (typeof r.signal !== 'string' || !IDENT.test(r.signal)) problems.push(`${path}.signal must be a lower-case identifier`);
  if (typeof r.field !== 'string' || !FIELD_PATTERN.test(r.field)) problems.push(`${path}.field must be industry, country, employees, annual_revenue, technologies or custom.<key>`);
  if (typeof r.points !== 'number' || r.points < 0) problems.push(`${path}.points must be a non-negative number`);
  const matchers = ['in', 'map', 'between', 'anyOf'].filter((k) => (r as unknown as Record<string, unknown>)[k] !== undefined);
  if (matchers.length !== 1) problems.push(`${path} needs exactly one of in, map, between, anyOf`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Component weights actually used: learned ones when present, normalised to sum to 1. */
export function effectiveWeights(def: ScoringDefinition): ScoringDefinition['weights'] {
  const w = def.learned?.weights ?? def.weights;
  const sum = w.fit + w.engagement + w.committee + w.loyalty;
  return { fit: w.fit / sum, engagement: w.engagement / sum, committee: w.committee / sum, loyalty: w.loyalty / sum };
}
