/** Injectable time source so tests can move time (token expiry, rate windows, search lag) without sleeping. */
export interface SandboxClock {
  now(): number;
}

export const systemClock: SandboxClock = { now: () => Date.now() };

/** A clock tests advance by hand; starts at `startMs` (defaults to the real time at creation). */
export class ManualClock implements SandboxClock {
  private current: number;

  constructor(startMs: number = Date.now()) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
