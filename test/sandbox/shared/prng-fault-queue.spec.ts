import { FaultQueue } from '../../../src/sandbox/shared/fault-queue.util';
import { hashInts, Rng } from '../../../src/sandbox/shared/prng.util';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('shared sandbox PRNG', () => {
  it('replays the same sequence for a seed, after reseed, and for the same stream parts', () => {
    const a = draws(new Rng(42), 50);
    expect(draws(new Rng(42), 50)).toEqual(a);
    const r = new Rng(7);
    draws(r, 10);
    r.reseed(42);
    expect(draws(r, 50)).toEqual(a);
    expect(draws(Rng.for(42, 3, 2), 20)).toEqual(draws(new Rng(hashInts(42, 3, 2)), 20));
    expect(draws(new Rng(43), 50)).not.toEqual(a);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it('roll(0) takes no draw (a zero fault rate leaves the sequence alone); chance(0) always takes one', () => {
    const rolled = new Rng(5);
    expect(rolled.roll(0)).toBe(false);
    expect(rolled.next()).toBe(new Rng(5).next());

    const chanced = new Rng(5);
    expect(chanced.chance(0)).toBe(false);
    const skipped = new Rng(5);
    skipped.next();
    expect(chanced.next()).toBe(skipped.next());
  });
});

describe('FaultQueue', () => {
  it('fires a queued fault `count` times for matching requests only, first queued first', () => {
    const q = new FaultQueue<string>();
    q.add('hang', 2, 'query');
    q.add('drop', 1);
    const forKind = (kind: string) => q.take((e) => !e.scope || e.scope === kind);
    expect(forKind('sobject')).toBe('drop');
    expect(forKind('sobject')).toBeUndefined();
    expect(forKind('query')).toBe('hang');
    expect(forKind('query')).toBe('hang');
    expect(forKind('query')).toBeUndefined();
  });

  it('forgets everything on clear', () => {
    const q = new FaultQueue<string>();
    q.add('server-error', 5);
    q.clear();
    expect(q.take(() => true)).toBeUndefined();
  });
});
