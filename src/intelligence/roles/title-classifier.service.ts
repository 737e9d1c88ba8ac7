import { Injectable } from '@nestjs/common';
import { inferBuyingRole } from './buying-role-rules.util';
import { contentTokens, koreanHeadSuffixFunction, matchSubstrings, matchTokens, titleLexicon, type FunctionCue } from './title-lexicon.util';
import { normalizeTitle } from './title-normalizer.util';
import { compileTokenModel, predictWithTokenModel, type CompiledTokenModel, type TokenModelData } from './title-token-model.util';
import englishTokenModel from './lexicon/english-token-model.json';
import { SENIORITIES, type JobFunction, type Seniority, type TitleClassification } from './title-classifier.types';

// Agent-noun endings (welder, inspector, machinist, technician, accountant, trainee, representative…)
// minus abstract nouns that share them (management, department, procurement).
const OCCUPATION_NOUN = /(er|or|ist|ian|ant|ent|ee|man|woman|smith|wright|ive|ary|ic)$/;
const NOT_OCCUPATION = /(ment|ency|ancy|ure|ics)$/;

interface SeniorityFinding {
  seniority: Seniority;
  confidence: number;
  evidence: string[];
  rank?: string;
  /** True when something other than rank words and qualifiers is left in the title. */
  hasContent: boolean;
}

interface FunctionFinding {
  function: JobFunction;
  confidence: number;
  evidence: string[];
}

export interface ClassifyOptions {
  /** Use the learned word model when no lexicon cue names a function (default true). */
  useTokenModel?: boolean;
}

/** Below this posterior the learned model's guess is not used. */
const TOKEN_MODEL_MIN_PROBABILITY = 0.6;

let tokenModel: CompiledTokenModel | undefined;
function englishModel(): CompiledTokenModel {
  tokenModel ??= compileTokenModel(englishTokenModel as unknown as TokenModelData);
  return tokenModel;
}

const rankIndex = (s: Seniority) => SENIORITIES.indexOf(s);
const stepDown = (s: Seniority): Seniority =>
  s === 'unknown' || s === 'individual_contributor' ? s : SENIORITIES[rankIndex(s) + 1];

/**
 * Classifies a free-text job title (English, Korean or mixed) into function, seniority and a
 * canonical buying role, with the cues that decided each part. Rules and lexicon only: every
 * answer can be traced to a phrase in `lexicon/*.json`; a title with no cue gets `unknown`.
 */
@Injectable()
export class TitleClassifierService {
  classify(title: string): TitleClassification {
    return classifyTitle(title);
  }

  classifyMany(titles: readonly string[]): TitleClassification[] {
    return titles.map((t) => classifyTitle(t));
  }
}

export function classifyTitle(title: string, options: ClassifyOptions = {}): TitleClassification {
  const lexicon = titleLexicon();
  const { latinTokens, hangulRuns } = normalizeTitle(title);
  const latinPhrase = latinTokens.join(' ');
  const meaningfulLatin = latinTokens.filter((t) => !lexicon.englishFillers.has(t) && !/^\d+$/.test(t));
  const meaningfulHangul = hangulRuns.filter((r) => !lexicon.koreanFillers.has(r));
  if ((meaningfulLatin.length === 0 || lexicon.englishFillers.has(latinPhrase)) && meaningfulHangul.length === 0) {
    return unknownTitle(title);
  }

  const acronyms = matchTokens(latinTokens, lexicon.englishAcronyms, lexicon.englishMaxPhrase);
  // In "Executive Assistant to the CEO" the rank after "to" is the boss's, not the holder's.
  const toBoss = latinTokens.findIndex((t, i) => t === 'to' && i > 0 && /^(assistant|secretary|aide|advisor|adviser)$/.test(latinTokens[i - 1]));
  const rankTokens = toBoss > 0 ? latinTokens.slice(0, toBoss) : latinTokens;
  const rankAcronyms = acronyms.filter((a) => toBoss < 0 || a.start < toBoss);
  const seniority = decideSeniority(rankTokens, hangulRuns, rankAcronyms.map((a) => ({ phrase: a.phrase, seniority: a.value.seniority })));
  const fn = decideFunction(
    latinTokens,
    hangulRuns,
    rankAcronyms.map((a) => ({ phrase: a.phrase, fn: a.value.function })),
    seniority.hasContent || toBoss > 0,
    options.useTokenModel ?? true,
  );
  const rule = inferBuyingRole(fn.function, seniority.seniority);
  const roleConfidence = round(Math.min(fn.confidence, seniority.seniority === 'unknown' ? 1 : seniority.confidence) * rule.strength);
  return {
    title,
    function: fn.function,
    seniority: seniority.seniority,
    ...(seniority.rank ? { rank: seniority.rank } : {}),
    buyingRole: rule.role,
    confidence: rule.role === 'unknown' ? round(Math.min(0.2, fn.confidence, seniority.confidence)) : roleConfidence,
    evidence: {
      function: fn.evidence,
      seniority: seniority.evidence,
      buyingRole: rule.reason,
      confidence: { function: round(fn.confidence), seniority: round(seniority.confidence), buyingRole: roleConfidence },
    },
  };
}

function unknownTitle(title: string): TitleClassification {
  return {
    title,
    function: 'unknown',
    seniority: 'unknown',
    buyingRole: 'unknown',
    confidence: 0,
    evidence: {
      function: [],
      seniority: [],
      buyingRole: 'the title carries no function or rank',
      confidence: { function: 0, seniority: 0, buyingRole: 0 },
    },
  };
}

function decideFunction(
  tokens: string[],
  hangulRuns: string[],
  acronyms: { phrase: string; fn: JobFunction }[],
  hasContent: boolean,
  useTokenModel: boolean,
): FunctionFinding {
  const lexicon = titleLexicon();
  const scores = new Map<JobFunction, { total: number; best: number; first: number; cues: string[] }>();
  let order = 0;
  const add = (phrase: string, cue: FunctionCue) => {
    const s = scores.get(cue.function) ?? { total: 0, best: 0, first: order, cues: [] };
    s.total += cue.weight;
    s.best = Math.max(s.best, cue.weight);
    if (!s.cues.includes(phrase)) s.cues.push(phrase);
    scores.set(cue.function, s);
  };
  for (const a of acronyms) add(a.phrase, { function: a.fn, weight: 5 });
  for (const m of matchTokens(tokens, lexicon.englishFunctions, lexicon.englishMaxPhrase)) {
    order++;
    for (const cue of m.value) add(m.phrase, cue);
  }
  for (const run of hangulRuns) {
    for (const m of matchSubstrings(run, lexicon.koreanFunctions)) {
      order++;
      for (const cue of m.value) add(m.phrase, cue);
    }
  }
  const ranked = [...scores.entries()].sort(
    (a, b) => b[1].total - a[1].total || b[1].best - a[1].best || a[1].first - b[1].first,
  );
  if (ranked.length === 0) {
    // Words beyond ranks are present but none names a function we track: a real job, just not one of ours.
    // Only rank words ("Director", "전무이사"): the function is not stated.
    if (!hasContent) return { function: 'unknown', confidence: 0.1, evidence: [] };
    const head = koreanHeadSuffixFunction(hangulRuns);
    // A suffix is a weaker witness than a named function word, so its confidence stays low.
    if (head) return { function: head.function, confidence: 0.45, evidence: [`head suffix: -${head.suffix}`] };
    const guess = useTokenModel ? predictWithTokenModel(englishModel(), contentTokens(tokens)) : undefined;
    if (guess && guess.probability >= TOKEN_MODEL_MIN_PROBABILITY) {
      // The learned model is a weaker witness than a lexicon cue, so its confidence is capped lower.
      return { function: guess.function, confidence: 0.6 * guess.probability, evidence: guess.tokens.map((t) => `model:${t}`) };
    }
    return { function: 'other', confidence: 0.35, evidence: [] };
  }
  const [winner, top] = ranked[0];
  const runnerUp = ranked[1]?.[1].total ?? 0;
  const confidence = Math.min(0.95, 0.35 + 0.12 * top.total) * (top.total / (top.total + 0.5 * runnerUp));
  return { function: winner, confidence, evidence: top.cues };
}

function decideSeniority(
  tokens: string[],
  hangulRuns: string[],
  acronyms: { phrase: string; seniority: Seniority }[],
): SeniorityFinding {
  const lexicon = titleLexicon();
  const strong: { seniority: Seniority; phrase: string }[] = acronyms.map((a) => ({ seniority: a.seniority, phrase: a.phrase }));
  const weak: { seniority: Seniority; phrase: string }[] = [];
  const matches = matchTokens(tokens, lexicon.englishSeniority, lexicon.englishMaxPhrase);
  matches.forEach((m, k) => {
    let level = m.value;
    let phrase = m.phrase;
    const previous = tokens[m.start - 1];
    if (previous && lexicon.englishDownModifiers.has(previous) && m.length === 1) {
      level = stepDown(level);
      phrase = `${previous} ${m.phrase}`;
    }
    if (m.phrase === 'chief' && tokens.slice(m.start + 1).includes('officer')) {
      level = 'c_level';
      phrase = 'chief … officer';
    }
    const nextIsRank = matches[k + 1] && matches[k + 1].start === m.start + m.length;
    // A down-modifier that is itself an IC word ("assistant manager") is absorbed by the rank it modifies.
    if (lexicon.englishDownModifiers.has(m.phrase) && nextIsRank) return;
    (lexicon.englishWeakRanks.has(m.phrase) ? weak : strong).push({ seniority: level, phrase });
  });
  const covered = new Set<number>();
  for (const m of matches) for (let i = m.start; i < m.start + m.length; i++) covered.add(i);
  let hasContent = tokens.some(
    (t, i) => !covered.has(i) && !lexicon.englishNonContent.has(t) && !lexicon.englishFillers.has(t) && !lexicon.englishDownModifiers.has(t),
  );
  let rank: string | undefined;
  let rankOrder = -1;
  for (const run of hangulRuns) {
    const runMatches = matchSubstrings(run, lexicon.koreanRanks);
    let rest = run;
    for (const m of [...runMatches].reverse()) rest = rest.slice(0, m.start) + ' ' + rest.slice(m.start + m.length);
    if (rest.split(' ').some((piece) => piece.length > 0 && !lexicon.koreanNonContent.has(piece) && !lexicon.koreanFillers.has(piece))) {
      hasContent = true;
    }
    for (const m of runMatches) {
      if (!m.value) continue;
      strong.push({ seniority: m.value.seniority, phrase: m.phrase });
      if (m.value.order > rankOrder) {
        rankOrder = m.value.order;
        rank = m.phrase;
      }
    }
  }
  const pool = strong.length > 0 ? strong : weak;
  if (pool.length > 0) {
    const best = pool.reduce((a, b) => (rankIndex(b.seniority) < rankIndex(a.seniority) ? b : a));
    const agreeing = pool.filter((p) => p.seniority === best.seniority).map((p) => p.phrase);
    return { seniority: best.seniority, confidence: strong.length > 0 ? 0.9 : 0.7, evidence: agreeing, hasContent, ...(rank ? { rank } : {}) };
  }
  // No rank word: a title naming a trade or profession ("Welder", "용접원") is done by a practitioner.
  const lastLatin = tokens[tokens.length - 1];
  if (lastLatin && OCCUPATION_NOUN.test(lastLatin) && !NOT_OCCUPATION.test(lastLatin) && !lexicon.englishFillers.has(lastLatin)) {
    return { seniority: 'individual_contributor', confidence: 0.5, evidence: [`occupation noun: ${lastLatin}`], hasContent };
  }
  const lastRun = hangulRuns[hangulRuns.length - 1];
  const suffix = lastRun && lexicon.koreanOccupationSuffixes.find((s) => lastRun.endsWith(s) && lastRun.length > s.length);
  if (suffix) return { seniority: 'individual_contributor', confidence: 0.5, evidence: [`occupation suffix: ${suffix}`], hasContent };
  return { seniority: 'unknown', confidence: 0.1, evidence: [], hasContent };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
