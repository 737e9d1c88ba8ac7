import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { classifyTitle } from '../roles/title-classifier.service';
import { titleLexicon } from '../roles/title-lexicon.util';
import { fnv1a } from '../models/random.util';
import type { JobFunction, Seniority } from '../roles/title-classifier.types';
import type { TitleLanguageReport, TitleReport } from './evaluation.types';
import { functionToArea, kscoFunction, kscoSeniority, socFunction, socSeniority } from './title-labels.util';

export interface LabelledTitle {
  title: string;
  /** Occupation code the split is keyed on, so variants of one occupation stay on one side. */
  group: string;
  function: JobFunction;
  seniority: Seniority[];
}

export interface TitleEvaluationOptions {
  /** Keep every n-th group only (quick tests). */
  sampleEvery?: number;
  /** Which side of the split to score (the lexicon was tuned by reading errors on `train` only). */
  split?: 'held_out' | 'train' | 'all';
  /** Score with the learned word model switched on (default) or off, to see whether it earns its place. */
  useTokenModel?: boolean;
}

/** 1 in 5 occupation groups (by hash of the code) is held out. */
export function isHeldOut(group: string): boolean {
  return fnv1a(group) % 5 === 0;
}

export async function loadOnetTitles(dir: string): Promise<LabelledTitle[]> {
  const rows = parse(await readFile(join(dir, 'onet_alternate_titles.csv')), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => {
    const code = r['O*NET-SOC Code'];
    return { title: r['Alternate Title'], group: code, function: socFunction(code), seniority: socSeniority(code) };
  });
}

export async function loadKoreanTitles(dir: string): Promise<LabelledTitle[]> {
  const rows = parse(await readFile(join(dir, 'korean_job_dictionary_titles.csv')), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const out: LabelledTitle[] = [];
  for (const r of rows) {
    const label = { group: r.dJobCd, function: kscoFunction(r.ksco_code), seniority: kscoSeniority(r.ksco_code) };
    out.push({ title: r.job_name_ko, ...label });
    const similar = (r.similar_names_ko ?? '').replace(/\s*등\s*$/, '').split(/\s*,\s*/).filter((s) => s.length > 1);
    for (const name of similar) out.push({ title: name, ...label });
  }
  return out;
}

function scoreLanguage(language: 'en' | 'ko', source: string, titles: LabelledTitle[], options: TitleEvaluationOptions): TitleLanguageReport {
  const split = options.split ?? 'held_out';
  const every = options.sampleEvery ?? 1;
  const chosen = titles.filter((t) => {
    if (every > 1 && fnv1a(t.group) % every !== 1 % every) return false;
    if (split === 'all') return true;
    return split === 'held_out' ? isHeldOut(t.group) : !isHeldOut(t.group);
  });
  let fnRight = 0;
  let focusRight = 0;
  let focusTotal = 0;
  let senRight = 0;
  let covered = 0;
  for (const t of chosen) {
    const c = classifyTitle(t.title, { useTokenModel: options.useTokenModel });
    if (c.function === t.function) fnRight++;
    if (t.function !== 'other') {
      focusTotal++;
      if (c.function === t.function) focusRight++;
    }
    if (t.seniority.includes(c.seniority)) senRight++;
    if (c.function !== 'unknown') covered++;
  }
  const n = Math.max(chosen.length, 1);
  return {
    language,
    source,
    split,
    titles: chosen.length,
    functionAccuracy: fnRight / n,
    focusFunctionAccuracy: focusRight / Math.max(focusTotal, 1),
    focusTitles: focusTotal,
    seniorityAccuracy: senRight / n,
    functionCoverage: covered / n,
  };
}

/** Rootstrap area labels (Business / Technical / Sales-Marketing / Other) against our function → area roll-up. */
async function rootstrapAccuracy(dir: string): Promise<{ accuracy: number; titles: number }> {
  const text = (await readFile(join(dir, 'rootstrap_area_classified_titles.tsv'), 'utf8')).replace(/\r/g, '');
  const rows = text.split('\n').slice(1).map((l) => l.split('\t')).filter((r) => r.length === 2 && r[0] && r[1]);
  const right = rows.filter(([title, area]) => functionToArea(classifyTitle(title).function) === area).length;
  return { accuracy: right / Math.max(rows.length, 1), titles: rows.length };
}

/** IPOD gazetteer tokens (majority of 3 annotators): RES = rank word, FUN = function word, LOC/O = neither. */
async function ipodAccuracy(dir: string): Promise<{ accuracy: number; tokens: number }> {
  const rows = parse(await readFile(join(dir, 'ipod_gazetteer.csv')), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const lexicon = titleLexicon();
  let right = 0;
  let total = 0;
  for (const r of rows) {
    const votes = [r.A1, r.A2, r.A3];
    const majority = votes.find((v) => votes.filter((w) => w === v).length >= 2);
    if (!majority) continue;
    const token = r.Title.toLowerCase();
    const ours = lexicon.englishSeniority.has(token) || lexicon.englishAcronyms.has(token)
      ? 'RES'
      : lexicon.englishFunctions.has(token)
        ? 'FUN'
        : 'O';
    total++;
    if (ours === (majority === 'LOC' ? 'O' : majority)) right++;
  }
  return { accuracy: right / Math.max(total, 1), tokens: total };
}

export async function evaluateTitles(dir: string, options: TitleEvaluationOptions = {}): Promise<TitleReport> {
  const started = Date.now();
  const [onet, korean] = await Promise.all([loadOnetTitles(dir), loadKoreanTitles(dir)]);
  const rootstrap = await rootstrapAccuracy(dir);
  const ipod = await ipodAccuracy(dir);
  return {
    perLanguage: [scoreLanguage('en', 'O*NET alternate titles (SOC labels)', onet, options), scoreLanguage('ko', 'Korean job dictionary (KSCO labels)', korean, options)],
    rootstrapAreaAccuracy: rootstrap.accuracy,
    rootstrapTitles: rootstrap.titles,
    ipodTokenAccuracy: ipod.accuracy,
    ipodTokens: ipod.tokens,
    seconds: (Date.now() - started) / 1000,
  };
}
