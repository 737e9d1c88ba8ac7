import { FaultQueue } from '../shared/fault-queue.util';
import { Rng } from '../shared/prng.util';

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

/** Fault injection, configurable at start and at run time (in-process or through `/__sandbox/faults`). */
export class FaultInjector {
  config: FaultConfig;
  /** Seeded so a seed reproduces the same fault sequence. */
  private readonly rng: Rng;
  /** Scheduled faults, scoped to requests whose path contains the scope string. */
  private readonly scheduled = new FaultQueue<FaultKind>();

  constructor(config: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS, ...config };
    this.rng = new Rng(this.config.seed);
  }

  configure(update: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...update };
    if (update.seed !== undefined) this.rng.reseed(update.seed);
    return this.config;
  }

  reset(): void {
    this.config = { ...NO_FAULTS };
    this.rng.reseed(NO_FAULTS.seed);
    this.scheduled.clear();
  }

  /** Forces the next `count` matching requests to fail with `kind` (deterministic, for tests). */
  schedule(kind: FaultKind, count = 1, pathIncludes?: string): void {
    this.scheduled.add(kind, count, pathIncludes);
  }

  /** True with `probability`; a zero rate takes no draw, so it does not shift the others' sequence. */
  roll(probability: number): boolean {
    return this.rng.roll(probability);
  }

  next(): number {
    return this.rng.next();
  }

  /** Picks the fault (if any) for one API request. */
  pick(path: string): FaultKind | undefined {
    const scheduled = this.scheduled.take((s) => s.remaining > 0 && (!s.scope || path.includes(s.scope)));
    if (scheduled) return scheduled;
    const c = this.config;
    if (this.roll(c.dropRate)) return 'drop';
    if (this.roll(c.hangRate)) return 'hang';
    if (this.roll(c.rate5xx)) return 'server5xx';
    if (this.roll(c.rate429)) return 'rate429';
    if (this.roll(c.slowRate)) return 'slow';
    return undefined;
  }
}
