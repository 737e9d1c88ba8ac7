/** Deterministic PRNG (mulberry32) so a seed reproduces the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultKind = 'rate429' | 'server5xx' | 'slow' | 'hang' | 'drop' | 'expireToken';

export interface FaultConfig {
  seed: number;
  /** Probabilities per API request (0..1). */
  rate429: number;
  rate5xx: number;
  slowRate: number;
  slowMs: number;
  hangRate: number;
  dropRate: number;
  /** Probability that one input of a batch write fails with a per-input error in a 207. */
  partialBatchRate: number;
  /** Webhooks: probability a delivery POST is sent twice, and whether batches are shuffled. */
  webhookDuplicateRate: number;
  webhookReorder: boolean;
  /** Probability a webhook delivery is reported as failed by the sandbox before sending (tests retries). */
  webhookDropRate: number;
}

export const NO_FAULTS: FaultConfig = {
  seed: 1,
  rate429: 0,
  rate5xx: 0,
  slowRate: 0,
  slowMs: 2000,
  hangRate: 0,
  dropRate: 0,
  partialBatchRate: 0,
  webhookDuplicateRate: 0,
  webhookReorder: false,
  webhookDropRate: 0,
};

export interface ScheduledFault {
  kind: FaultKind;
  remaining: number;
  /** Only requests whose path contains this string. */
  pathIncludes?: string;
}

/** Fault injection, configurable at start and at run time (in-process or through `/__sandbox/faults`). */
export class FaultInjector {
  config: FaultConfig;
  private random: () => number;
  private readonly scheduled: ScheduledFault[] = [];

  constructor(config: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS, ...config };
    this.random = seededRandom(this.config.seed);
  }

  configure(update: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...update };
    if (update.seed !== undefined) this.random = seededRandom(update.seed);
    return this.config;
  }

  reset(): void {
    this.config = { ...NO_FAULTS };
    this.random = seededRandom(NO_FAULTS.seed);
    this.scheduled.length = 0;
  }

  /** Forces the next `count` matching requests to fail with `kind` (deterministic, for tests). */
  schedule(kind: FaultKind, count = 1, pathIncludes?: string): void {
    this.scheduled.push({ kind, remaining: count, pathIncludes });
  }

  roll(probability: number): boolean {
    return probability > 0 && this.random() < probability;
  }

  next(): number {
    return this.random();
  }

  /** Picks the fault (if any) for one API request. */
  pick(path: string): FaultKind | undefined {
    const index = this.scheduled.findIndex((s) => s.remaining > 0 && (!s.pathIncludes || path.includes(s.pathIncludes)));
    if (index >= 0) {
      const fault = this.scheduled[index];
      fault.remaining--;
      if (fault.remaining === 0) this.scheduled.splice(index, 1);
      return fault.kind;
    }
    const c = this.config;
    if (this.roll(c.dropRate)) return 'drop';
    if (this.roll(c.hangRate)) return 'hang';
    if (this.roll(c.rate5xx)) return 'server5xx';
    if (this.roll(c.rate429)) return 'rate429';
    if (this.roll(c.slowRate)) return 'slow';
    return undefined;
  }
}
