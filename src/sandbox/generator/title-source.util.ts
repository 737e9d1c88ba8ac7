import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Department, Seniority } from './world.types';
import {
  BUILTIN_ENGLISH_TITLES,
  BUILTIN_KOREAN_JOBS,
  classifyEnglishTitle,
  KOREAN_JOB_DEPARTMENT_BY_KSCO,
} from './title-rules.util';

/**
 * Where job titles come from. In the development checkout the public datasets live next to the project at
 * `../shared/data/titles` (O*NET alternate titles, the Korean Dictionary of Occupations, a real CRM title
 * export; see shared/data/README.md). On a user's machine that folder does not exist, so the generator falls
 * back to the small built-in lists in title-rules.util.ts and still produces a complete world.
 */
export interface TitleCatalog {
  source: 'datasets' | 'builtin';
  /** English titles bucketed by department and seniority: `en[dept][seniority]`. */
  en: Record<Department, string[][]>;
  /** Korean occupation names (직무명) per department, combined with ranks by the generator. */
  koJobs: Record<Department, string[]>;
}

const DEPARTMENTS: Department[] = [
  'executive', 'procurement', 'finance', 'legal', 'security', 'it', 'engineering',
  'sales', 'marketing', 'hr', 'operations', 'production', 'research',
];

const cache = new Map<string, TitleCatalog>();

/** `<project root>/../shared/data/titles`, the project root being the nearest folder with a package.json. */
export function defaultTitlesDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(__dirname, '../../../../shared/data/titles');
    dir = parent;
  }
  return resolve(dir, '..', 'shared', 'data', 'titles');
}

function emptyCatalog(source: TitleCatalog['source']): TitleCatalog {
  const en = {} as Record<Department, string[][]>;
  const koJobs = {} as Record<Department, string[]>;
  for (const d of DEPARTMENTS) {
    en[d] = [[], [], [], [], [], []];
    koJobs[d] = [];
  }
  return { source, en, koJobs };
}

/** Titles from settings a B2B software vendor does not sell to (O*NET covers every occupation). */
const OFF_DOMAIN =
  /\b(zoo|schools?|students?|church|museum|parks?|hospital|nurs\w*|farm|casino|hotel|restaurant|library|universit\w*|college|police|fire|military|army|navy|county|athletic|sports|funeral|prison|clinic|dental|pharmacy|veterinar\w*|ranch|mine|mining|oil|gas|golf|theat\w*|camp)\b/i;

/**
 * `socDept`: the department implied by the O*NET-SOC code; it wins over keyword guesses (an O*NET
 * "Compliance" alternate under 11-1021 is still an operations manager). CRM titles pass `null`.
 */
function addEnglish(catalog: TitleCatalog, title: string, socDept: Department | null, minSeniority = 0): void {
  const clean = title.trim().replace(/\s+/g, ' ');
  if (clean.length < 3 || clean.length > 60 || OFF_DOMAIN.test(clean)) return;
  const classified = classifyEnglishTitle(clean);
  const dept = socDept ?? classified.department;
  if (!dept) return;
  const seniority = Math.max(minSeniority, classified.seniority) as Seniority;
  catalog.en[dept][seniority].push(clean);
}

/** O*NET-SOC prefixes of business occupations → department (other occupations are skipped). */
const ONET_DEPARTMENTS: ReadonlyArray<readonly [string, Department]> = [
  ['11-1011', 'executive'], ['11-1021', 'operations'], ['11-2021', 'marketing'], ['11-2022', 'sales'],
  ['11-3021', 'it'], ['11-3031', 'finance'], ['11-3051', 'production'], ['11-3061', 'procurement'],
  ['11-3111', 'hr'], ['11-3121', 'hr'], ['11-9041', 'engineering'], ['11-9121', 'research'],
  ['13-1020', 'procurement'], ['13-1023', 'procurement'], ['13-1071', 'hr'], ['13-1161', 'marketing'],
  ['13-2011', 'finance'], ['13-2051', 'finance'], ['15-1212', 'security'], ['15-1211', 'it'],
  ['15-1231', 'it'], ['15-1241', 'it'], ['15-1244', 'it'], ['15-1252', 'engineering'], ['15-1253', 'engineering'],
  ['15-1254', 'engineering'], ['15-2051', 'research'], ['23-1011', 'legal'], ['23-2011', 'legal'],
  ['41-3091', 'sales'], ['41-4011', 'sales'], ['43-1011', 'operations'],
];

function onetDepartment(code: string): Department | null {
  for (const [prefix, dept] of ONET_DEPARTMENTS) if (code.startsWith(prefix)) return dept;
  return null;
}

function loadFromDatasets(dir: string): TitleCatalog {
  const catalog = emptyCatalog('datasets');
  const onet = parse(readFileSync(join(dir, 'onet_alternate_titles.csv')), { columns: true, bom: true }) as Array<
    Record<string, string>
  >;
  for (const row of onet) {
    const code = row['O*NET-SOC Code'] ?? '';
    const dept = onetDepartment(code);
    // SOC major group 11 is "Management Occupations": at least manager level.
    if (dept) addEnglish(catalog, row['Alternate Title'] ?? '', dept, code.startsWith('11-') ? 2 : 0);
  }
  const crmPath = join(dir, 'crm_contact_titles_unlabelled.csv');
  if (existsSync(crmPath)) {
    // Real, messy CRM titles: kept as-is (casing, abbreviations) so downstream parsing meets real input.
    const crm = parse(readFileSync(crmPath), { columns: true, bom: true }) as Array<Record<string, string>>;
    for (const row of crm) if (row.Title) addEnglish(catalog, row.Title, null);
  }
  const koPath = join(dir, 'korean_job_dictionary_titles.csv');
  if (existsSync(koPath)) {
    const ko = parse(readFileSync(koPath), { columns: true, bom: true }) as Array<Record<string, string>>;
    for (const row of ko) {
      const dept = KOREAN_JOB_DEPARTMENT_BY_KSCO(row.ksco_code ?? '');
      const name = (row.job_name_ko ?? '').replace(/\(.*\)/, '').trim();
      if (dept && name && name.length <= 9) catalog.koJobs[dept].push(name);
    }
  }
  fillGapsFromBuiltin(catalog);
  return catalog;
}

function loadBuiltin(): TitleCatalog {
  const catalog = emptyCatalog('builtin');
  fillGapsFromBuiltin(catalog);
  return catalog;
}

/** Ensures every (department, seniority) bucket and Korean job list has at least the built-in entries. */
function fillGapsFromBuiltin(catalog: TitleCatalog): void {
  for (const [dept, titles] of Object.entries(BUILTIN_ENGLISH_TITLES) as Array<[Department, string[]]>) {
    for (const t of titles) {
      const { seniority } = classifyEnglishTitle(t);
      // Always merged: the dataset buckets for senior titles are thin, and these are the common forms.
      catalog.en[dept][seniority].push(t);
    }
  }
  for (const [dept, jobs] of Object.entries(BUILTIN_KOREAN_JOBS) as Array<[Department, string[]]>) {
    if (catalog.koJobs[dept].length === 0) catalog.koJobs[dept].push(...jobs);
  }
  // Sort then dedupe so the catalog (and every title drawn from it) is independent of file row order.
  for (const d of DEPARTMENTS) {
    catalog.en[d] = catalog.en[d].map((b) => [...new Set(b)].sort());
    catalog.koJobs[d] = [...new Set(catalog.koJobs[d])].sort();
  }
}

/** Loads (once per folder) the title catalog; `dir === null` forces the built-in lists. */
export function loadTitleCatalog(dir: string | null = defaultTitlesDir()): TitleCatalog {
  const key = dir ?? '<builtin>';
  const hit = cache.get(key);
  if (hit) return hit;
  const catalog =
    dir && existsSync(join(dir, 'onet_alternate_titles.csv')) ? loadFromDatasets(dir) : loadBuiltin();
  cache.set(key, catalog);
  return catalog;
}

/** Nearest non-empty seniority bucket for a department. */
export function englishTitlesFor(catalog: TitleCatalog, dept: Department, seniority: Seniority): string[] {
  const buckets = catalog.en[dept];
  for (let d = 0; d <= 5; d++) {
    const lower = buckets[seniority - d];
    if (lower && lower.length) return lower;
    const upper = buckets[seniority + d];
    if (upper && upper.length) return upper;
  }
  return BUILTIN_ENGLISH_TITLES.operations;
}
