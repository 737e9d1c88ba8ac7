import { JOB_FUNCTIONS, type JobFunction } from './title-classifier.types';

/**
 * A multinomial naive-Bayes model over title words and word pairs, used only as a fallback when no
 * lexicon cue names a function (trades and professions the lexicon cannot list one by one:
 * "Bakery Worker", "Die Setter"). Stored as per-token class counts so it stays inspectable.
 */
export interface TokenModelData {
  source: string;
  classes: JobFunction[];
  /** Total token count per class (same order as `classes`). */
  classTotals: number[];
  /** token → [classIndex, count][] (sparse). */
  counts: Record<string, [number, number][]>;
  alpha: number;
}

export interface TokenPrediction {
  function: JobFunction;
  probability: number;
  tokens: string[];
}

export function titleFeatures(tokens: readonly string[]): string[] {
  const out = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

export function trainTokenModel(
  examples: readonly { tokens: string[]; function: JobFunction }[],
  options: { minCount?: number; alpha?: number; source: string },
): TokenModelData {
  const classes: JobFunction[] = JOB_FUNCTIONS.filter((f) => f !== 'unknown');
  const index = new Map<JobFunction, number>(classes.map((c, i) => [c, i]));
  const perToken = new Map<string, number[]>();
  for (const e of examples) {
    const k = index.get(e.function);
    if (k === undefined) continue;
    for (const f of new Set(titleFeatures(e.tokens))) {
      const row = perToken.get(f) ?? new Array<number>(classes.length).fill(0);
      row[k]++;
      perToken.set(f, row);
    }
  }
  const minCount = options.minCount ?? 2;
  const counts: Record<string, [number, number][]> = {};
  const classTotals = new Array<number>(classes.length).fill(0);
  for (const [token, row] of [...perToken.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (row.reduce((s, v) => s + v, 0) < minCount) continue;
    counts[token] = row.map((c, k) => [k, c] as [number, number]).filter(([, c]) => c > 0);
    row.forEach((c, k) => (classTotals[k] += c));
  }
  return { source: options.source, classes, classTotals, counts, alpha: options.alpha ?? 0.5 };
}

/** The stored counts turned into per-token log-likelihoods once, so prediction is a few lookups. */
export interface CompiledTokenModel {
  classes: JobFunction[];
  logPrior: Float64Array;
  logLikelihood: Map<string, Float64Array>;
}

export function compileTokenModel(model: TokenModelData): CompiledTokenModel {
  const vocabulary = Object.keys(model.counts).length;
  const logLikelihood = new Map<string, Float64Array>();
  for (const [token, sparse] of Object.entries(model.counts)) {
    const row = new Float64Array(model.classes.length);
    const counts = new Map(sparse);
    model.classes.forEach((_, k) => {
      row[k] = Math.log(((counts.get(k) ?? 0) + model.alpha) / (model.classTotals[k] + model.alpha * vocabulary));
    });
    logLikelihood.set(token, row);
  }
  const total = model.classTotals.reduce((a, b) => a + b, 0);
  const logPrior = Float64Array.from(model.classTotals, (t) => Math.log((t + 1) / (total + model.classes.length)));
  return { classes: model.classes, logPrior, logLikelihood };
}

/**
 * Posterior over functions with the training prior. (A uniform prior was tried first: with classes of
 * very different sizes the smoothing then favours tiny classes for rare words — "Loadmaster" came out
 * as executive — so the model is only trusted when its posterior is high; see TOKEN_MODEL_MIN_PROBABILITY.)
 */
export function predictWithTokenModel(model: CompiledTokenModel, tokens: readonly string[]): TokenPrediction | undefined {
  const known = titleFeatures(tokens).filter((f) => model.logLikelihood.has(f));
  if (known.length === 0) return undefined;
  const logp = Float64Array.from(model.logPrior);
  for (const f of known) {
    const row = model.logLikelihood.get(f) as Float64Array;
    for (let k = 0; k < logp.length; k++) logp[k] += row[k];
  }
  const max = Math.max(...logp);
  let total = 0;
  let best = 0;
  for (let k = 0; k < logp.length; k++) {
    total += Math.exp(logp[k] - max);
    if (logp[k] > logp[best]) best = k;
  }
  return { function: model.classes[best], probability: 1 / total, tokens: known };
}
