import englishLexicon from './lexicon/english-lexicon.json';
import koreanLexicon from './lexicon/korean-lexicon.json';
import { JOB_FUNCTIONS, type JobFunction, type Seniority } from './title-classifier.types';

/** One cue: the phrase as written in the lexicon and what it says. */
export interface FunctionCue {
  function: JobFunction;
  weight: number;
}

/**
 * Phrase dictionaries compiled from the JSON lexicons. English phrases are keyed by their space-joined
 * tokens (matched on word boundaries); Korean words are matched as substrings of Hangul runs.
 */
export interface CompiledLexicon {
  englishFillers: Set<string>;
  englishAcronyms: Map<string, { function: JobFunction; seniority: Seniority }>;
  englishSeniority: Map<string, Seniority>;
  englishWeakRanks: Set<string>;
  englishDownModifiers: Set<string>;
  englishFunctions: Map<string, FunctionCue[]>;
  englishMaxPhrase: number;
  englishNonContent: Set<string>;
  koreanFillers: Set<string>;
  koreanRanks: Map<string, { seniority: Seniority; order: number } | null>;
  koreanFunctions: Map<string, FunctionCue[]>;
  koreanOccupationSuffixes: string[];
  koreanNonContent: Set<string>;
  /** Head-noun suffixes that name a function when no word does (longest first), and words exempt from them. */
  koreanHeadSuffixes: { suffix: string; function: JobFunction }[];
  koreanHeadExceptions: string[];
}

function isFunction(value: string): value is JobFunction {
  return (JOB_FUNCTIONS as readonly string[]).includes(value);
}

function addCue(map: Map<string, FunctionCue[]>, phrase: string, fn: string, weight: number): void {
  if (!isFunction(fn)) throw new Error(`lexicon names an unknown function: ${fn}`);
  const list = map.get(phrase) ?? [];
  list.push({ function: fn, weight });
  map.set(phrase, list);
}

function compile(): CompiledLexicon {
  const englishFunctions = new Map<string, FunctionCue[]>();
  for (const [fn, cues] of Object.entries(englishLexicon.functions)) {
    for (const [phrase, weight] of cues as [string, number][]) addCue(englishFunctions, phrase, fn, weight);
  }
  const englishSeniority = new Map<string, Seniority>();
  for (const [level, phrases] of Object.entries(englishLexicon.seniority)) {
    for (const phrase of phrases) englishSeniority.set(phrase, level as Seniority);
  }
  const englishAcronyms = new Map<string, { function: JobFunction; seniority: Seniority }>();
  for (const [phrase, [fn, level]] of Object.entries(englishLexicon.acronyms as unknown as Record<string, [string, string]>)) {
    if (!isFunction(fn)) throw new Error(`lexicon names an unknown function: ${fn}`);
    englishAcronyms.set(phrase, { function: fn, seniority: level as Seniority });
  }
  const koreanFunctions = new Map<string, FunctionCue[]>();
  for (const [fn, cues] of Object.entries(koreanLexicon.functions)) {
    for (const [word, weight] of cues as [string, number][]) addCue(koreanFunctions, word, fn, weight);
  }
  const koreanRanks = new Map<string, { seniority: Seniority; order: number } | null>();
  for (const [word, level, order] of koreanLexicon.ranks as [string, string, number][]) {
    koreanRanks.set(word, { seniority: level as Seniority, order });
  }
  for (const word of koreanLexicon.notRanks.words) koreanRanks.set(word, null);
  const phrases = [...englishFunctions.keys(), ...englishSeniority.keys(), ...englishAcronyms.keys()];
  return {
    englishFillers: new Set(englishLexicon.fillers),
    englishAcronyms,
    englishSeniority,
    englishWeakRanks: new Set(englishLexicon.weakRanks.words),
    englishDownModifiers: new Set(englishLexicon.seniorityModifiers.down),
    englishFunctions,
    englishMaxPhrase: Math.max(...phrases.map((p) => p.split(' ').length)),
    englishNonContent: new Set(englishLexicon.nonContent.words),
    koreanFillers: new Set(koreanLexicon.fillers),
    koreanRanks,
    koreanFunctions,
    koreanNonContent: new Set(koreanLexicon.nonContentSuffixes.words),
    koreanOccupationSuffixes: [...koreanLexicon.occupationSuffixes.individual_contributor].sort((a, b) => b.length - a.length),
    koreanHeadSuffixes: (koreanLexicon.headSuffixFunctions.suffixes as [string, string][])
      .map(([suffix, fn]) => {
        if (!isFunction(fn)) throw new Error(`lexicon names an unknown function: ${fn}`);
        return { suffix, function: fn };
      })
      .sort((a, b) => b.suffix.length - a.suffix.length),
    koreanHeadExceptions: [...koreanLexicon.headSuffixFunctions.except],
  };
}

let compiled: CompiledLexicon | undefined;

/** The compiled lexicon, built once on first use. */
export function titleLexicon(): CompiledLexicon {
  compiled ??= compile();
  return compiled;
}

export interface PhraseMatch<T> {
  phrase: string;
  value: T;
  /** Index of the first token (English) or character (Korean) matched. */
  start: number;
  length: number;
}

/** Leftmost-longest matching of token sequences against a phrase map (so "vice president" beats "president"). */
export function matchTokens<T>(tokens: readonly string[], phrases: ReadonlyMap<string, T>, maxLength: number): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = false;
    for (let n = Math.min(maxLength, tokens.length - i); n >= 1; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const value = phrases.get(phrase);
      if (value !== undefined) {
        out.push({ phrase, value, start: i, length: n });
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return out;
}

/** Leftmost-longest substring matching inside a Hangul run (대표이사 beats 이사, 본부장 beats 부장). */
export function matchSubstrings<T>(text: string, words: ReadonlyMap<string, T>, maxLength = 8): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  let i = 0;
  while (i < text.length) {
    let matched = false;
    for (let n = Math.min(maxLength, text.length - i); n >= 1; n--) {
      const word = text.slice(i, i + n);
      const value = words.get(word);
      if (value !== undefined) {
        out.push({ phrase: word, value, start: i, length: n });
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return out;
}

/**
 * The words of a title that can say which function it is: rank words ("director", "manager"),
 * qualifiers ("senior", "of"), fillers and numbers removed. The learned model is trained and
 * applied on these, so ranks cannot drag it towards the largest occupation groups.
 */
export function contentTokens(tokens: readonly string[]): string[] {
  const lexicon = titleLexicon();
  const covered = new Set<number>();
  for (const m of matchTokens(tokens, lexicon.englishSeniority, lexicon.englishMaxPhrase)) {
    for (let i = m.start; i < m.start + m.length; i++) covered.add(i);
  }
  return tokens.filter(
    (t, i) =>
      !covered.has(i) &&
      t.length > 1 &&
      !/^\d+$/.test(t) &&
      !lexicon.englishFillers.has(t) &&
      !lexicon.englishNonContent.has(t) &&
      !lexicon.englishDownModifiers.has(t),
  );
}

/**
 * Korean titles put the head noun last (조립원 = assembly worker, 용접공 = welder); its suffix names the
 * kind of work when no function word matched. Runs that are only a rank (반장, 과장) are skipped.
 */
export function koreanHeadSuffixFunction(hangulRuns: readonly string[]): { function: JobFunction; suffix: string } | undefined {
  const lexicon = titleLexicon();
  const head = [...hangulRuns]
    .reverse()
    .find((run) => !lexicon.koreanRanks.get(run) && !lexicon.koreanFillers.has(run) && !lexicon.koreanNonContent.has(run));
  if (!head || lexicon.koreanHeadExceptions.some((e) => head.endsWith(e))) return undefined;
  const match = lexicon.koreanHeadSuffixes.find((s) => head.endsWith(s.suffix) && head.length > s.suffix.length);
  return match ? { function: match.function, suffix: match.suffix } : undefined;
}
