/**
 * The one seeded pseudo-random generator of the sandboxes: mulberry32 (public-domain, Tommy Ettinger).
 * It is fast, has a 32-bit state and passes the usual smoke tests; statistical perfection is not needed
 * here, reproducibility is — fault injection replays identically for a seed, and the demo world is
 * byte-identical for a seed. Changing any draw below changes every generated world, so don't.
 */

/** 32-bit mix of several integers (murmur3-style finaliser), used to derive independent stream seeds. */
export function hashInts(...values: number[]): number {
  let h = 0x811c9dc5 | 0;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream seeded from several integers (e.g. seed, account index, purpose). */
  static for(...parts: number[]): Rng {
    return new Rng(hashInts(...parts));
  }

  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability `p`; always takes one draw (the generator's streams rely on that). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * True with probability `rate`, taking a draw only when `rate > 0`: a fault rate left at zero must not
   * shift the sequence the other fault rates see.
   */
  roll(rate: number): boolean {
    return rate > 0 && this.next() < rate;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Pick with relative weights (weights need not sum to 1). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** Standard normal via Box–Muller. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson draw (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Normal draw around `mean`, clamped to [0, 1] (the generator's latent drivers, see generator/truth.ts). */
  unitAround(mean: number, spread = 0.2): number {
    return clamp01(this.normal(mean, spread));
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
